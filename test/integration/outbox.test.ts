// The outbox in a real host against the sandbox's outages: a task's text kept while the API is down
// arrives once when it is back; a timeout after the body is never retried; a "reload" (the
// services disposed and built again on the same global storage, as a window reload does; a real
// reload of the test host's window would end the test run) still sends once; texts past
// imessage.outbox.maxAgeMinutes are dropped and the user is told.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import { newItemId, type OutboxItem } from '../../src/core/outbox/items';
import type { Services } from '../../src/extension/services';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import { watchOutbox } from '../../src/extension/ui/outbox';
import { Notifier } from '../../src/extension/features/notify/notifier';
import { type AutomaticText, Outbox } from '../../src/extension/services/outbox';
import { statusItem } from '../../src/extension/ui/status-item';
import { messageOf, quietHoursAroundNow, runTask, sendsAfter, setUserSetting, shellTask, uniqueName } from './notify-helpers';
import { readOutputLog } from './output-log';
import { ownActivation, withOwnLogChannel, type OwnActivation } from './own-services';
import { until } from './until';
import { apiDown } from './api-down';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';

describe('outbox', function () {
  let sandbox: Sandbox;
  const set = setUserSetting;
  const sends = () => sandbox.requests.filter((r) => r.path === '/send/imessage');
  this.timeout(60_000);

  before(async () => {
    sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
    await set('api.baseUrl', sandbox.url);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
  });

  beforeEach(async () => {
    await sandbox.outage({ kind: 'up' });
    sandbox.reset();
    await set('notify.tasks', 'always');
    await set('notify.minDurationSeconds', 0);
    await set('notify.onlyWhenUnfocused', false);
    await set('notify.recipient', TO);
  });

  after(async () => {
    for (const key of [
      'api.baseUrl',
      'api.timeoutMs',
      'outbox.maxAgeMinutes',
      'notify.tasks',
      'notify.minDurationSeconds',
      'notify.onlyWhenUnfocused',
      'notify.recipient',
    ]) {
      await set(key, undefined);
    }
    await sandbox.close();
  });

  it('a task ends while the API is down: its text waits, and arrives exactly once when the API is back', async () => {
    await apiDown(sandbox);
    const name = uniqueName('offline');
    await runTask(shellTask(name, 'exit 2'));
    await readOutputLog(
      (t) => new RegExp(`Notification about task "${name}"[^\\n]*waits in the outbox: Could not connect`).test(t),
      15_000,
    );
    assert.equal(sandbox.requests.length, 0);
    const back = Date.now();
    await sandbox.outage({ kind: 'up' });
    const [send] = await sendsAfter(sandbox, 1);
    const drainedMs = Date.now() - back;
    assert.match(messageOf(send!).message, new RegExp(name));
    assert.equal(send!.status, 200);
    // The outbox's own line comes after the send's answer: by then a second send would have been recorded.
    await readOutputLog((t) => t.includes(`Outbox: sent task "${name}"`), 15_000);
    assert.equal(sends().length, 1);
    assert.equal(sandbox.sent.length, 1);
    console.log(`      network back → outbox drained in ${drainedMs} ms`);
  });

  it('a timeout after the body was sent is never retried, and the outbox does not take it', async () => {
    await set('api.timeoutMs', 1000);
    try {
      sandbox.inject({ kind: 'delay', ms: 2500 }, { path: '/send/imessage' });
      const name = uniqueName('timeout');
      await runTask(shellTask(name, 'exit 2'));
      const log = await readOutputLog(
        (t) => new RegExp(`Notification about task "${name}"[^\\n]*failed: No complete response`).test(t),
        15_000,
      );
      assert.doesNotMatch(log, new RegExp(`task "${name}"[^\\n]*waits in the outbox`));
      // The server acts on the late request (it was sent after all): still one request, one text.
      await until('the delayed request handled', () => sandbox.sent.length === 1);
      assert.equal(sends().length, 1);
    } finally {
      await set('api.timeoutMs', undefined);
    }
  });

  describe('across a reload, and with a maximum age (own activations on one global storage)', () => {
    let storage: string;
    const made: OwnActivation[] = [];
    const activation = async (label: string): Promise<Services> => {
      const own = ownActivation(label);
      (own.context as { globalStorageUri: vscode.Uri }).globalStorageUri = vscode.Uri.file(storage);
      made.push(own);
      const services = await withOwnLogChannel(`iMessage (${label})`, () => own.activation.services());
      await services.tokens.set(sandbox.token);
      return services;
    };

    /** An automatic text sent as the notifier sends it: through the outbox, with the real sender. */
    const deliver = (services: Services, text: AutomaticText) =>
      services.outbox.deliver(text, (o) => services.sender.send({ to: text.to, message: text.message }, { source: text.source, ...o }));

    /** A waiting text written in the store's own file format (by an earlier session, or another program); returns the outbox folder. */
    const plant = (fields: Pick<OutboxItem, 'message' | 'label' | 'createdAt'> & Partial<OutboxItem>): string => {
      const item: OutboxItem = {
        id: newItemId(fields.createdAt),
        to: TO,
        source: 'notify.task',
        attempts: 1,
        nextAt: fields.createdAt,
        reason: 'offline',
        ...fields,
      };
      const dir = join(storage, 'outbox');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${item.id}.json`), JSON.stringify(item));
      return dir;
    };

    beforeEach(() => {
      storage = mkdtempSync(join(tmpdir(), 'imessage-outbox-'));
    });
    afterEach(() => {
      made.splice(0).forEach((o) => o.dispose());
      rmSync(storage, { recursive: true, force: true });
    });

    it('a text kept before a reload is sent once by the window after it', async () => {
      const first = await activation('outbox-before');
      await apiDown(sandbox);
      const { outcome, kept } = await deliver(first, {
        to: TO,
        message: 'kept across a reload',
        source: 'notify.task',
        label: 'task "reload"',
      });
      assert.ok(!outcome.ok && kept);
      made[0]!.dispose(); // the reload: this window's services go away, the text stays on disk
      assert.equal(readdirSync(join(storage, 'outbox')).filter((f) => f.endsWith('.json')).length, 1);
      await sandbox.outage({ kind: 'up' });
      const second = await activation('outbox-after');
      const sent = new Promise<void>((resolve) => second.outbox.onDidReport((r) => r.kind === 'sent' && resolve()));
      await second.outbox.drain();
      await sent;
      assert.deepEqual(
        sends().map((r) => messageOf(r).message),
        ['kept across a reload'],
      );
      assert.deepEqual(readdirSync(join(storage, 'outbox')), []);
    });

    it('the status bar item shows a kept text and why it waits, and hides once the outbox is drained', async () => {
      const services = await activation('outbox-status');
      const item = statusItem(services);
      assert.equal(item.view, undefined, 'hidden while nothing waits');
      await apiDown(sandbox);
      const text = { to: TO, message: 'waits in the bar', source: 'notify.task', label: 'task "$(alert) bar"' };
      assert.ok((await deliver(services, text)).kept);
      const shown = await until('the item to show the text', () => item.view);
      assert.equal(shown.text, '$(clock) task "\\$(alert) bar" (offline)');
      assert.match(shown.tooltip, /1 text in the outbox/);
      assert.ok(shown.tooltip.includes(String.raw`- task \"\$\(alert\) bar\" to \+14155552671 (offline)`), shown.tooltip);
      await sandbox.outage({ kind: 'up' });
      const [send] = await sendsAfter(sandbox, 1);
      assert.equal(messageOf(send!).message, 'waits in the bar');
      await until('the item to hide', () => item.view === undefined);
      assert.equal(sends().length, 1);
    });

    it('discard (a status item action) removes a kept text unsent, and the item hides', async () => {
      const services = await activation('outbox-discard');
      const item = statusItem(services);
      await apiDown(sandbox);
      assert.ok((await deliver(services, { to: TO, message: 'discard me', source: 'notify.task', label: 'task "discard"' })).kept);
      await until('the item to show the text', () => item.view);
      const [kept] = services.outbox.waiting;
      assert.ok(await services.outbox.discard(kept!.id));
      assert.equal(item.view, undefined);
      assert.deepEqual(readdirSync(join(storage, 'outbox')), []);
      await sandbox.outage({ kind: 'up' });
      assert.equal(sends().length, 0);
    });

    it('texts older than imessage.outbox.maxAgeMinutes are dropped, not sent, and the user is told which', async () => {
      await set('outbox.maxAgeMinutes', 1);
      const asked: PromptRequest[] = [];
      const stop = answerPromptsForTests((r) => void asked.push(r));
      try {
        // A text kept two minutes ago by an earlier session.
        const dir = plant({ message: 'too late', label: 'task "stale"', createdAt: Date.now() - 2 * 60_000 });
        const services = await activation('outbox-age');
        watchOutbox(services);
        const told = await until('the warning', () => asked.find((r) => /dropped/.test(r.message)));
        assert.equal(told.severity, 'warning');
        assert.match(told.message, /dropped after waiting more than 1 min \(imessage\.outbox\.maxAgeMinutes\): task "stale"/);
        assert.equal(sandbox.requests.length, 0);
        assert.deepEqual(readdirSync(dir), []);
      } finally {
        stop();
        await set('outbox.maxAgeMinutes', undefined);
      }
    });

    it('quiet hours that hold ("digest"): texts due in them wait, and go as ONE digest when they end (an injected clock)', async () => {
      const quiet = quietHoursAroundNow();
      await set('notify.quietHours', quiet.range);
      await set('notify.duringQuietHours', 'digest');
      try {
        const services = await activation('outbox-quiet');
        const notifier = new Notifier(services);
        const ending = (name: string) => ({ name, exitCode: 2, durationMs: 61_000, workspace: 'w', cwd: '/', output: '' });
        await notifier.finished('task', ending('build'), false);
        await notifier.finished('task', ending('lint'), false);
        const held = await until('both texts held', () => (services.outbox.waiting.length === 2 ? services.outbox.waiting : undefined));
        assert.deepEqual(
          held.map((i) => i.reason),
          ['quiet', 'quiet'],
        );
        const shown = await until('the status item to show the held texts', () => statusItem(services).view);
        assert.equal(shown.text, '$(clock) 2 waiting (quiet hours)');
        const end = held[0]!.heldUntil!;
        assert.equal(new Date(end).getHours() * 60 + new Date(end).getMinutes(), quiet.endMinute, 'held until the quiet hours end');
        assert.equal(sends().length, 0, 'nothing goes out in quiet hours');
        // The quiet hours end: a window whose clock reads their end drains the same outbox.
        const later = new Outbox({
          dir: join(storage, 'outbox'),
          sender: services.sender,
          config: services.config,
          log: services.log,
          connectivity: services.connectivity,
          now: () => end,
        });
        try {
          const reported: string[] = [];
          later.onDidReport((r) => reported.push(`${r.kind} ${r.item.label}`));
          await later.drain();
          const [digest] = await sendsAfter(sandbox, 1);
          assert.match(
            messageOf(digest!).message,
            /^While you were away \(2\): \*\*❌ build\*\* failed with exit code 2 in 1m 1s · \*\*❌ lint\*\* failed/,
          );
          assert.equal(sends().length, 1, 'one text for both');
          assert.deepEqual(reported.sort(), ['sent task "build" (exit 2, 1m 1s)', 'sent task "lint" (exit 2, 1m 1s)']);
          assert.deepEqual(readdirSync(join(storage, 'outbox')), []);
        } finally {
          later.dispose();
        }
      } finally {
        await set('notify.quietHours', undefined);
        await set('notify.duringQuietHours', undefined);
      }
    });

    it('send now (a status item action) on a text held for quiet hours sends it at once, on its own', async () => {
      const services = await activation('outbox-send-now');
      const until_ = Date.now() + 60 * 60_000;
      assert.ok(
        await services.outbox.hold({ to: TO, message: 'held, then wanted now', source: 'notify.task', label: 'task "now"' }, until_),
      );
      const [held] = await until('the held text', () => (services.outbox.waiting.length ? services.outbox.waiting : undefined));
      assert.equal(sends().length, 0);
      assert.ok(await services.outbox.sendNow(held!.id));
      const [send] = await sendsAfter(sandbox, 1);
      assert.equal(messageOf(send!).message, 'held, then wanted now');
      await until('the outbox to empty', () => readdirSync(join(storage, 'outbox')).length === 0);
    });

    it('a window that reloads while a text waits for pacing leaves it on disk, and the next window sends it once', async () => {
      const first = await activation('outbox-pacing');
      // The sender's burst (5) is spent at once, so the next text waits for pacing (1.2 s a text).
      for (let i = 0; i < 6; i++) assert.ok((await first.sender.send({ to: TO, message: `burst ${i}` }, { source: 'test' })).ok);
      const text = { to: TO, message: 'waited for pacing', source: 'notify.task', label: 'task "paced"' };
      const delivering = deliver(first, text);
      const dir = join(storage, 'outbox');
      await until(
        'the text on disk, claimed, before it is sent',
        () => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.claim')),
      );
      made[0]!.dispose(); // the reload, while the text still waits for its slot
      const { outcome, kept } = await delivering;
      assert.ok(!outcome.ok && kept, 'the closing window lets go of it unsent');
      assert.deepEqual(
        readdirSync(dir).map((f) => f.replace(/^[^.]+/, '')),
        ['.json'],
        'the text stays, unclaimed',
      );
      const second = await activation('outbox-pacing-after');
      await second.outbox.drain();
      await until('the outbox to empty', () => readdirSync(dir).length === 0);
      assert.deepEqual(
        sends()
          .map((r) => messageOf(r).message)
          .filter((m) => !m.startsWith('burst')),
        ['waited for pacing'],
      );
    });

    it("a waiting text to anyone but the user's own recipient (a file another program wrote) is not sent, and the user is told", async () => {
      const asked: PromptRequest[] = [];
      const stop = answerPromptsForTests((r) => void asked.push(r));
      try {
        const dir = plant({ to: '+13105550199', message: 'planted', label: 'task "planted"', createdAt: Date.now() });
        const services = await activation('outbox-planted');
        watchOutbox(services);
        const told = await until('the warning', () => asked.find((r) => /could not be sent/.test(r.message)));
        assert.match(told.message, /could not be sent: task "planted"/);
        assert.equal(sandbox.requests.filter((r) => r.method === 'POST').length, 0, 'nothing sent');
        assert.deepEqual(readdirSync(dir), []);
      } finally {
        stop();
      }
    });
  });
});
