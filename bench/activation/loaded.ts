// Which files of a built extension load at activation, and how many bytes: the extension is
// activated against the stand-in `vscode` in a fresh Node process, which lists the files
// require() loaded. Exact and deterministic (the same code path every time).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const PROBE = join(__dirname, 'probe.cjs');

export interface Sample {
  activateMs: number;
  firstUseMs?: number;
  /** Files of the extension loaded by activation, relative to main's folder. */
  files: { file: string; bytes: number }[];
}

export function probe(main: string, feature?: string): Sample {
  const r = spawnSync(process.execPath, [PROBE, main, ...(feature ? [feature] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`probe failed for ${main} ${feature ?? ''}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

export const activationBytes = (main: string) => probe(main).files.reduce((sum, f) => sum + f.bytes, 0);
