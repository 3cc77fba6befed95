// The one sleep an AbortSignal cancels (retries and send pacing wait with it).
import assert from 'node:assert/strict';
import { CancelledError } from '../../src/core/client/errors';
import { sleep } from '../../src/core/timers';
import { FakeTimers } from './fake-timers';

describe('sleep', () => {
  it('resolves once its time has come, not before', async () => {
    const timers = new FakeTimers();
    let woke = false;
    const sleeping = sleep(1_000, undefined, timers).then(() => (woke = true));
    await timers.advance(999);
    assert.equal(woke, false);
    await timers.advance(1);
    await sleeping;
    assert.equal(timers.now(), 1_000);
  });

  it('rejects with CancelledError as soon as the signal aborts, and leaves no timer behind', async () => {
    const timers = new FakeTimers();
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal, timers);
    controller.abort();
    await assert.rejects(sleeping, CancelledError);
    assert.deepEqual(timers.due(), []);
  });

  it('an already aborted signal rejects at once, without a timer', async () => {
    const timers = new FakeTimers();
    await assert.rejects(sleep(10, AbortSignal.abort(), timers), CancelledError);
    assert.deepEqual(timers.due(), []);
  });

  it('the real timers wait', async () => {
    const t0 = Date.now();
    await sleep(20);
    assert.ok(Date.now() - t0 >= 15);
  });
});
