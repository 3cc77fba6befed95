import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench -- ask`: the latency from a reply arriving at the sandbox (its inbound control
 * route answered) to `imessage_ask` returning it, in a real extension host (code-server), as the
 * integration test of that name measures it: five questions, each answered at a different moment
 * of the conversation's poll cycle. BENCH_ASK_SUITES=<n> repeats the host run for more samples.
 */

const SUITES = Number(process.env.BENCH_ASK_SUITES ?? 1);
const TEST = 'imessage_ask, five times';

export async function run() {
  // A plain JavaScript module of the test runner (no types to check against).
  const runner = pathToFileURL(resolve(__dirname, '../scripts/host/run-suite.mjs')).href;
  const { runSuite } = (await import(runner)) as { runSuite: (o: { grep: string }) => Promise<number> };
  const dir = mkdtempSync(join(tmpdir(), 'imessage-bench-ask-'));
  const latencies: number[] = [];
  try {
    for (let i = 0; i < SUITES; i++) {
      const out = join(dir, `run-${i}.json`);
      process.env.IMESSAGE_BENCH_OUT = out;
      const code = await runSuite({ grep: TEST });
      if (code !== 0) throw new Error(`the host run failed (exit ${code})`);
      latencies.push(...(JSON.parse(readFileSync(out, 'utf8')) as { latencies: number[] }).latencies);
    }
  } finally {
    delete process.env.IMESSAGE_BENCH_OUT;
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return [
    {
      'reply → imessage_ask returned': 'ms',
      runs: sorted.length,
      min: sorted[0]!,
      median,
      max: sorted.at(-1)!,
      samples: latencies.join(' '),
    },
  ];
}
