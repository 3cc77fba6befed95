// Accessibility in the real workbench: where the focus goes after a send and a failure, a reply
// announced once to screen readers, tapbacks from the keyboard alone, and axe-core over the compose
// page and the conversation in Dark Modern, Light Modern and both High Contrast themes, and over the
// sandbox inbox. One workbench for all of it: each theme is switched as a user does.
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { assertNoSeriousViolations, axeReport, type AxeReport } from './axe';
import { openDetails, openPanel, runCommand, setColorTheme, THEMES } from './driver';
import { ANA, OURS, until, useConversationSession } from './session';

const TO = ANA;
const TITLE = `Ana (${TO})`;

describe('accessibility of the panel and the inbox (focus, screen readers, keyboard, axe-core)', function () {
  this.timeout(300_000);
  const session = useConversationSession();
  let frame: Frame;
  let inbox: Page;
  const list = () => frame.locator('#conversation-list');
  const keyboard = () => session.wb.page.keyboard;
  /** The focused element of the panel, as a screen reader would name it. */
  const focused = () =>
    frame.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { id: a?.id ?? '', text: a?.textContent ?? '', tapback: a?.dataset.tapback, pressed: a?.getAttribute('aria-pressed') };
    });
  const waitForFocus = (id: string) =>
    frame.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 20_000 }).then(() => undefined);

  /** In high contrast: bubbles and fields drawn with contrastBorder, the focused field's outline with contrastActiveBorder. */
  async function expectContrastBorders(theme: string) {
    await frame.locator('#to').focus();
    const colour = (value: string) =>
      frame.evaluate((v) => {
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = v;
        const rgb = getComputedStyle(probe).color;
        probe.remove();
        return rgb;
      }, value);
    const style = (selector: string, property: 'borderTopColor' | 'outlineColor' | 'color') =>
      frame
        .locator(selector)
        .first()
        .evaluate((node, p) => getComputedStyle(node)[p], property);
    const border = await colour('var(--vscode-contrastBorder)');
    assert.notEqual(border, await style('body', 'color'), `${theme} defines contrastBorder, apart from the text colour`);
    const bubbles = [await style('.msg.in .bubble', 'borderTopColor'), await style('.msg.out .bubble', 'borderTopColor')];
    assert.deepEqual([...bubbles, await style('#to', 'borderTopColor')], [border, border, border], `${theme}: contrast borders`);
    assert.equal(await style('#to', 'outlineColor'), await colour('var(--vscode-contrastActiveBorder)'), `${theme}: the focus outline`);
  }

  before(async () => {
    await runCommand(session.wb.page, 'View: Close Primary Side Bar');
    inbox = await session.wb.browser.newPage({ viewport: { width: 1100, height: 800 } });
    await inbox.goto(session.sandbox.inboxUrl);
    await inbox.locator('#connection[data-state=live]').waitFor({ timeout: 30_000 });
  });
  after(() => inbox?.close());

  it('after a send from the keyboard, the focus is back in the cleared message box', async () => {
    frame = await openPanel(session.wb.page, 'iMessage: Compose Message');
    await frame.locator('#to').fill('Ana');
    await list().locator('.note', { hasText: 'No messages yet' }).waitFor({ timeout: 20_000 });
    await frame.locator('#message').fill('Running **late**, there in 10');
    await frame.locator('#send').press('Enter');
    await until(() => session.sandbox.sent.length === 1, 20_000);
    await frame.locator('#result.ok').waitFor({ timeout: 20_000 });
    await waitForFocus('message');
    assert.equal(await frame.locator('#message').inputValue(), '');
  });

  it('after a failure, the focus goes to the field at fault, or else to the error summary', async () => {
    await frame.locator('#to').fill('not a number');
    await frame.locator('#message').fill('kept after failure');
    await frame.locator('#send').press('Enter');
    await frame.locator('#to-error', { hasText: /not a phone number/ }).waitFor({ timeout: 20_000 });
    await waitForFocus('to');

    // No field at fault: the server failed.
    await frame.locator('#to').fill('Ana');
    session.sandbox.inject({ kind: 'error500' }, { path: '/send/imessage', times: 5 });
    await frame.locator('#send').press('Enter');
    await frame.locator('#result.failed').waitFor({ timeout: 30_000 });
    await waitForFocus('result');
    session.sandbox.clearFaults();
    assert.equal(await frame.locator('#message').inputValue(), 'kept after failure', 'the draft is kept');
    await frame.locator('#message').fill('');
  });

  it('a reply that arrives while the panel is open is announced once', async () => {
    await frame.evaluate(() => {
      const region = document.getElementById('announcer')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const res = await fetch(`${session.sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: TO, to: OURS, message: 'Are you **still** coming?' }),
    });
    assert.equal(res.status, 200, await res.text());
    await list().locator('.msg.in', { hasText: 'Are you still coming?' }).waitFor({ timeout: 20_000 });
    // Re-rendered since: the read receipt, a poll after it, and the person's tapback on our message.
    await until(() => session.sandbox.requests.some((r) => r.path === '/send/imessage/read'), 20_000);
    const polls = () => session.sandbox.requests.filter((r) => r.path.startsWith('/conversations/history/')).length;
    const seen = polls();
    await until(() => polls() > seen, 20_000);
    session.sandbox.react({ from: TO, to: OURS, action: 'add', tapback: 'love', message: 'Running **late**, there in 10' });
    await list().locator('.msg.out .tapback', { hasText: '❤️' }).waitFor({ timeout: 20_000 });
    const heard = await frame.evaluate(() => (window as unknown as { heard: string[] }).heard.filter(Boolean));
    assert.deepEqual(heard, [`New message from ${TITLE}: Are you still coming?`]);
  });

  it('tapbacks work from the keyboard alone: reach the reply, open its tapbacks, choose one', async () => {
    const order = await list()
      .locator('.msg')
      .evaluateAll((ms) => ms.map((m) => `${(m as HTMLElement).dataset.key} ${m.querySelector('.bubble')?.textContent}`));
    const focusedMessage = () =>
      frame.evaluate(() => {
        const m = document.activeElement as HTMLElement;
        return `${m.dataset.key} ${m.querySelector('.bubble')?.textContent}`;
      });
    // From the To field in the header, Tab reaches the conversation below it: its tab stop is the newest message.
    await frame.locator('#to').press('Tab');
    assert.equal(await focusedMessage(), order.at(-1), 'the tab stop is the newest message');
    // Home goes to the oldest; Down walks the list in order, to the reply.
    await keyboard().press('Home');
    assert.equal(await focusedMessage(), order[0]);
    const reply = order.findIndex((m) => m.endsWith(' Are you still coming?'));
    assert.ok(reply >= 0, `the reply is in ${JSON.stringify(order)}`);
    for (let i = 1; i <= reply; i++) {
      await keyboard().press('ArrowDown');
      assert.equal(await focusedMessage(), order[i]);
    }
    await keyboard().press('Enter');
    assert.deepEqual(await focused(), { id: '', text: '❤️', tapback: 'love', pressed: 'false' });
    await keyboard().press('ArrowRight');
    assert.equal((await focused()).tapback, 'like');
    await keyboard().press('Enter');
    await until(
      () => session.sandbox.reactions.some((r) => r.by === OURS && r.reaction === 'like' && r.on === 'Are you **still** coming?'),
      20_000,
    );
    await list().locator('.msg.in .tapback.mine', { hasText: '👍' }).waitFor({ timeout: 20_000 });
    // The re-render kept the focus on the tapback, now given.
    assert.deepEqual(await focused(), { id: '', text: '👍', tapback: 'like', pressed: 'true' });
    await keyboard().press('Escape');
    assert.match((await focused()).text, /^Are you still coming\?/);
  });

  it('axe: no serious or critical violations on the compose page and the conversation in four themes, nor on the inbox', async () => {
    // The thread as axe sees it: sent and read, received, tapbacks; a draft in the preview.
    await frame.locator('#message').fill('Great, **thanks**!');
    await frame.locator('#message').press('Control+Enter');
    await until(() => session.sandbox.sent.length === 2, 20_000);
    await frame.locator('#delivery', { hasText: 'Delivered' }).waitFor({ timeout: 20_000 });
    // The phone reads only what it has received: a read before the sandbox's own delivery step marks nothing.
    await until(() => session.sandbox.sent.at(-1)?.status === 'delivered', 20_000);
    session.sandbox.markRead({ from: TO, to: OURS });
    assert.equal(session.sandbox.sent.at(-1)?.status, 'read', 'the phone read the message');
    await frame.locator('#delivery', { hasText: /^Read/ }).waitFor({ timeout: 20_000 });
    await frame.locator('#message').fill('A **draft** in the preview');

    const reports: AxeReport[] = [];
    for (const theme of Object.keys(THEMES) as (keyof typeof THEMES)[]) {
      await setColorTheme(session.wb.page, theme, frame);
      // A received message with the focus shows its tapback row.
      await list().locator('.msg.in').last().focus();
      reports.push(await axeReport(frame, `conversation, ${theme}`));
      if (theme.endsWith('High Contrast')) await expectContrastBorders(theme);
      // Plain compose, with the preview showing the SMS text and an error under To.
      await frame.locator('#to').fill('');
      await frame.locator('#conversation').waitFor({ state: 'hidden' });
      await openDetails(frame);
      await frame.locator('#view-toggle').click();
      await frame.locator('#bubble.sms').waitFor();
      reports.push(await axeReport(frame, `compose, ${theme}`));
      await frame.locator('#view-toggle').click();
      await frame.locator('#to').fill('Ana');
      await list().locator('.msg.in').last().waitFor({ timeout: 20_000 });
    }
    for (const scheme of ['light', 'dark'] as const) {
      await inbox.emulateMedia({ colorScheme: scheme });
      reports.push(await axeReport(inbox, `sandbox inbox, ${scheme}`));
    }
    assertNoSeriousViolations(reports);
  });
});
