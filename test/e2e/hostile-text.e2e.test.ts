// Issue 20 in the real workbench: a stranger who knows our number texts `[Pic](command:…)`. The
// arrival notification shows those characters and forms no link, and a click where the link text
// is runs nothing: no file is written by the shell, no terminal opens; the same for a server's
// error text. The conversation's bubbles show a right-to-left override as a mark, and `$(icon)` in
// text we did not write stays text in the Conversations tree, the history quick pick and the
// status bar.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { runCommand, waitForNotification, waitForWebview } from './driver';
import { until, useSession } from './session';

/** Our leased number in the sandbox (the one with iMessage). */
const OURS = '+15550000001';
/** One person per test, so every test has a thread of its own whatever ran before it. */
const ATTACKER = '+13105550199';
const PRANKSTER = '+13105550198';
const SPOOFER = '+13105550197';
const VERIFIER = '+13105550196';
const FAILING = '+13105550195';
const ICON_ADDRESS = '$(check)@apple.com';

const payload = (to: string, message: string) => `${JSON.stringify({ to, from: OURS, message }, null, 2)}\n`;

describe('hostile text in the real workbench (issue 20)', function () {
  this.timeout(300_000);
  const session = useSession({
    sandbox: { pacing: false, delivery: { sentMs: 100, deliveredMs: 200, readMs: null } },
    files: {
      'attacker.imessage.json': payload(ATTACKER, 'Hi, is this the build bot?'),
      'prankster.imessage.json': payload(PRANKSTER, 'Hello'),
      'spoofer.imessage.json': payload(SPOOFER, 'Send me the invoice'),
      'verifier.imessage.json': payload(VERIFIER, '$(check) Verified by Apple'),
      'failing.imessage.json': payload(FAILING, 'This one the server refuses'),
    },
    settings: {
      'terminal.integrated.defaultProfile.linux': 'bash',
      // A relaunch (an extension changing the terminal environment) would drop what was typed.
      'terminal.integrated.environmentChangesRelaunch': false,
      // Every terminal has a tab, so the tabs count the terminals, one or many.
      'terminal.integrated.tabs.hideCondition': 'never',
      'terminal.integrated.tabs.enabled': true,
      // The DOM renderer, whose rows hold the text: the prompt shows when the shell is ready.
      'terminal.integrated.gpuAcceleration': 'off',
      // Where task notifications go: an address that passes the schema and holds an icon.
      'imessage.notify.recipient': ICON_ADDRESS,
      'imessage.notify.minDurationSeconds': 0,
      'imessage.notify.onlyWhenUnfocused': false,
    },
  });
  const written: string[] = [];

  before(() => {
    // A task to run from the palette; VS Code reads tasks.json when it appears.
    fs.mkdirSync(path.join(session.folder!, '.vscode'));
    fs.writeFileSync(
      path.join(session.folder!, '.vscode', 'tasks.json'),
      JSON.stringify({ version: '2.0.0', tasks: [{ label: 'quick', type: 'shell', command: 'true' }] }),
    );
  });

  beforeEach(async () => {
    const { page } = session.wb;
    session.sandbox.clearFaults();
    await page.keyboard.press('Escape');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Close All Editors');
  });
  after(() => written.forEach((file) => fs.rmSync(file, { force: true })));

  /** Runs Send Payload from the palette and picks the workspace payload `file`. */
  async function pickPayload(file: string) {
    const { page } = session.wb;
    const deadline = Date.now() + 60_000;
    for (;;) {
      await runCommand(page, 'iMessage: Send Payload');
      // The pick closes if something else takes the focus first (a terminal that is still opening): pick again.
      const picked = await page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ hasText: file })
        .first()
        .click({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        );
      if (picked) return;
      if (Date.now() > deadline) assert.fail(`Send Payload offered no ${file}`);
      await page.keyboard.press('Escape');
    }
  }

  /** Sends the workspace payload `file`; the thread with `to` is then in the history. */
  async function sendPayload(file: string, to: string) {
    const before = session.sandbox.sent.filter((m) => m.to === to).length;
    await pickPayload(file);
    await until(() => session.sandbox.sent.filter((m) => m.to === to).length > before);
  }

  /** An answered poll of the thread with `to` that arrived after `since`. */
  const polled = (to: string, since: number) =>
    session.sandbox.requests.some(
      (r) =>
        r.method === 'GET' &&
        r.status === 200 &&
        r.at > since &&
        decodeURIComponent(r.path).startsWith(`/conversations/history/imessage/${to}/${OURS}/`),
    );

  /**
   * Shows the Conversations view and waits for its first answered poll of the thread: replies
   * after that are new, and raise an arrival notification.
   */
  async function watchThread(to: string) {
    await runCommand(session.wb.page, 'iMessage: Focus on Conversations View');
    await until(() => polled(to, 0), 60_000);
  }

  /** The person texts us, through the sandbox's control route, as a stranger's phone would. */
  async function inbound(from: string, message: string) {
    const res = await fetch(`${session.sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from, to: OURS, message }),
    });
    assert.equal(res.status, 200, await res.text());
  }

  /**
   * Refresh Conversations from the palette until the thread has been asked again since `since`
   * (taken after the message is in the sandbox, so that answer holds it).
   */
  async function refresh(to: string, since: number) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await runCommand(session.wb.page, 'iMessage: Refresh Conversations');
      // A refresh that joins a poll already under way asks nothing new: refresh again.
      const asked = await until(() => polled(to, since), 10_000).then(
        () => true,
        () => false,
      );
      if (asked) return;
      if (Date.now() > deadline) assert.fail(`no poll of ${to} after Refresh Conversations`);
    }
  }

  /** The open notification centre's row holding `text`. */
  const notificationRow = (text: string) =>
    session.wb.page.locator('.notifications-center .monaco-list-row').filter({ hasText: text }).first();

  /** One row per terminal in the terminal tabs list (the list's chat entry is no terminal). */
  const terminalTabs = () => session.wb.page.locator('.monaco-list-row > .terminal-tabs-entry');

  const terminalFocused = () =>
    session.wb.page.waitForFunction(() => document.activeElement?.classList.contains('xterm-helper-textarea'), undefined, {
      timeout: 30_000,
    });

  /** The user's terminal: one open, its shell reading what is typed. */
  async function openTerminal(): Promise<number> {
    const { page } = session.wb;
    if ((await terminalTabs().count()) === 0) {
      await runCommand(page, 'Terminal: Create New Terminal');
      await terminalTabs().first().waitFor({ state: 'visible', timeout: 30_000 });
      // Opened once its shell has drawn the prompt: until then it may take the focus from whatever
      // the test opens next (a quick pick closes when it loses the focus).
      await terminalFocused();
      await page.locator('.terminal-wrapper.active .xterm-rows').filter({ hasText: /[#$]/ }).waitFor({ timeout: 30_000 });
    }
    return terminalTabs().count();
  }

  /** Types `command` into the active terminal; bash runs typed lines in order. */
  async function typeInTerminal(command: string) {
    const { page } = session.wb;
    await runCommand(page, 'Terminal: Focus Terminal');
    await terminalFocused();
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
  }

  /** Clicks the middle of the first occurrence of `needle` in `element`'s text. */
  async function clickText(element: Locator, needle: string) {
    const point = await element.evaluate((el, text) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      return undefined;
    }, needle);
    assert.ok(point, `"${needle}" is shown`);
    await session.wb.page.mouse.click(point.x, point.y);
  }

  /** A file path that is new on each run, and short: the notification shows 80 characters of a message, and the whole link fits. */
  function freshPath(): string {
    const file = `/tmp/${randomBytes(3).toString('hex').slice(0, 5)}`;
    written.push(file, `${file}.canary`);
    assert.ok(!fs.existsSync(file) && !fs.existsSync(`${file}.canary`), `${file} is free`);
    return file;
  }

  /** The message element of the notification (in the notification centre) that starts with `prefix`. */
  async function notificationMessage(prefix: string): Promise<Locator> {
    await waitForNotification(session.wb.page, prefix, 60_000);
    return notificationRow(prefix).locator('.notification-list-item-message');
  }

  /**
   * Clicks `clickOn` in a notification's message, then proves the click ran nothing: a line typed
   * into the user's terminal afterwards (bash runs input in order) writes `target`.canary, and by
   * then `target` was not written and no terminal was added to the `terminals` there were.
   */
  async function clickRunsNothing(message: Locator, clickOn: string, terminals: number, target: string) {
    const shown = await message.textContent();
    assert.equal(await message.locator('a, .monaco-link').count(), 0, `no link in "${shown}"`);
    await clickText(message, clickOn);
    await typeInTerminal(`echo ran > ${target}.canary`);
    await until(() => fs.existsSync(`${target}.canary`), 60_000);
    assert.ok(!fs.existsSync(target), `the message's shell command wrote ${target}`);
    assert.equal(await terminalTabs().count(), terminals, 'no terminal opened');
    assert.equal(await message.textContent(), shown, 'the click left the notification as it was');
  }

  /** A reply `text` from `from` (a thread sent to once from `file`) arrives while the Conversations view watches. */
  async function receiveReply(file: string, from: string, text: string): Promise<Locator> {
    await sendPayload(file, from);
    await watchThread(from);
    await inbound(from, text);
    await refresh(from, Date.now());
    // Found by sender, not by text: a link would show only its label.
    return notificationMessage(`iMessage from ${from}:`);
  }

  it('a [Pic](command:…sendSequence…) reply shows as text; a click on "Pic" writes no file', async () => {
    const target = freshPath();
    const terminals = await openTerminal();
    const text = `[Pic](command:workbench.action.terminal.sendSequence?{"text":"id>${target}\\n"})`;
    const message = await receiveReply('attacker.imessage.json', ATTACKER, text);
    assert.equal(await message.textContent(), `iMessage from ${ATTACKER}: ${text.replace('](', '] (')}`, 'the characters as sent');
    await clickRunsNothing(message, 'Pic', terminals, target);
  });

  it('a [x](command:workbench.action.terminal.new) reply shows as text; a click on "x" opens no terminal', async () => {
    const terminals = await openTerminal();
    const message = await receiveReply('prankster.imessage.json', PRANKSTER, '[x](command:workbench.action.terminal.new)');
    assert.equal(await message.textContent(), `iMessage from ${PRANKSTER}: [x] (command:workbench.action.terminal.new)`);
    await clickRunsNothing(message, 'x', terminals, freshPath());
  });

  it("a server error's [Fix it](command:…) shows as text; a click on it opens no terminal", async () => {
    const terminals = await openTerminal();
    session.sandbox.inject(
      { kind: 'envelopeError', status: 400, error: 'Bad number. [Fix it](command:workbench.action.terminal.new)' },
      { path: '/send/imessage', times: 1 },
    );
    await pickPayload('failing.imessage.json');
    const message = await notificationMessage('Bad number.');
    assert.match((await message.textContent())!, /Bad number\. \[Fix it\] \(command:workbench\.action\.terminal\.new\)/);
    await clickRunsNothing(message, 'Fix it', terminals, freshPath());
  });

  it('the conversation shows an override as ⟨RLO⟩ in an isolated bubble; the tree shows $(check) as text', async () => {
    const { page } = session.wb;
    await sendPayload('spoofer.imessage.json', SPOOFER);
    await watchThread(SPOOFER);
    await inbound(SPOOFER, 'invoice_\u202egnp.exe');
    await inbound(SPOOFER, '$(check) Verified');
    await refresh(SPOOFER, Date.now());

    const row = page.locator('.pane-body .monaco-list-row').filter({ hasText: SPOOFER }).first();
    const description = row.locator('.label-description');
    await description.filter({ hasText: '$(check) Verified' }).waitFor({ timeout: 30_000 });
    assert.equal(await description.textContent(), '2 unread · $(check) Verified');
    assert.equal(await row.locator('.monaco-icon-label-container .codicon').count(), 0, 'no icon in the label or description');

    await row.click();
    const frame = await waitForWebview(page, '.msg.in', 60_000);
    const bubbles = frame.locator('.msg.in .bubble');
    await bubbles.nth(1).waitFor({ timeout: 30_000 });
    assert.deepEqual(await bubbles.allTextContents(), ['invoice_⟨RLO⟩gnp.exe', '$(check) Verified']);
    assert.deepEqual(await bubbles.evaluateAll((all) => all.map((b) => b.getAttribute('dir'))), ['auto', 'auto']);
  });

  it('the history quick pick shows $(check) in a message as text, beside our own status icon', async () => {
    const { page } = session.wb;
    await sendPayload('verifier.imessage.json', VERIFIER);
    await runCommand(page, 'iMessage: Show History');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: VERIFIER }).first();
    await row.waitFor({ timeout: 30_000 });
    // Ours: the status icon before the number renders (so an icon from the message would too).
    assert.equal(await row.locator('.label-name .codicon-check').count(), 1, 'our status icon');
    const description = row.locator('.label-description');
    assert.equal(await description.textContent(), '$(check) Verified by Apple');
    assert.equal(await description.locator('.codicon').count(), 0, 'no icon from the message');
    await page.keyboard.press('Escape');
  });

  it('a quiet send shows its recipient in the status bar as typed: $(check) draws no icon', async () => {
    const { page } = session.wb;
    // The send waits, so its progress stays in the status bar until it has been looked at.
    session.sandbox.inject({ kind: 'delay', ms: 15_000 }, { path: '/send/imessage', times: 1 });
    await runCommand(page, 'iMessage: Run Task and Notify Me When It Ends');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'quick' }).first().click({ timeout: 60_000 });
    const progress = page.locator('.statusbar-item').filter({ hasText: 'Sending iMessage to' }).first();
    await progress.waitFor({ timeout: 60_000 });
    assert.match((await progress.textContent())!, /Sending iMessage to \$\(check\)@apple\.com/);
    assert.equal(await progress.locator('.codicon-check').count(), 0, 'no icon from the address');
    // The progress was the task's notification, sent to that address.
    await until(() =>
      session.sandbox.requests.some((r) => r.path === '/send/imessage' && (r.body as { to?: string })?.to === ICON_ADDRESS),
    );
  });
});
