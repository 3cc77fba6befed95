// Helpers for UI tests that drive the real workbench (code-server + headless chromium) from a
// Node mocha test: command palette, commands by title, webview frames, screenshots.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface WorkbenchOptions {
  /** Workspace folder to open; default: an empty temp folder. */
  folder?: string;
  /** User settings, merged over the isolation defaults. */
  settings?: Record<string, unknown>;
  /** Environment of the extension host (e.g. IMESSAGE_TEST, IMESSAGE_SANDBOX_TOKEN). */
  extensionEnvironment?: Record<string, string>;
  /** Echo code-server output and the browser console. */
  verbose?: boolean;
  onLog?: (text: string, type: string) => void;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  url: string;
  /** The code-server process; it leads its own process group (the extension hosts are in it). */
  server: { process: { pid?: number }; /** code-server's --user-data-dir: User/globalStorage, logs. */ dataDir: string };
  close(): Promise<void>;
}

/** Starts code-server + chromium with this repo's extension loaded; the workbench is visible on return. */
export async function launchWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  // A runtime path keeps tsc from looking for types of the plain-JS host scripts.
  const modulePath = pathToFileURL(path.join(REPO_ROOT, 'scripts', 'host', 'workbench.mjs')).href;
  const host = (await import(modulePath)) as { startWorkbench(o: WorkbenchOptions): Promise<Workbench> };
  return host.startWorkbench(options);
}

/** Opens the command palette in command mode (`>`). */
export async function openCommandPalette(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Runs a command by its palette title, e.g. `iMessage: Set API Token`. Picks the entry whose label is
 * exactly the title: fuzzy matching may rank a neighbour (`... to the Side`) first. Right after the
 * workbench loads, the extension's contributions may not be in the palette yet, so the palette is
 * reopened until the entry shows (the list is computed when the palette opens).
 */
export async function runCommand(page: Page, title: string, timeoutMs = 90_000): Promise<void> {
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name').getByText(exact) })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The palette can lose focus to a terminal or editor that is still opening, even between showing
    // the entry and the click: then it closes, and the whole attempt starts again. A click that timed
    // out was never dispatched, so a retry cannot run the command twice.
    // No wait for the palette to close: commands such as Set API Token reopen it as an input box.
    const ran = await openCommandPalette(page, 5000)
      .then(() => page.locator('.quick-input-widget .quick-input-box input').fill(`>${title}`))
      .then(() => row.waitFor({ state: 'visible', timeout: 3000 }))
      .then(() => row.click({ timeout: 3000 }))
      .then(
        () => true,
        () => false,
      );
    if (ran) return;
    if (Date.now() > deadline) throw new Error(`the command palette did not run "${title}" within ${timeoutMs} ms`);
    await page.keyboard.press('Escape');
  }
}

/**
 * The content frames of all open webviews. VS Code nests them: `iframe.webview` (the host page)
 * then an inner `iframe` that holds the extension's HTML.
 */
export async function webviewFrames(page: Page): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const outer of await page.locator('iframe.webview').elementHandles()) {
    const host = await outer.contentFrame();
    const inner = await host?.waitForSelector('iframe', { state: 'attached', timeout: 5000 }).catch(() => null);
    const content = await inner?.contentFrame();
    if (content) frames.push(content);
  }
  return frames;
}

/** Waits until some webview shows `selector` and returns that webview's content frame. */
export async function waitForWebview(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of await webviewFrames(page)) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      ) {
        return frame;
      }
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/**
 * Where a picture for the docs goes: `docs/<name>` under `npm run screenshots` (which sets
 * IMESSAGE_SCREENSHOTS=docs), else a temp folder, so a test run never rewrites tracked files.
 */
export function docsScreenshotPath(name: string): string {
  if (process.env.IMESSAGE_SCREENSHOTS === 'docs') return path.join(REPO_ROOT, 'docs', name);
  const dir = path.join(os.tmpdir(), 'imessage-sender-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * Pauses this workbench's extension host (SIGSTOP) until the returned function resumes it: what a
 * busy machine does to it for a moment. Found in the server's own process group, by its type.
 */
export function pauseExtensionHost(wb: Workbench): () => void {
  const group = wb.server.process.pid;
  if (!group) throw new Error('the code-server process has no pid');
  const hosts = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, ...args]) => Number(pgid) === group && args.includes('--type=extensionHost'))
    .map(([pid]) => Number(pid));
  if (hosts.length !== 1) throw new Error(`expected one extension host in process group ${group}, found ${hosts.length}`);
  const pid = hosts[0]!;
  process.kill(pid, 'SIGSTOP');
  return () => process.kill(pid, 'SIGCONT');
}

/** Saves a screenshot to out/screenshots/<name>-<time>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(REPO_ROOT, 'out', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}-${stamp}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Waits until the notification centre lists a notification containing `text` and returns its
 * text. Toasts are not reliable in the headless workbench; the centre lists every notification,
 * but only those present when it opens: so it is reopened until the one we want is there.
 */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const rows = page.locator('.notifications-center .monaco-list-row');
  for (;;) {
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center').waitFor({ state: 'visible' });
    for (const row of await rows.all()) {
      const content = await row.innerText().catch(() => '');
      if (typeof text === 'string' ? content.includes(text) : text.test(content)) return content;
    }
    if (Date.now() > deadline) throw new Error(`no notification matching ${String(text)} after ${timeoutMs} ms`);
    await runCommand(page, 'Notifications: Hide Notifications');
    await page.waitForTimeout(500);
  }
}

/** The theme kinds as the workbench's root class and a webview's body class name them. */
export const THEMES = {
  'Dark Modern': { workbench: 'vs-dark', webview: 'vscode-dark' },
  'Light Modern': { workbench: 'vs', webview: 'vscode-light' },
  'Dark High Contrast': { workbench: 'hc-black', webview: 'vscode-high-contrast' },
  'Light High Contrast': { workbench: 'hc-light', webview: 'vscode-high-contrast-light' },
} as const;

/**
 * Switches the colour theme through "Preferences: Color Theme", as a user does, and waits until the
 * workbench and, when given, a webview's frame show it and have painted.
 */
export async function setColorTheme(page: Page, theme: keyof typeof THEMES, webview?: Frame): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme', 30_000);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(theme);
  // The first row is the one Enter picks: wait until filtering has put this theme there.
  await page
    .locator('.quick-input-list .monaco-list-row')
    .first()
    .locator('.label-name', { hasText: new RegExp(`^${theme}$`) })
    .waitFor();
  await input.press('Enter');
  await page.locator(`.monaco-workbench.${THEMES[theme].workbench}`).waitFor({ timeout: 10_000 });
  await webview?.waitForFunction((kind) => document.body.dataset.vscodeThemeKind === kind, THEMES[theme].webview);
  // Two frames: the new colours have painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Runs a command that opens the compose panel; returns its frame once the host's draft is in (the form is inert until then). */
export async function openPanel(page: Page, command: string): Promise<Frame> {
  await runCommand(page, command);
  // Generous: the first webview of a session loads its service worker and host page.
  const frame = await waitForWebview(page, '#message', 90_000);
  await frame.waitForFunction(() => !document.getElementById('form')!.inert, undefined, { timeout: 30_000 });
  return frame;
}

/** Opens the compose page's details section (From, attachments, SMS fallback, fast track) as a user does, unless it is open. */
export async function openDetails(frame: Frame): Promise<void> {
  if (await frame.locator('#details').evaluate((d) => (d as HTMLDetailsElement).open)) return;
  await frame.locator('#details > summary').click();
  await frame.locator('#details[open]').waitFor();
}
