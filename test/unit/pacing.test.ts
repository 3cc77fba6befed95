import * as assert from 'node:assert/strict';
import { CancelledBeforeSendError, type Clock, Pacer } from '../../src/core/client/pacing';

/** A clock that only moves when a sleeper is due: sleeps resolve in time order, instantly. */
class FakeClock implements Clock {
  t = 0;
  private sleepers: { until: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  now() {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal) {
    return new Promise<void>((resolve, reject) => {
      const entry = { until: this.t + ms, resolve, reject };
      this.sleepers.push(entry);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== entry);
        reject(new Error('aborted'));
      });
    });
  }

  /** Advances to `t`, waking sleepers due by then in order. */
  async advance(to: number) {
    await new Promise((r) => setImmediate(r));
    for (;;) {
      this.sleepers.sort((a, b) => a.until - b.until);
      const next = this.sleepers[0];
      if (!next || next.until > to) break;
      this.sleepers.shift();
      this.t = next.until;
      next.resolve();
      await new Promise((r) => setImmediate(r));
    }
    this.t = to;
  }
}

describe('pacing (token bucket per from number)', () => {
  it('lets a burst through at once, then one per interval', () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ perSecond: 1, burst: 5 }, clock);
    const waits = Array.from({ length: 8 }, () => pacer.reserve('+1555'));
    assert.deepEqual(waits, [0, 0, 0, 0, 0, 1000, 2000, 3000]);
  });

  it('refills over time, up to the burst', () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ perSecond: 2, burst: 3 }, clock);
    for (let i = 0; i < 3; i++) assert.equal(pacer.reserve('a'), 0);
    assert.equal(pacer.reserve('a'), 500);
    clock.t = 60_000;
    assert.deepEqual([pacer.reserve('a'), pacer.reserve('a'), pacer.reserve('a'), pacer.reserve('a')], [0, 0, 0, 500]);
  });

  it('numbers are paced independently', () => {
    const pacer = new Pacer({ perSecond: 1, burst: 1 }, new FakeClock());
    assert.equal(pacer.reserve('a'), 0);
    assert.equal(pacer.reserve('b'), 0);
    assert.equal(pacer.reserve('a'), 1000);
  });

  it('wait: senders go out in order, never faster than the server allows', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ perSecond: 1, burst: 5 }, clock);
    const sentAt: number[] = [];
    const all = Array.from({ length: 10 }, () => pacer.wait('n').then(() => sentAt.push(clock.now())));
    await clock.advance(10_000);
    await Promise.all(all);
    assert.deepEqual(sentAt, [0, 0, 0, 0, 0, 1000, 2000, 3000, 4000, 5000]);
    // The same bucket as the sandbox's, replayed on these times: none is refused.
    let tokens = 5;
    let last = 0;
    for (const t of sentAt) {
      tokens = Math.min(5, tokens + (t - last) / 1000);
      last = t;
      assert.ok(tokens >= 1 - 1e-9, `refused at ${t}`);
      tokens -= 1;
    }
  });

  it('a cancelled wait rejects with a not-sent error and frees its slot', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ perSecond: 1, burst: 1 }, clock);
    assert.equal(await pacer.wait('n'), 0);
    const controller = new AbortController();
    const waiting = pacer.wait('n', controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: unknown) => e instanceof CancelledBeforeSendError && e.mayHaveBeenSent === false);
    // The freed slot goes to the next caller: 1000 ms after the first send, not 2000.
    assert.equal(pacer.reserve('n'), 1000);
  });

  it('an already aborted signal never reserves', async () => {
    const pacer = new Pacer({ perSecond: 1, burst: 1 }, new FakeClock());
    await assert.rejects(pacer.wait('n', AbortSignal.abort()), CancelledBeforeSendError);
    assert.equal(pacer.reserve('n'), 0);
  });

  it('the real clock waits and can be cancelled', async () => {
    const pacer = new Pacer({ perSecond: 20, burst: 1 });
    await pacer.wait('n');
    const t0 = Date.now();
    assert.ok((await pacer.wait('n')) > 0);
    assert.ok(Date.now() - t0 >= 40);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(pacer.wait('n', controller.signal), CancelledBeforeSendError);
  });

  it('refuses nonsense options', () => {
    assert.throws(() => new Pacer({ perSecond: 0, burst: 5 }), RangeError);
    assert.throws(() => new Pacer({ perSecond: 1, burst: 0 }), RangeError);
  });
});
