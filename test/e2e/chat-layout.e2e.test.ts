// The conversation panel laid out as a chat, in the real workbench: a 30-message thread at 1400×900
// and with the terminal panel open (an editor area about 500 px high). At both sizes the newest
// message and the composer are in view without scrolling, and the pending bubble (the draft, at the
// end of the thread) is what arrives in the thread once sent. Takes docs/conversation-tall.png and
// docs/conversation-short.png (written there only by `npm run screenshots`).
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { docsScreenshotPath, openPanel, runCommand } from './driver';
import { ANA, OURS, useConversationSession } from './session';

const MESSAGES = 30;

describe('the conversation panel reads like a conversation', function () {
  this.timeout(300_000);
  const session = useConversationSession();
  let frame: Frame;
  const list = () => frame.locator('#conversation-list');

  before(async () => {
    await session.wb.page.setViewportSize({ width: 1400, height: 900 });
    await runCommand(session.wb.page, 'View: Close Primary Side Bar');
    for (let i = 1; i <= MESSAGES; i++) session.sandbox.receive({ from: ANA, to: OURS, message: `Message ${i} of the thread` });
    frame = await openPanel(session.wb.page, 'iMessage: Open Conversation');
    await frame.locator('#to').fill(ANA);
    await list()
      .locator('.msg', { hasText: `Message ${MESSAGES} of the thread` })
      .waitFor({ timeout: 30_000 });
  });

  /** Where an element is in the webview's own viewport: wholly inside it, or how it sticks out. */
  async function placement(selector: string) {
    return frame
      .locator(selector)
      .last()
      .evaluate((node) => {
        const box = node.getBoundingClientRect();
        const inside = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
        return { inside, box: `${Math.round(box.top)}–${Math.round(box.bottom)} of ${window.innerHeight}` };
      });
  }

  async function expectNewestAndComposerInView(size: string) {
    for (const [name, selector] of [
      ['the newest message', '#conversation-list .msg'],
      ['the pending bubble', '#bubble'],
      ['the message box', '#message'],
      ['the formatting toolbar', '.toolbar'],
      ['Send', '#send'],
    ]) {
      const where = await placement(selector!);
      assert.ok(where.inside, `${size}: ${name} is in view without scrolling (${where.box})`);
    }
  }

  async function sendAndCompare(text: string) {
    await frame.locator('#message').fill(text);
    await frame.locator('#bubble b').waitFor();
    const pending = await frame.locator('#bubble').innerHTML();
    const before = await list().locator('.msg.out').count();
    await frame.locator('#message').press('Control+Enter');
    const sent = list().locator('.msg.out').nth(before).locator('.bubble');
    await sent.locator('b').waitFor({ timeout: 20_000 });
    assert.equal(await sent.innerHTML(), pending, 'the pending bubble is what was sent');
    await frame.locator('#result.ok').waitFor({ timeout: 20_000 });
  }

  it(`at 1400×900: a ${MESSAGES}-message thread shows its newest message above the pinned composer`, async () => {
    assert.equal(await list().locator('.msg').count(), MESSAGES);
    await frame.locator('#message').fill('See you at **8**');
    await frame.locator('#bubble b', { hasText: '8' }).waitFor();
    // The host's validation of the typed text has come back (until then the page shows the last one).
    await frame.locator('#message-error').waitFor({ state: 'hidden' });
    await expectNewestAndComposerInView('1400×900');
    await session.wb.page.screenshot({ path: docsScreenshotPath('conversation-tall.png') });
    await sendAndCompare('See you at **8**');
    await expectNewestAndComposerInView('1400×900 after the send');
  });

  it('with the terminal panel open (editor area about 500 px): the same, and the pending bubble is what is sent', async () => {
    await runCommand(session.wb.page, 'View: Toggle Terminal');
    await session.wb.page.locator('.terminal-wrapper .xterm').first().waitFor({ state: 'visible', timeout: 30_000 });
    const height = Number(await frame.waitForFunction(() => window.innerHeight < 600 && window.innerHeight).then((h) => h.jsonValue()));
    console.log(`      webview height with the terminal open: ${height} px`);
    assert.ok(height >= 380, `the editor area is about 500 px high (${height})`);
    await frame.locator('#message').fill('Running **late**');
    await frame.locator('#bubble b', { hasText: 'late' }).waitFor();
    await frame.locator('#message-error').waitFor({ state: 'hidden' });
    await expectNewestAndComposerInView(`${height} px`);
    await session.wb.page.screenshot({ path: docsScreenshotPath('conversation-short.png') });
    await sendAndCompare('Running **late**, there in _10_');
    await expectNewestAndComposerInView(`${height} px after the send`);
  });
});
