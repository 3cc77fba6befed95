// The outbox's passes over a real directory, with a hand-moved clock and a send that raises the
// client's real error types: order, backoff, max age, and exactly once across two "windows".
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NetworkError, RateLimitedError, TimeoutError } from '../../../src/core/client/errors';
import { drainOnce, type DrainDeps, type OutboxReport, type SendAttempt } from '../../../src/core/outbox/drain';
import { newItemId, type OutboxItem } from '../../../src/core/outbox/items';
import { OutboxStore } from '../../../src/core/outbox/store';

const MIN = 60_000;
const HOURS_4 = 240 * MIN;

describe('outbox drain', () => {
  let dir: string;
  let now: number;
  let alive: Set<number>;
  let sent: { window: number; to: string; text: string }[];
  let reports: OutboxReport[];
  let failWith: Error | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
    now = 1_700_000_000_000;
    alive = new Set([1, 2]);
    sent = [];
    reports = [];
    failWith = undefined;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const store = (pid: number) => new OutboxStore({ dir, pid, now: () => now, isAlive: (p) => alive.has(p), leaseMs: 5 * MIN });
  const window = (pid: number): DrainDeps => ({
    store: store(pid),
    now: () => now,
    maxAgeMs: () => HOURS_4,
    random: () => 1,
    report: (r) => reports.push(r),
    async send(item, text, beforeRequest): Promise<SendAttempt> {
      await new Promise((r) => setImmediate(r)); // lets the other window run in between, as pacing would
      if (!(await beforeRequest())) return { ok: false, error: new Error('another window sends it') };
      if (failWith) return { ok: false, error: failWith };
      sent.push({ window: pid, to: item.to, text });
      return { ok: true };
    },
  });
  async function add(message: string, to = '+14155552671', createdAt = now, extra: Partial<OutboxItem> = {}): Promise<OutboxItem> {
    const item: OutboxItem = {
      id: newItemId(createdAt),
      to,
      message,
      source: 'notify.task',
      label: message,
      createdAt,
      attempts: 0,
      nextAt: createdAt,
      reason: 'offline',
      ...extra,
    };
    await store(1).add(item);
    return item;
  }
  const files = () => fs.readdirSync(dir).sort();

  it('sends each recipient its texts in order, one head per pass, and empties the directory', async () => {
    await add('a1');
    now += 1;
    await add('b1', '+15550001111');
    now += 1;
    await add('a2');
    assert.ok((await drainOnce(window(1))).progress);
    assert.deepEqual(
      sent.map((s) => s.text),
      ['a1', 'b1'],
    );
    await drainOnce(window(1));
    assert.deepEqual(
      sent.map((s) => s.text),
      ['a1', 'b1', 'a2'],
    );
    assert.deepEqual(files(), []);
    assert.equal((await drainOnce(window(1))).progress, false);
  });

  it('a connection failure waits with backoff, survives a new store (reload), and goes out later marked as delayed', async () => {
    await add('Build done');
    failWith = new NetworkError('refused', 'connect', 'ECONNREFUSED', undefined);
    const pass = await drainOnce(window(1));
    assert.equal(reports[0].kind, 'waiting');
    assert.equal(pass.wakeAt, now + 5000);
    assert.equal(pass.waiting[0].attempts, 1);
    failWith = undefined;
    now += 4000;
    await drainOnce(window(2)); // another window, or this one after a reload: not due yet
    assert.equal(sent.length, 0);
    now += 14 * MIN;
    await drainOnce(window(2));
    assert.deepEqual(sent, [{ window: 2, to: '+14155552671', text: 'Build done (delayed 14 min)' }]);
    assert.deepEqual(files(), []);
  });

  it('a 429 waits at least its Retry-After and says it is rate limited', async () => {
    await add('x');
    failWith = new RateLimitedError('429', {}, 120_000);
    const pass = await drainOnce(window(1));
    assert.equal(pass.wakeAt, now + 120_000);
    assert.equal(pass.waiting[0].reason, 'rate-limited');
  });

  it('a timeout (may have been sent) is reported and never sent again', async () => {
    await add('x');
    failWith = new TimeoutError(15_000);
    await drainOnce(window(1));
    assert.deepEqual(
      reports.map((r) => r.kind),
      ['maybe-sent'],
    );
    failWith = undefined;
    now += HOURS_4;
    await drainOnce(window(1));
    assert.equal(sent.length, 0);
    assert.deepEqual(files(), []);
  });

  it('drops and reports texts older than the maximum age instead of sending them', async () => {
    await add('old', '+14155552671', now - HOURS_4 - 1);
    await add('new', '+15550001111');
    await drainOnce(window(1));
    assert.deepEqual(
      sent.map((s) => s.text),
      ['new'],
    );
    const dropped = reports.find((r) => r.kind === 'dropped');
    assert.equal(dropped?.item.message, 'old');
  });

  it('four windows draining at once, pass after pass, send every text exactly once and in order per recipient', async () => {
    alive = new Set([1, 2, 3, 4]);
    for (let i = 0; i < 40; i++) {
      await add(`t${i}`, `+1415555${String(1000 + (i % 8))}`); // 8 recipients, 5 texts each
      now += 1;
    }
    const drainAll = async (pid: number) => {
      while ((await drainOnce(window(pid))).progress);
    };
    await Promise.all([1, 2, 3, 4].map(drainAll));
    await drainAll(1);
    assert.equal(sent.length, 40);
    assert.equal(new Set(sent.map((s) => s.text)).size, 40);
    for (let r = 0; r < 8; r++) {
      const texts = sent.filter((s) => s.to === `+1415555${1000 + r}`).map((s) => Number(s.text.slice(1)));
      assert.deepEqual(
        texts,
        [...texts].sort((a, b) => a - b),
      );
    }
    assert.ok(new Set(sent.map((s) => s.window)).size > 1, 'the windows shared the work');
    assert.deepEqual(files(), []);
  });

  it('a dead window\'s claim is taken over; its ".sending" is reported as maybe sent, never resent; a live one is left alone', async () => {
    const claimed = await add('claimed only', '+15550000001');
    const writing = await add('being written', '+15550000002');
    const inFlight = await add('in flight', '+15550000003');
    const dead = store(3);
    assert.ok(await dead.claim(claimed.id));
    const c2 = await dead.claim(writing.id);
    assert.ok(await c2?.markSending());
    const c3 = await store(2).claim(inFlight.id);
    assert.ok(await c3?.markSending());
    await drainOnce(window(1));
    assert.deepEqual(
      sent.map((s) => s.text),
      ['claimed only'],
    );
    assert.deepEqual(
      reports.filter((r) => r.kind === 'maybe-sent').map((r) => r.item.message),
      ['being written'],
    );
    assert.ok(files().includes(`${inFlight.id}.json`));
    // A live window's claim that outlived any send's lease counts as dead too (a reused pid).
    now += 6 * MIN;
    await drainOnce(window(1));
    assert.deepEqual(
      reports.filter((r) => r.kind === 'maybe-sent').map((r) => r.item.message),
      ['being written', 'in flight'],
    );
    assert.equal(sent.length, 1);
  });

  it('skips files that are not outbox items', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '0000000000001-aaaaaaaa.json'), '{"to":"+1","message":"x"}');
    fs.writeFileSync(path.join(dir, 'junk.json'), 'not json');
    const { unreadable } = await store(1).list();
    assert.equal(unreadable.length, 2);
    await drainOnce(window(1));
    assert.equal(sent.length, 0);
  });

  describe('texts held for quiet hours (imessage.notify.duringQuietHours "digest")', () => {
    const ME = '+14155552671';
    const held = (message: string, until: number, to = ME) => add(message, to, now, { reason: 'quiet', nextAt: until, heldUntil: until });

    it('wait until the quiet hours end, then go as ONE digest per recipient, while texts not held go at once', async () => {
      const end = now + 8 * 60 * MIN;
      await held('build failed', end);
      now += 1;
      await add('armed one-shot', ME); // not held (a one-shot ignores quiet hours): it must not wait behind the held ones
      now += 1;
      await held('tests passed', end);
      now += 1;
      await held('other person', end, '+15550001111');
      const pass = await drainOnce(window(1));
      assert.deepEqual(
        sent.map((s) => s.text),
        ['armed one-shot'],
      );
      assert.equal(pass.wakeAt, end, 'the pass sleeps until the quiet hours end');
      assert.deepEqual(
        pass.waiting.map((i) => i.reason),
        ['quiet', 'quiet', 'quiet'],
      );
      now = end;
      await Promise.all([drainOnce(window(1)), drainOnce(window(2))]); // two windows wake at the same minute
      assert.deepEqual(
        sent.map((s) => [s.to, s.text]).sort(), // the windows race: the order across recipients is theirs
        [
          [ME, 'armed one-shot'],
          [ME, 'While you were away (2): build failed · tests passed'],
          ['+15550001111', 'other person'],
        ].sort(),
      );
      assert.deepEqual(
        reports
          .filter((r) => r.kind === 'sent')
          .map((r) => r.item.message)
          .sort(),
        ['armed one-shot', 'build failed', 'other person', 'tests passed'],
      );
      assert.deepEqual(files(), []);
    });

    it('are not too old while held: their age counts from the end of the quiet hours', async () => {
      const end = now + 9 * 60 * MIN; // longer than the maximum age of 4 h
      await held('overnight', end);
      now = end + MIN / 2;
      await drainOnce(window(1));
      assert.deepEqual(
        sent.map((s) => s.text),
        ['overnight'],
      );
      assert.equal(
        reports.some((r) => r.kind === 'dropped'),
        false,
      );
    });

    it('a digest that meets no network waits, every text in it, and goes once later, marked as delayed from the end of quiet hours', async () => {
      const end = now + 60 * MIN;
      await held('one', end);
      now += 1;
      await held('two', end);
      now = end;
      failWith = new NetworkError('refused', 'connect', 'ECONNREFUSED', undefined);
      const pass = await drainOnce(window(1));
      assert.deepEqual(
        pass.waiting.map((i) => [i.message, i.reason, i.attempts]),
        [
          ['one', 'offline', 1],
          ['two', 'offline', 1],
        ],
      );
      failWith = undefined;
      now = end + 20 * MIN;
      await drainOnce(window(2));
      assert.deepEqual(
        sent.map((s) => s.text),
        ['While you were away (2): one · two (delayed 20 min)'],
      );
      assert.deepEqual(files(), []);
    });

    it('a digest that may have been sent (a timeout) is reported for each text in it and never sent again', async () => {
      const end = now + MIN;
      await held('one', end);
      now += 1;
      await held('two', end);
      now = end;
      failWith = new TimeoutError(15_000);
      await drainOnce(window(1));
      assert.deepEqual(
        reports.map((r) => [r.kind, r.item.message]),
        [
          ['maybe-sent', 'one'],
          ['maybe-sent', 'two'],
        ],
      );
      failWith = undefined;
      await drainOnce(window(1));
      assert.equal(sent.length, 0);
      assert.deepEqual(files(), []);
    });
  });
});
