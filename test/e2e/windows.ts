// Two windows of one VS Code for UI tests: a second workbench tab of the same code-server is a
// second window with its own extension host, sharing globalStorage (and the logs folder) with the
// first, as two desktop windows of one installation do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand, type Workbench } from './driver';

const EXTENSION_ID = 'imessage-sender.imessage-sender';

/** Opens the session's workbench once more, in a new tab; resolves once that window's workbench is up. */
export async function openSecondWindow(wb: Workbench): Promise<Page> {
  const page = await wb.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(wb.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

/** Reloads windows together (each gets a new extension host); resolves once every workbench is up again. */
export async function reloadWindows(pages: readonly Page[]): Promise<void> {
  await Promise.all(
    pages.map(async (page) => {
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    }),
  );
}

/** The extension's globalStorage folder, shared by every window of the session. */
export function globalStorage(wb: Workbench): string {
  return path.join(wb.server.dataDir, 'User', 'globalStorage', EXTENSION_ID);
}

/** Every line the windows wrote to the "iMessage" log so far (each extension host's log file). */
export function logLines(wb: Workbench): string[] {
  const root = path.join(wb.server.dataDir, 'logs');
  const files = fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]) : [];
  return files
    .filter((f) => f.endsWith(path.join(EXTENSION_ID, 'iMessage.log')))
    .flatMap((f) => fs.readFileSync(path.join(root, f), 'utf8').split('\n'));
}

/** The notifications a window's notification centre lists now (opened and closed again). */
export async function notificationTexts(page: Page): Promise<string[]> {
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center').waitFor({ state: 'visible' });
  const texts = await page.locator('.notifications-center .monaco-list-row').allInnerTexts();
  await runCommand(page, 'Notifications: Hide Notifications');
  return texts;
}
