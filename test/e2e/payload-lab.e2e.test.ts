// The payload lab through the real UI: a payload file sent from the palette and its CodeLens,
// and the send history still there after the window reloads, with a delivery check from it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type Sandbox, startSandbox } from '../../sandbox';
import { launchWorkbench, runCommand, screenshot, type Workbench } from './driver';

const TO = '+14155552671';

describe('payload lab through the real UI', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let wb: Workbench;
  let folder: string;

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-payload-e2e-'));
    fs.writeFileSync(path.join(folder, 'hello.imessage.json'), `${JSON.stringify({ to: TO, message: 'hello from the payload lab' }, null, 2)}\n`);
    wb = await launchWorkbench({
      folder,
      settings: { 'imessage.api.baseUrl': sandbox.url },
      extensionEnvironment: { IMESSAGE_SANDBOX_TOKEN: sandbox.token },
    });
  });

  after(async () => {
    await wb?.close();
    await sandbox?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) console.log(`screenshot: ${await screenshot(wb.page, this.currentTest.title)}`);
  });

  const quickPickRow = (text: string | RegExp) => wb.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();

  it('Send Payload offers the workspace payload files and sends the one picked', async () => {
    await runCommandWhenReady(wb.page, 'iMessage: Send Payload');
    // Busy machines: the workspace search can take a while to fill the picker in.
    await quickPickRow('hello.imessage.json').click({ timeout: 60_000 });
    await until(() => sandbox.sent.length === 1);
    assert.equal(sandbox.sent[0]!.message, 'hello from the payload lab');
    assert.equal(sandbox.requests[0]!.path, '/send/imessage');
  });

  it('a payload file shows Send · Dry run · Copy as cURL above its first line', async () => {
    await runCommand(wb.page, 'Go to File...');
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill('hello.imessage.json');
    await quickPickRow('hello.imessage.json').click({ timeout: 20_000 });
    const lens = wb.page.locator('.codelens-decoration');
    await lens.filter({ hasText: 'Dry run' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await lens.first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Send\s*\|\s*Dry run\s*\|\s*Copy as cURL/);
    const before = sandbox.requests.length;
    await lens.locator('a', { hasText: 'Dry run' }).click();
    // The dry run writes the request to the iMessage output channel and sends nothing.
    await wb.page.locator('.panel .view-lines', { hasText: 'Dry run: nothing was sent' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(sandbox.requests.length, before, 'nothing sent');
    assert.ok(!(await wb.page.content()).includes(sandbox.token));
  });

  it('the history survives a window reload, and checks delivery from an entry', async () => {
    await wb.page.reload();
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await runCommandWhenReady(wb.page, 'iMessage: Show History');
    const entry = quickPickRow(TO);
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await entry.innerText(), /hello from the payload lab/);
    await entry.click();
    await quickPickRow('Check Delivery Status').click({ timeout: 20_000 });
    await until(() => sandbox.requests.some((r) => r.path.startsWith('/conversations/history/message/') && r.status === 200));
    const id = sandbox.sent[0]!.id;
    assert.equal(sandbox.requests.at(-1)!.path, `/conversations/history/message/${id}`);
  });
});

/** Right after the workbench (re)loads, the palette may not list the extension's commands yet. */
async function runCommandWhenReady(page: Page, title: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await runCommand(page, title, 5_000);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
}

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
