import { hostRuns, spread } from './host-runs';

/**
 * `npm run bench -- ask`: the latency from a reply arriving at the sandbox (its inbound control
 * route answered) to `imessage_ask` returning it, in a real extension host (code-server), as the
 * integration test of that name measures it: five questions, each answered at a different moment
 * of the conversation's poll cycle. BENCH_ASK_SUITES=<n> repeats the host run for more samples.
 */

const SUITES = Number(process.env.BENCH_ASK_SUITES ?? 1);
const TEST = 'imessage_ask, five times';

export async function run() {
  const runs = await hostRuns<{ latencies: number[] }>(TEST, SUITES);
  return [{ 'reply → imessage_ask returned': 'ms', ...spread(runs.flatMap((r) => r.latencies)) }];
}
