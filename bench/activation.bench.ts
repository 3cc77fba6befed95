import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { probe } from './activation/loaded';

/**
 * `npm run bench -- activation`: require + activate of the production bundle in Node with a
 * stand-in `vscode` module (bench/activation/stand-in-vscode.cjs), each run in a fresh process;
 * then the first use of two features (Send Selection up to its picker, Compose up to its panel).
 * Next to it, in the same run: an empty extension, and with BENCH_REF=<git ref> (for example
 * `main`) the same bundle built from that ref, so numbers are ratios on the same machine.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const ROOT = resolve(__dirname, '..');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function build(dir: string) {
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: dir, stdio: 'ignore' });
}

/** This checkout's production build, made in a temporary folder so that dist/ (maybe in use by a test host) is left alone. */
function buildHere(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imessage-bench-here-'));
  for (const name of ['src', 'node_modules', 'esbuild.js', 'package.json', 'tsconfig.json']) symlinkSync(join(ROOT, name), join(dir, name));
  build(dir);
  return dir;
}

/** The bundle of another git ref, built with this checkout's node_modules. */
function buildRef(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'imessage-bench-ref-'));
  execFileSync('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  build(dir);
  return dir;
}

export function run() {
  const here = buildHere();
  const empty = mkdtempSync(join(tmpdir(), 'imessage-bench-empty-'));
  writeFileSync(join(empty, 'extension.js'), 'exports.activate = async () => ({});\n');
  const subjects: { name: string; main: string }[] = [
    { name: 'empty extension', main: join(empty, 'extension.js') },
    { name: 'this checkout', main: join(here, 'dist', 'extension.js') },
  ];
  const ref = process.env.BENCH_REF;
  const refDir = ref ? buildRef(ref) : undefined;
  if (refDir) subjects.push({ name: `${ref} (reference)`, main: join(refDir, 'dist', 'extension.js') });

  const features = ['selection', 'compose'] as const;
  const samples = new Map<string, { activate: number[]; bytes: number; first: Record<string, number[]> }>(
    subjects.map((s) => [s.name, { activate: [], bytes: 0, first: { selection: [], compose: [] } }]),
  );
  // Interleaved, so that a slow moment of a shared machine hits every subject alike.
  for (let i = 0; i < RUNS; i++) {
    for (const s of subjects) {
      const into = samples.get(s.name)!;
      const sample = probe(s.main);
      into.activate.push(sample.activateMs);
      into.bytes = sample.files.reduce((sum, f) => sum + f.bytes, 0);
      if (s.name === 'empty extension') continue;
      for (const f of features) into.first[f]!.push(probe(s.main, f).firstUseMs!);
    }
  }
  const emptyMs = median(samples.get('empty extension')!.activate);
  const rows = subjects.map((s) => {
    const m = samples.get(s.name)!;
    const activate = median(m.activate);
    const row: Record<string, string | number> = {
      bundle: s.name,
      runs: RUNS,
      'activate median ms': Number(activate.toFixed(2)),
      'vs empty': `${(activate / emptyMs).toFixed(1)}×`,
      'bytes at activation': m.bytes,
    };
    if (s.name !== 'empty extension') {
      row['send selection → picker ms'] = Number(median(m.first.selection!).toFixed(2));
      row['compose → panel ms'] = Number(median(m.first.compose!).toFixed(2));
    }
    return row;
  });
  for (const dir of [empty, here]) rmSync(dir, { recursive: true, force: true });
  if (refDir) rmSync(refDir, { recursive: true, force: true });
  return rows;
}
