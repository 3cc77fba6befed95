// The real UI of "Send Selection as iMessage": an editor selection, the command palette, a number
// typed into the recipient QuickPick (validated as typed), the confirmation dialog, and the
// result notification, in the browser workbench against the sandbox API.
import assert from 'node:assert/strict';
import { openCommandPalette, runCommand, waitForNotification } from './driver';
import { until, useSession } from './session';

const TEXT = 'Deploy finished on staging';

describe('send selection through the real UI', function () {
  this.timeout(180_000);
  const session = useSession({
    files: { 'notes.txt': `${TEXT}\n` },
    // A low limit so that the real confirmation dialog is part of the path.
    settings: { 'imessage.defaultCountry': 'US', 'imessage.confirmAboveChars': 10 },
  });

  it('runs from the palette, takes a typed number, confirms, and the sandbox receives the text', async () => {
    const { page } = session.wb;
    // Open the file with Quick Open and select its first line.
    await openCommandPalette(page);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('notes.txt');
    // Keys rather than clicks, and long waits: on a busy machine the workbench can take many seconds.
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'notes.txt' })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    await input.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: TEXT }).waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    await page.locator('.statusbar', { hasText: `(${TEXT.length} selected)` }).waitFor({ state: 'visible', timeout: 60_000 });

    await runCommand(page, 'iMessage: Send Selection as iMessage');
    await page
      .locator('.quick-input-widget', { hasText: `Send iMessage (${TEXT.length} characters) to` })
      .waitFor({ state: 'visible', timeout: 60_000 });
    // An invalid entry is flagged as typed; a national number shows the E.164 it will go to.
    await input.fill('555');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Not a valid US number (yet)' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    await input.fill('(415) 555-2671');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: '+14155552671' })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    await input.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await dialog.innerText(), new RegExp(`Send ${TEXT.length} characters to \\+14155552671\\?`));
    assert.equal(session.sandbox.requests.length, 0, 'nothing is sent before the answer');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();

    await until(() => session.sandbox.sent.length > 0);
    assert.equal(session.sandbox.requests.length, 1);
    assert.deepEqual(session.sandbox.requests[0]!.body, { to: '+14155552671', message: TEXT });
    const shown = await waitForNotification(page, `message id ${session.sandbox.sent[0]!.id}`, 60_000);
    assert.match(shown, /iMessage sent to \+14155552671/);
    assert.match(shown, /Copy Message ID/);
  });
});
