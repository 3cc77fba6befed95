// Two windows of one VS Code (two workbench tabs of one code-server: two extension hosts sharing
// globalStorage), as issue 23 asks: a reply in a thread both watch notifies once in total and both
// badges agree; outbox texts that both windows find due at the same moment are each sent once.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { openPanel, runCommand } from './driver';
import { ANA, OURS, until, useSession } from './session';
import { globalStorage, logLines, notificationTexts, openSecondWindow, reloadWindows } from './windows';

describe('two windows of one VS Code', function () {
  this.timeout(180_000);
  const session = useSession({
    sandbox: { pacing: false, delivery: { sentMs: 100, deliveredMs: 400, readMs: null } },
    settings: {
      'imessage.contacts': { Ana: ANA },
      'imessage.from': OURS,
      // The outbox starts with the notifications, at activation: each window drains it when it loads.
      'imessage.notify.tasks': 'failures',
      'imessage.notify.recipient': ANA,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });
  let windows: Page[];
  before(async () => {
    windows = [session.wb.page, await openSecondWindow(session.wb)];
  });
  after(() => windows?.[1]?.close());

  /** The Conversations view of a window lists Ana's thread, read once, with no panel on screen. */
  async function watchAnaInView(page: Page) {
    const frame = await openPanel(page, 'iMessage: Open Conversation');
    await frame.locator('#to').pressSequentially('Ana');
    await frame.locator('#conversation-list .note', { hasText: 'No messages yet' }).waitFor({ timeout: 30_000 });
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'iMessage: Focus on Conversations View');
    await conversationRow(page).waitFor({ timeout: 30_000 });
  }
  const conversationRow = (page: Page) => page.locator('.pane-body .monaco-list-row', { hasText: 'Ana' });
  /** The number on the iMessage icon in the activity bar (the Conversations view's badge). */
  const badge = (page: Page) => page.locator('.activitybar .action-item[aria-label^="iMessage"] .badge-content');

  it('a reply in a thread both windows watch notifies once in total, and both badges show the same count', async () => {
    await Promise.all(windows.map(watchAnaInView));
    const replies = () => logLines(session.wb).filter((l) => l.includes(`Reply in the conversation with ${ANA}:`));
    assert.deepEqual(replies(), []);

    session.sandbox.receive({ from: ANA, to: OURS, message: 'Seen in two windows' });
    // Both windows poll now, at the same moment: both see the reply and race for it.
    await Promise.all(windows.map((page) => runCommand(page, 'iMessage: Refresh Conversations')));
    // Every window that saw it says what it did; the notification, if any, is shown after that line.
    await until(() => replies().length === 2, 30_000);
    const outcomes = replies().map((l) => l.replace(/.*: /, ''));
    assert.deepEqual(outcomes.sort(), ['notified here.', 'told by another window.'], replies().join('\n'));

    const shown = async () =>
      (await Promise.all(windows.map(notificationTexts))).map((t) => t.filter((n) => n.includes('iMessage from Ana')));
    let seen = await shown();
    const deadline = Date.now() + 20_000;
    while (seen.flat().length === 0 && Date.now() < deadline) seen = await shown();
    assert.equal(seen.flat().length, 1, `one notification across both windows: ${JSON.stringify(seen)}`);
    assert.match(seen.flat()[0]!, /iMessage from Ana: Seen in two windows/);

    for (const page of windows) await badge(page).filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await Promise.all(windows.map((page) => badge(page).innerText())), ['1', '1'], 'the same badge in both windows');
  });

  it('outbox texts both windows find due at the same moment are each sent exactly once', async () => {
    const outbox = path.join(globalStorage(session.wb), 'outbox');
    const sends = () => session.sandbox.requests.filter((r) => r.path === '/send/imessage');
    const before = sends().length;
    const texts = ['race 1', 'race 2', 'race 3', 'race 4'];
    // Due a little after both windows have loaded again: each window's timer fires at that moment.
    const dueAt = Date.now() + 15_000;
    fs.mkdirSync(outbox, { recursive: true });
    texts.forEach((message, i) => {
      const createdAt = Date.now() + i;
      const id = `${String(createdAt).padStart(13, '0')}-race${String(i).padStart(4, '0')}`;
      const item = {
        id,
        to: ANA,
        message,
        source: 'notify.task',
        label: message,
        createdAt,
        attempts: 1,
        nextAt: dueAt,
        reason: 'offline',
      };
      fs.writeFileSync(path.join(outbox, `${id}.json`), JSON.stringify(item));
    });
    await reloadWindows(windows);
    // Each window lists the texts (its status item says so) before they are due: both are in the race.
    const waiting = (page: Page) => page.locator('.statusbar-item', { hasText: `${texts.length} waiting` });
    await Promise.all(windows.map((page) => waiting(page).first().waitFor({ timeout: 30_000 })));
    const listedBy = Date.now();
    await until(() => sends().length - before >= texts.length, 60_000);
    // Done when the outbox is empty and both windows say nothing waits: no window holds a text it could still send.
    await until(() => fs.readdirSync(outbox).length === 0, 20_000);
    for (const page of windows) await waiting(page).first().waitFor({ state: 'hidden', timeout: 20_000 });
    const sent = sends()
      .slice(before)
      .map((r) => (r.body as { message: string }).message);
    assert.deepEqual(sent, texts, `each text once, in order (both windows listed them ${dueAt - listedBy} ms before they were due)`);
  });
});
