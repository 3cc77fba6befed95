import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs the host test(s) matching `grep` in a real extension host (code-server) `suites` times; each
 * run's test writes its samples as JSON to IMESSAGE_BENCH_OUT. Returns what each run wrote.
 */
export async function hostRuns<T>(grep: string, suites: number): Promise<T[]> {
  // A plain JavaScript module of the test runner (no types to check against).
  const runner = pathToFileURL(resolve(__dirname, '../scripts/host/run-suite.mjs')).href;
  const { runSuite } = (await import(runner)) as { runSuite: (o: { grep: string }) => Promise<number> };
  const dir = mkdtempSync(join(tmpdir(), 'imessage-bench-host-'));
  const outs: T[] = [];
  try {
    for (let i = 0; i < suites; i++) {
      const out = join(dir, `run-${i}.json`);
      process.env.IMESSAGE_BENCH_OUT = out;
      const code = await runSuite({ grep });
      if (code !== 0) throw new Error(`the host run failed (exit ${code})`);
      outs.push(JSON.parse(readFileSync(out, 'utf8')) as T);
    }
  } finally {
    delete process.env.IMESSAGE_BENCH_OUT;
    rmSync(dir, { recursive: true, force: true });
  }
  return outs;
}

/** runs, min, median, max and the samples in the order taken. */
export function spread(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { runs: n, min: sorted[0]!, median, max: sorted.at(-1)!, samples: samples.join(' ') };
}
