import MarkdownIt from 'markdown-it';
import { performance } from 'node:perf_hooks';
import { parse, renderHtml } from '../src/core/format';

/**
 * Parse + render-HTML throughput of the formatting engine against markdown-it on the same
 * inputs in the same process, plus how time per byte scales from 100 KB to 1 MB (the fastest
 * sample at 1 MB over the fastest at 100 KB; ~1.0 is linear). "ours" is `renderHtml(text)`, which
 * parses without materialising a tree; "via tree" is `renderHtml(parse(text))`.
 */

const KB = 1000;
const MB = 1000 * KB;

/** Deterministic, so runs are comparable. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the build finished in seconds and every test passed except the flaky one we keep ' +
  'meaning to fix deploy goes out after lunch unless someone objects please review the notes'
).split(' ');
const WRAPS = [
  ['**', '**'],
  ['_', '_'],
  ['*', '*'],
  ['~~', '~~'],
  ['__', '__'],
  ['**_', '_**'],
];
const SNIPPETS = [
  'def f(*args, **kwargs): return snake_case_name',
  'x = a * b * c',
  'if (a < b && c > "d") {}',
  'https://example.com/a_b_c?x=1&y=2',
  'see https://x.com/some_path/__init__.py',
  'ptr->next = *ptr',
  '😀',
  '👨‍👩‍👧',
  '🇫🇷',
  '❤️',
  '👍🏽',
  'café',
  '~/work/main',
  '2 * 3 = 6',
  "it's <fine>",
];

function realistic(bytes: number): string {
  const rand = prng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rand();
    let piece: string;
    if (r < 0.12) {
      const [open, close] = pick(WRAPS);
      piece = `${open}${pick(WORDS)} ${pick(WORDS)}${close}`;
    } else if (r < 0.2) piece = pick(SNIPPETS);
    else if (r < 0.23) piece = '\n';
    else piece = pick(WORDS);
    parts.push(piece, r < 0.2 || r >= 0.23 ? (rand() < 0.1 ? '. ' : ' ') : '');
    size += Buffer.byteLength(piece) + 1;
  }
  return parts.join('');
}

function repeat(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

interface Family {
  name: string;
  sizes: number[];
  make(bytes: number): string;
}

const FAMILIES: Family[] = [
  { name: 'realistic prose', sizes: [KB, 100 * KB, MB], make: realistic },
  { name: '* run (unmatched)', sizes: [100 * KB, MB], make: (n) => repeat('*', n) },
  { name: '_ run (unmatched)', sizes: [100 * KB, MB], make: (n) => repeat('_', n) },
  { name: '~ run (unmatched)', sizes: [100 * KB, MB], make: (n) => repeat('~', n) },
  { name: '*a openers (unmatched)', sizes: [100 * KB, MB], make: (n) => repeat('*a ', n) },
  { name: '*_*_ alternating', sizes: [100 * KB, MB], make: (n) => repeat('*_', n) },
  { name: '**a**b**c…', sizes: [100 * KB, MB], make: (n) => repeat('**a', n) },
  { name: '_a_a_a…', sizes: [100 * KB, MB], make: (n) => repeat('_a', n) },
  { name: 'rule-of-3 trap', sizes: [100 * KB, MB], make: (n) => repeat('*x ', n / 2) + repeat('a**b ', n / 2) },
  { name: 'nested openers/closers', sizes: [100 * KB, MB], make: (n) => repeat('*a _b ', n / 2) + repeat('c_ d* ', n / 2) },
];

const WARM_MS = 150;
const SAMPLE_MS = 25;
const SAMPLES = 7;
const SLOW_SAMPLES = 3;

interface Timing {
  median: number;
  /** Least disturbed by other load on the machine, so the better basis for comparing sizes. */
  min: number;
}

/**
 * Seconds per call for each function. Samples are interleaved (a, b, c, a, b, c…) so
 * load from anything else on the machine hits every engine alike. Each function is warmed up
 * for WARM_MS first; fast ones are looped so a sample lasts ≥ SAMPLE_MS. A function slower than
 * the whole warm-up (markdown-it on 1 MB of pathological input) gets SLOW_SAMPLES, the warm-up
 * call counting as one (the 100 KB run of the same family already warmed it), so the whole
 * bench stays around a minute.
 */
function measure(fns: Array<() => void>): Timing[] {
  const samples: number[][] = fns.map(() => []);
  const wanted: number[] = [];
  const loops = fns.map((fn, i) => {
    const t0 = performance.now();
    let calls = 0;
    do {
      fn();
      calls++;
    } while (performance.now() - t0 < WARM_MS);
    const once = (performance.now() - t0) / calls;
    if (calls === 1) samples[i].push(once / 1000);
    wanted[i] = calls === 1 ? SLOW_SAMPLES : SAMPLES;
    return Math.max(1, Math.ceil(SAMPLE_MS / once));
  });
  for (let round = 0; round < SAMPLES; round++) {
    fns.forEach((fn, i) => {
      if (samples[i].length >= wanted[i]) return;
      const t0 = performance.now();
      for (let j = 0; j < loops[i]; j++) fn();
      samples[i].push((performance.now() - t0) / loops[i] / 1000);
    });
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { median: s[s.length >> 1], min: s[0] };
  });
}

export type FormatBenchRow = Record<string, string | number>;

const mbps = (bytes: number, seconds: number): number => bytes / MB / seconds;
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const label = (bytes: number): string => (bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`);

export function run(): FormatBenchRow[] {
  const md = new MarkdownIt();
  const rows: FormatBenchRow[] = [];
  for (const family of FAMILIES) {
    const perByte = new Map<number, { ours: number; md: number }>();
    for (const nominal of family.sizes) {
      const text = family.make(nominal);
      const bytes = Buffer.byteLength(text);
      const [ours, viaTree, theirs] = measure([() => renderHtml(text), () => renderHtml(parse(text)), () => md.render(text)]);
      perByte.set(nominal, { ours: ours.min / bytes, md: theirs.min / bytes });
      const base = perByte.get(100 * KB);
      const scaling = nominal === MB && base !== undefined;
      rows.push({
        input: family.name,
        size: label(nominal),
        'ours MB/s': round(mbps(bytes, ours.median), 1),
        'ours via tree MB/s': round(mbps(bytes, viaTree.median), 1),
        'markdown-it MB/s': round(mbps(bytes, theirs.median), 1),
        'ours/markdown-it': round(theirs.median / ours.median, 1),
        'via tree/markdown-it': round(theirs.median / viaTree.median, 1),
        'scaling ours': scaling ? round(ours.min / bytes / base.ours, 2) : '',
        'scaling markdown-it': scaling ? round(theirs.min / bytes / base.md, 2) : '',
      });
    }
  }
  return rows;
}
