// A text sent now through the outbox, over a real directory with the client's real error types.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NetworkError, RateLimitedError, TimeoutError } from '../../../src/core/client/errors';
import { deliverReserved } from '../../../src/core/outbox/deliver';
import type { SendAttempt } from '../../../src/core/outbox/drain';
import { newItemId, type OutboxItem } from '../../../src/core/outbox/items';
import { OutboxStore } from '../../../src/core/outbox/store';

describe('outbox deliver (a text sent now, written first)', () => {
  let dir: string;
  let store: OutboxStore;
  let closing: boolean;
  const now = 1_700_000_000_000;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deliver-'));
    store = new OutboxStore({ dir, pid: process.pid, now: () => now, isAlive: () => true, leaseMs: 60_000 });
    closing = false;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const text = (message: string, to = '+14155552671'): OutboxItem => ({
    id: newItemId(now),
    to,
    message,
    source: 'notify.task',
    label: message,
    createdAt: now,
    attempts: 0,
    nextAt: now,
    reason: 'offline',
  });
  const deps = () => ({ store, now: () => now, closing: () => closing, random: () => 1 });
  async function deliver(item: OutboxItem, result: SendAttempt | 'closing before the request') {
    const claim = await store.reserve(item);
    let asked = false;
    const done = await deliverReserved(deps(), claim, item, async (beforeRequest) => {
      if (result === 'closing before the request') {
        closing = true;
        return { ok: false, error: new Error('cancelled') };
      }
      asked = await beforeRequest();
      return result;
    });
    return { done, asked };
  }
  const files = () => fs.readdirSync(dir).sort();
  const stored = async () => (await store.list()).items.map((l) => l.item);

  it('sent: marked right before the request, then removed', async () => {
    const { done, asked } = await deliver(text('a'), { ok: true });
    assert.equal(asked, true);
    assert.deepEqual(done, { queued: false, attempt: { ok: true }, kept: false });
    assert.deepEqual(files(), []);
  });

  it('surely not sent (no connection, 429): kept with its next try and why', async () => {
    await deliver(text('a'), { ok: false, error: new NetworkError('refused', 'connect', 'ECONNREFUSED', undefined) });
    await deliver(text('b', '+15550001111'), { ok: false, error: new RateLimitedError('429', {}, 120_000) });
    assert.deepEqual(
      (await stored()).map((i) => [i.message, i.attempts, i.reason, i.nextAt - now]),
      [
        ['a', 1, 'offline', 5_000],
        ['b', 1, 'rate-limited', 120_000],
      ],
    );
    assert.equal(files().filter((f) => !f.endsWith('.json')).length, 0, 'no claim or .sending left');
  });

  it('may have been sent (a timeout): removed, never kept', async () => {
    const { done } = await deliver(text('a'), { ok: false, error: new TimeoutError(15_000) });
    assert.ok(!done.queued && !done.kept);
    assert.deepEqual(files(), []);
  });

  it('an earlier text to the same recipient waits: this one queues behind it, unsent', async () => {
    await deliver(text('first'), { ok: false, error: new NetworkError('refused', 'connect', 'ECONNREFUSED', undefined) });
    const { done, asked } = await deliver(text('second'), { ok: true });
    assert.deepEqual(done, { queued: true });
    assert.equal(asked, false);
    assert.deepEqual(
      (await stored()).map((i) => [i.message, i.reason]),
      [
        ['first', 'offline'],
        ['second', 'queued'],
      ],
    );
  });

  it('the window closes before the request: the text stays, unclaimed, for the next window', async () => {
    const { done } = await deliver(text('a'), 'closing before the request');
    assert.ok(!done.queued && done.kept);
    assert.deepEqual(
      files().map((f) => f.replace(/^[^.]+/, '')),
      ['.json'],
    );
  });
});
