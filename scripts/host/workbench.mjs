// The real VS Code workbench in headless Debian chromium, served by code-server, driven by
// playwright-core. Used by the integration runner and by UI (e2e) tests from Node.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { remoteUri, startCodeServer, workbenchUrl } from './code-server.mjs';
import { CHROMIUM, setup } from './setup.mjs';
import { REPO_ROOT } from './util.mjs';

export { REPO_ROOT };

// `npx playwright install` cannot download browsers here; Debian's chromium with these flags works.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Starts code-server + chromium and opens the workbench with our extension loaded.
 * @param {object} [o]
 * @param {string} [o.folder]                  workspace to open (default: an empty temp folder)
 * @param {string} [o.extensionDevelopmentPath] default: the repo root
 * @param {string} [o.extensionTestsPath]      compiled suite index: runs it, then codeAutomationExit
 * @param {Record<string,string>} [o.extensionEnvironment]  env for the extension host
 * @param {object} [o.settings]                user settings
 * @param {(text: string, type: string) => void} [o.onLog]  workbench log lines (mocha output included)
 * @param {boolean} [o.verbose]                echo code-server output and the browser console
 * @returns {Promise<{ page: import('playwright-core').Page, url: string, server: any,
 *   browser: import('playwright-core').Browser, exitCode: Promise<number>, close: () => Promise<void> }>}
 */
export async function startWorkbench(o = {}) {
  const paths = await setup({ log: o.verbose ? undefined : () => {} });
  const server = await startCodeServer({ paths, settings: o.settings, verbose: o.verbose });
  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server.close();
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (o.verbose) page.on('console', (m) => console.error(`[browser:${m.type()}] ${m.text()}`));

    let reportExit;
    const exitCode = new Promise((r) => (reportExit = r));
    // The workbench's smoke-test driver reports through these two page functions.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (o.onLog) o.onLog(text, type);
      else if (o.verbose) console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));

    const payload = [['extensionDevelopmentPath', remoteUri(o.extensionDevelopmentPath ?? REPO_ROOT)]];
    if (o.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(o.extensionTestsPath)]);
    if (o.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
    const url = workbenchUrl(server.url, o.folder ?? server.workspace, payload);
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return { page, url, server, browser, exitCode, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Saves a full-page screenshot under out/screenshots/ and returns its path. */
export async function screenshot(page, name) {
  const dir = path.join(REPO_ROOT, 'out', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
