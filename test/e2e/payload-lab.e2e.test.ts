// The payload lab through the real UI: a payload file sent from the palette and its CodeLens,
// and the send history still there after the window reloads, with a delivery check from it.
import assert from 'node:assert/strict';
import { runCommand } from './driver';
import { until, useSession } from './session';

const TO = '+14155552671';

describe('payload lab through the real UI', function () {
  this.timeout(180_000);
  const session = useSession({
    sandbox: { pacing: false },
    files: { 'hello.imessage.json': `${JSON.stringify({ to: TO, message: 'hello from the payload lab' }, null, 2)}\n` },
  });

  const quickPickRow = (text: string | RegExp) =>
    session.wb.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();

  it('Send Payload offers the workspace payload files and sends the one picked', async () => {
    await runCommand(session.wb.page, 'iMessage: Send Payload');
    // Busy machines: the workspace search can take a while to fill the picker in.
    await quickPickRow('hello.imessage.json').click({ timeout: 60_000 });
    await until(() => session.sandbox.sent.length === 1);
    assert.equal(session.sandbox.sent[0]!.message, 'hello from the payload lab');
    assert.equal(session.sandbox.requests[0]!.path, '/send/imessage');
  });

  it('a payload file shows Send · Dry run · Copy as cURL above its first line', async () => {
    await runCommand(session.wb.page, 'Go to File...');
    await session.wb.page.locator('.quick-input-widget .quick-input-box input').fill('hello.imessage.json');
    await quickPickRow('hello.imessage.json').click({ timeout: 20_000 });
    const lens = session.wb.page.locator('.codelens-decoration');
    await lens.filter({ hasText: 'Dry run' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await lens.first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Send\s*\|\s*Dry run\s*\|\s*Copy as cURL/);
    const before = session.sandbox.requests.length;
    await lens.locator('a', { hasText: 'Dry run' }).click();
    // The dry run writes the request to the iMessage output channel and sends nothing.
    await session.wb.page
      .locator('.panel .view-lines', { hasText: 'Dry run: nothing was sent' })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(session.sandbox.requests.length, before, 'nothing sent');
    assert.ok(!(await session.wb.page.content()).includes(session.sandbox.token));
  });

  it('the history survives a window reload, and checks delivery from an entry', async () => {
    await session.wb.page.reload();
    await session.wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await runCommand(session.wb.page, 'iMessage: Show History');
    const entry = quickPickRow(TO);
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await entry.innerText(), /hello from the payload lab/);
    await entry.click();
    await quickPickRow('Check Delivery Status').click({ timeout: 20_000 });
    await until(() => session.sandbox.requests.some((r) => r.path.startsWith('/conversations/history/message/') && r.status === 200));
    const id = session.sandbox.sent[0]!.id;
    assert.equal(session.sandbox.requests.at(-1)!.path, `/conversations/history/message/${id}`);
  });
});
