// A conversation in the real workbench: the compose panel becomes the conversation with a contact;
// a message goes out and its line under it moves to Delivered and Read; the person answers on the
// sandbox's inbox page (driven in Chromium) and the reply appears in the panel; the user reacts and
// answers it. Takes docs/conversation.png for the README (written there only by `npm run screenshots`).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { docsScreenshotPath, openPanel, runCommand } from './driver';
import { ANA, OURS, until, useConversationSession } from './session';

const TO = ANA;

describe('a conversation through the real UI', function () {
  this.timeout(300_000);
  const session = useConversationSession();
  let frame: Frame;
  let inbox: Page;
  const problems: string[] = [];
  const list = () => frame.locator('#conversation-list');

  before(async () => {
    await runCommand(session.wb.page, 'View: Close Primary Side Bar');
    inbox = await session.wb.browser.newPage({ viewport: { width: 1100, height: 800 } });
    inbox.on('pageerror', (e) => problems.push(`inbox pageerror: ${e.message}`));
    await inbox.goto(session.sandbox.inboxUrl);
    await inbox.locator('#connection[data-state=live]').waitFor({ timeout: 30_000 });
  });
  after(() => inbox?.close());

  async function sendFromPanel(text: string) {
    await frame.locator('#message').fill(text);
    await frame.locator('#message').press('Control+Enter');
  }

  it('opens the conversation with a contact; a sent message goes from delivered to read', async () => {
    frame = await openPanel(session.wb.page, 'iMessage: Open Conversation');
    frame.page().on('console', (m) => m.type() === 'error' && problems.push(`panel console: ${m.text()}`));
    await frame.locator('#to').pressSequentially('Ana');
    await frame.locator('#conversation-title', { hasText: `Ana (${TO})` }).waitFor({ timeout: 20_000 });
    await list().locator('.note', { hasText: 'No messages yet' }).waitFor({ timeout: 20_000 });

    await sendFromPanel('Running **late**, there in 10');
    const mine = list().locator('.msg.out').first();
    await mine.locator('b', { hasText: 'late' }).waitFor({ timeout: 20_000 });
    await frame.locator('#delivery', { hasText: 'Delivered' }).waitFor({ timeout: 20_000 });
    // The result of the send is in view without scrolling (the send bar sticks to the bottom).
    await frame.locator('#result.ok').waitFor({ timeout: 10_000 });
    const inView = await frame.locator('#result').evaluate((node) => {
      const box = node.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    assert.ok(inView, 'the send result is visible without scrolling');

    // The person opens the thread on their phone.
    await inbox.locator('#messages .row.from-us').first().waitFor({ timeout: 20_000 });
    await inbox.getByRole('button', { name: 'Mark thread read' }).click();
    await frame.locator('#delivery', { hasText: /^Read/ }).waitFor({ timeout: 20_000 });
  });

  it('receives a reply typed on the inbox page, reacts to it and answers it', async () => {
    await inbox.locator('#reply-text').fill('No _problem_, see you');
    await inbox.locator('#reply-text').press('Enter');
    const reply = list().locator('.msg.in').first();
    await reply.locator('i', { hasText: 'problem' }).waitFor({ timeout: 20_000 });
    // Viewed on screen: the read receipt reaches the sandbox.
    await until(() => session.sandbox.requests.some((r) => r.path === '/send/imessage/read'), 20_000);

    await reply.hover();
    await reply.locator('.react button[data-tapback=like]').click();
    await until(() => session.sandbox.reactions.some((r) => r.by === OURS && r.reaction === 'like'), 20_000);
    await reply.locator('.tapbacks .tapback.mine', { hasText: '👍' }).waitFor({ timeout: 20_000 });

    await sendFromPanel('Great, thanks!');
    await list().locator('.msg.out', { hasText: 'Great, thanks!' }).waitFor({ timeout: 20_000 });
    await inbox.locator('#messages .row.from-us', { hasText: 'Great, thanks!' }).waitFor({ timeout: 20_000 });
    assert.equal(await list().locator('.msg').count(), 3, 'one bubble per message, no duplicates');
    assert.ok(
      session.sandbox.requests.some((r) => r.path === '/send/imessage/typing'),
      'typing was indicated',
    );
    await frame.locator('#delivery', { hasText: 'Delivered' }).waitFor({ timeout: 20_000 });

    await session.wb.page.screenshot({ path: docsScreenshotPath('conversation.png') });
    assert.deepEqual(problems, [], 'no script errors');
  });
});
