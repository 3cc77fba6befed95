// Runs the compiled integration suite (test/integration) inside a real VS Code extension host.
// Routes: `code-server` (default; offline: code-server + headless chromium) or `electron`
// (@vscode/test-electron; downloads desktop VS Code unless VSCODE_EXECUTABLE points at one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, SUITE_INDEX } from './build.mjs';
import { startHostile } from './hostile.mjs';
import { screenshot, startWorkbench } from './workbench.mjs';
import { REPO_ROOT } from './util.mjs';

export const ROUTES = ['code-server', 'electron'];

/**
 * @param {object} [o]
 * @param {'code-server'|'electron'} [o.route]  default: env IMESSAGE_TEST_HOST, else code-server
 * @param {string} [o.grep]                     mocha grep; default: env MOCHA_GREP
 * @param {number} [o.timeoutMs]                whole run; default: env IMESSAGE_SUITE_TIMEOUT_MS or 20 min (a hung host, not a slow suite, should end the run)
 * @returns {Promise<number>} exit code: 0 only when every test passed
 */
export async function runSuite(o = {}) {
  const route = o.route ?? process.env.IMESSAGE_TEST_HOST ?? 'code-server';
  if (!ROUTES.includes(route)) throw new Error(`IMESSAGE_TEST_HOST must be one of ${ROUTES.join(', ')}, not "${route}"`);
  const grep = o.grep ?? process.env.MOCHA_GREP;
  const timeoutMs = o.timeoutMs ?? Number(process.env.IMESSAGE_SUITE_TIMEOUT_MS || 20 * 60_000);
  const log = (l) => console.log(`[test-host] ${l}`);

  const t0 = Date.now();
  await buildAll();
  log(`built extension and suite in ${Date.now() - t0} ms; route: ${route}`);

  // One temporary root per run, removed after: the agent hooks' channel (not made yet: the extension
  // makes it private) and the home that agent setup writes ~/.claude, ~/.copilot and ~/.codex into (CONTRIBUTING).
  const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-host-run-'));
  const agentHome = path.join(runRoot, 'home');
  fs.mkdirSync(agentHome);
  const extensionEnvironment = {
    IMESSAGE_TEST: '1',
    IMESSAGE_AGENT_HOME: agentHome,
    IMESSAGE_HOOK_DIR: path.join(runRoot, 'channel'),
    IMESSAGE_TEST_HOST: route,
    MOCHA_COLOR: process.stdout.isTTY ? '1' : '0',
    ...(grep ? { MOCHA_GREP: grep } : {}),
    // The suite's mocha forbids `.only` in CI (test/integration/index.ts).
    ...(process.env.CI ? { CI: process.env.CI } : {}),
    // Where a test that doubles as a benchmark writes its samples (npm run bench -- ask).
    ...(process.env.IMESSAGE_BENCH_OUT ? { IMESSAGE_BENCH_OUT: process.env.IMESSAGE_BENCH_OUT } : {}),
  };
  const t1 = Date.now();
  const code = await (
    route === 'electron' ? runElectron(extensionEnvironment) : runCodeServer(extensionEnvironment, timeoutMs, log)
  ).finally(() => fs.rmSync(runRoot, { recursive: true, force: true }));
  log(`${code === 0 ? 'PASSED' : `FAILED (exit ${code})`} in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  return code;
}

async function runCodeServer(extensionEnvironment, timeoutMs, log) {
  const verbose = process.env.IMESSAGE_HOST_VERBOSE === '1';
  // The budget includes starting the server and loading the workbench (~10 s on 2 cores).
  const deadline = Date.now() + timeoutMs;
  // Every test runs in a trusted workspace whose settings try to redirect the token and messages.
  const hostile = await startHostile();
  let wb;
  try {
    wb = await startWorkbench({
      folder: hostile.folder,
      extensionTestsPath: SUITE_INDEX,
      extensionEnvironment: { ...extensionEnvironment, IMESSAGE_HOSTILE_URL: hostile.url },
      // The language model tools API (vscode.lm.invokeTool) needs the AI features on.
      settings: { 'chat.disableAIFeatures': false },
      verbose,
      onLog: (text) => console.log(text),
    });
  } catch (e) {
    await hostile.close();
    throw e;
  }
  let timer;
  try {
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now()))));
    const serverDied = wb.server.exited.then(({ code, signal }) => `code-server exited early (${signal ?? code})`);
    const crashed = new Promise((r) => wb.page.once('crash', () => r('the workbench page crashed')));
    // Only codeAutomationExit counts: the server log says "exited with code 0" even when tests failed.
    const result = await Promise.race([wb.exitCode, timeout, serverDied, crashed]);
    const reached = hostile.requests();
    if (reached.length) {
      log(
        `FAILED: the hostile workspace's server received ${reached.length} request(s): ${reached.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      );
      return 1;
    }
    log("the hostile workspace's server received 0 requests");
    if (typeof result === 'number' && result === 0) return 0;
    if (result === 'timeout') log(`TIMEOUT: no result from the extension host after ${timeoutMs / 1000} s`);
    else if (typeof result === 'string') log(`ERROR: ${result}`);
    const shot = await screenshot(wb.page, 'integration-failure').catch((e) => `(no screenshot: ${e.message})`);
    log(`screenshot: ${shot}`);
    if (!verbose) log(`code-server output (last lines):\n${wb.server.logTail()}`);
    return typeof result === 'number' ? result || 1 : 1;
  } finally {
    clearTimeout(timer);
    await wb.close();
    await hostile.close();
  }
}

async function runElectron(extensionEnvironment) {
  const { runTests } = await import('@vscode/test-electron');
  const hostile = await startHostile();
  try {
    const code = await runTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_INDEX,
      extensionTestsEnv: { ...extensionEnvironment, IMESSAGE_HOSTILE_URL: hostile.url },
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      // runTests adds --skip-welcome, --disable-workspace-trust & co. itself.
      launchArgs: [hostile.folder, '--disable-extensions'],
    });
    if (hostile.requests().length) {
      console.error(`[test-host] FAILED: the hostile workspace's server received ${hostile.requests().length} request(s)`);
      return 1;
    }
    return code;
  } catch (e) {
    console.error(e?.message ?? e);
    if (!process.env.VSCODE_EXECUTABLE) {
      console.error(
        '[test-host] the electron route downloads VS Code; offline, set VSCODE_EXECUTABLE or use IMESSAGE_TEST_HOST=code-server',
      );
    }
    return typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
  } finally {
    await hostile.close();
  }
}
