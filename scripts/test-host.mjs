// `npm run test:integration`: the integration suite in a real VS Code extension host.
//   node scripts/test-host.mjs [--grep <pattern>] [--route code-server|electron]
// Env: IMESSAGE_TEST_HOST (route), MOCHA_GREP, IMESSAGE_SUITE_TIMEOUT_MS, IMESSAGE_HOST_VERBOSE=1,
//      IMESSAGE_HOST_CACHE (code-server cache), VSCODE_EXECUTABLE (electron route without download).
import { parseArgs } from 'node:util';
import { runSuite } from './host/run-suite.mjs';

const { values } = parseArgs({ options: { grep: { type: 'string', short: 'g' }, route: { type: 'string' } } });

let code = 1;
try {
  code = await runSuite({ grep: values.grep, route: values.route });
} catch (e) {
  console.error(`[test-host] ERROR: ${e.stack ?? e}`);
}
// Explicit exit: a stray handle from a child or the browser must not keep CI waiting.
process.exit(code);
