// The sandbox inbox in the real browser: a message sent from VS Code (the payload lab, from the
// palette) arrives on the inbox page, pushed by the server, rendered by the formatting engine; the
// reply, tapback, read, mode and typing controls on the page change what the API answers.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { runCommand } from './driver';
import { until, useSession } from './session';

const TO = '+14155552671';
const OURS = '+15550000001';
const TEXT = '**Deploy** finished _on_ staging <img src=x onerror=alert(1)>';

describe('sandbox inbox page in the real browser', function () {
  this.timeout(180_000);
  const session = useSession({
    // Delivered quickly, read only when the page says so: the "Mark thread read" button is the test.
    sandbox: { pacing: false, delivery: { sentMs: 100, deliveredMs: 200, readMs: null } },
    files: { 'deploy.imessage.json': `${JSON.stringify({ to: TO, from: OURS, message: TEXT }, null, 2)}\n` },
  });
  let inbox: Page;
  const problems: string[] = [];

  before(async () => {
    inbox = await session.wb.browser.newPage({ viewport: { width: 1100, height: 800 } });
    inbox.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    inbox.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    await inbox.goto(session.sandbox.inboxUrl);
    await inbox.locator('#connection[data-state=live]').waitFor({ timeout: 30_000 });
    // Records when the first bubble appears, in the page, as it happens.
    await inbox.evaluate(() => {
      const w = window as unknown as { arrivedAt?: number };
      new MutationObserver(() => {
        if (w.arrivedAt === undefined && document.querySelector('#messages .row[data-id]')) w.arrivedAt = Date.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
  });
  after(() => inbox?.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(session.sandbox.url + path, {
      method,
      headers: { Authorization: `Bearer ${session.sandbox.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { data: Record<string, unknown> }).data;
  };
  const history = () =>
    api('GET', `/conversations/history/imessage/${encodeURIComponent(TO)}/${encodeURIComponent(OURS)}/50`) as Promise<{
      conversation: { from: string; message: string; read: number | null }[];
      reactions: { reaction: string; on: string; from: string; action: string }[];
    }>;
  const ourBubble = () => inbox.locator('#messages .row.from-us').first();

  it('a message sent from VS Code appears within a second, formatted and escaped', async () => {
    await runCommand(session.wb.page, 'iMessage: Send Payload');
    await session.wb.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: 'deploy.imessage.json' })
      .first()
      .click({ timeout: 60_000 });
    await until(() => session.sandbox.sent.length === 1);
    await ourBubble().waitFor({ timeout: 10_000 });
    const arrivedAt = await inbox.evaluate(() => (window as unknown as { arrivedAt?: number }).arrivedAt);
    const latency = arrivedAt! - session.sandbox.requests[0]!.at;
    console.log(`      sandbox received the send → bubble on the inbox page: ${latency} ms`);
    assert.ok(latency < 1000, `took ${latency} ms`);

    const html = await ourBubble().locator('.text').innerHTML();
    assert.match(html, /^<b>Deploy<\/b> finished <i>on<\/i> staging &lt;img src=x onerror=alert\(1\)&gt;$/);
    assert.equal(await inbox.locator('#messages img').count(), 0, 'hostile text stays text');
    await inbox.locator('#messages .row.from-us[data-status=delivered]').waitFor({ timeout: 10_000 });
    assert.match(await ourBubble().locator('.meta').innerText(), /Delivered/);
    assert.match(await inbox.locator('#threads').innerText(), new RegExp(`\\${TO}`));
  });

  it('a reply typed on the page is in the history the API returns', async () => {
    await inbox.locator('#reply-text').fill('On my **way**');
    await inbox.locator('#reply-text').press('Enter');
    await until(() => session.sandbox.inbound.length === 1);
    const mine = inbox.locator('#messages .row.from-them').first();
    await mine.waitFor({ timeout: 10_000 });
    assert.equal(await mine.locator('.text').innerHTML(), 'On my <b>way</b>');
    assert.equal(await inbox.locator('#reply-text').inputValue(), '', 'cleared once the sandbox took it');
    const { conversation } = await history();
    assert.deepEqual(
      conversation.map((m) => [m.from, m.message]),
      [
        [OURS, TEXT],
        [TO, 'On my **way**'],
      ],
    );
  });

  it('a tapback, Mark thread read, the typing indicator and an attachment link', async () => {
    await ourBubble().hover();
    await ourBubble().locator('.picker button[data-tapback=love]').click();
    await ourBubble().locator('.tapbacks', { hasText: '❤️' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(
      (await history()).reactions.map((r) => [r.reaction, r.on, r.from, r.action]),
      [['love', TEXT, TO, 'added']],
    );

    await inbox.getByRole('button', { name: 'Mark thread read' }).click();
    await inbox.locator('#messages .row.from-us[data-status=read]').waitFor({ timeout: 10_000 });
    assert.equal(typeof (await history()).conversation[0]!.read, 'number');

    await api('POST', '/send/imessage/typing', { to: TO, from: OURS, action: 'start' });
    await inbox.locator('#messages .typing').waitFor({ timeout: 10_000 });
    await api('POST', '/send/imessage/typing', { to: TO, from: OURS, action: 'stop' });
    await inbox.locator('#messages .typing').waitFor({ state: 'detached', timeout: 10_000 });

    session.sandbox.receive({ from: TO, to: OURS, attachments: ['https://example.com/photos/build%20log.png'] });
    const link = inbox.locator('#messages a.attachment');
    await link.waitFor({ timeout: 10_000 });
    assert.equal(await link.getAttribute('href'), 'https://example.com/photos/build%20log.png');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.match(await link.innerText(), /build log\.png/);
  });

  it('switching the phone to "no iMessage" changes availability', async () => {
    await inbox.locator('#mode').selectOption('no-imessage');
    let available: unknown = true;
    const deadline = Date.now() + 10_000;
    while (available !== false && Date.now() < deadline) {
      available = (await api('GET', `/conversations/availability/imessage/${encodeURIComponent(TO)}`)).available;
    }
    assert.equal(available, false);
    assert.deepEqual(problems, [], 'no script errors or CSP violations on the page');
  });
});
