import { hostRuns, spread } from './host-runs';

/**
 * `npm run bench -- pager`: the agent pager end to end in a real extension host (code-server), as
 * the host test "hook timings" (test/integration/agent-hooks-e2e.test.ts) measures it, Claude Code's
 * entries run as the setup writes them: from the hook's start to its text arriving at the sandbox
 * (Stop), and from the user's reply arriving at the sandbox (its inbound route answered) to the
 * decision on the hook's stdout (PermissionRequest; issue 22 asks for a median of at most 3 s),
 * five of each per run, the replies landing at different moments of the poll cycle.
 * BENCH_PAGER_SUITES=<n> repeats the host run for more samples.
 */

const SUITES = Number(process.env.BENCH_PAGER_SUITES ?? 1);
const TEST = 'hook timings';

export async function run() {
  const runs = await hostRuns<{ toText: number[]; toDecision: number[] }>(TEST, SUITES);
  return [
    { measure: 'hook start → text at the sandbox', unit: 'ms', ...spread(runs.flatMap((r) => r.toText)) },
    { measure: 'reply at the sandbox → decision printed by the hook', unit: 'ms', ...spread(runs.flatMap((r) => r.toDecision)) },
  ];
}
