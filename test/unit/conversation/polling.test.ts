// When a watched thread is asked again.
import assert from 'node:assert/strict';
import { AuthError, MissingTokenError, NetworkError, RateLimitedError, ServerError, TimeoutError } from '../../../src/core/client/errors';
import { MAX_BACKOFF_MS, nextPollDelay, OFFLINE_POLL_MS, POLL_INTERVAL_MS, pollFailure } from '../../../src/core/conversation/polling';

const low = () => 0;
const high = () => 0.999999;

describe('conversation polling decisions', () => {
  it('polls every interval while polls succeed', () => {
    assert.equal(nextPollDelay(0), POLL_INTERVAL_MS);
    assert.equal(nextPollDelay(0, { rateLimited: true, retryAfterMs: 60_000 }), POLL_INTERVAL_MS);
  });

  it('backs off exponentially on errors, with jitter, never below the interval nor above the cap', () => {
    assert.equal(nextPollDelay(1, {}, high), 2 * POLL_INTERVAL_MS);
    assert.equal(nextPollDelay(2, {}, high), 4 * POLL_INTERVAL_MS);
    assert.equal(nextPollDelay(1, {}, low), POLL_INTERVAL_MS);
    assert.equal(nextPollDelay(3, {}, low), 4 * POLL_INTERVAL_MS);
    assert.equal(nextPollDelay(30, {}, high), MAX_BACKOFF_MS);
  });

  it('honours Retry-After on a 429, even above the cap', () => {
    assert.equal(nextPollDelay(1, { rateLimited: true, retryAfterMs: 30_000 }, high), 30_000);
    assert.equal(nextPollDelay(1, { rateLimited: true, retryAfterMs: 600_000 }, high), 600_000);
    assert.equal(nextPollDelay(2, { rateLimited: true }, high), 4 * POLL_INTERVAL_MS);
    // A short Retry-After does not undercut our own backoff.
    assert.equal(nextPollDelay(3, { rateLimited: true, retryAfterMs: 1 }, high), 8 * POLL_INTERVAL_MS);
  });

  it('a missing or refused token waits the longest: asking again soon only repeats the refusal', () => {
    assert.equal(nextPollDelay(1, { auth: true }, low), MAX_BACKOFF_MS);
  });

  it('offline waits three quarters to all of OFFLINE_POLL_MS from the first failure: the probe, not the polls, watches for the network', () => {
    assert.equal(nextPollDelay(1, { offline: true }, low), 0.75 * OFFLINE_POLL_MS);
    assert.equal(nextPollDelay(1, { offline: true }, high), OFFLINE_POLL_MS);
    assert.equal(nextPollDelay(20, { offline: true }, high), OFFLINE_POLL_MS, 'no growth past it');
  });

  it('reads what decides the wait from the error a poll failed with', () => {
    assert.deepEqual(pollFailure(new NetworkError('refused', 'connect', 'ECONNREFUSED', undefined)), { offline: true });
    assert.deepEqual(pollFailure(new TimeoutError(15_000)), { offline: true });
    assert.deepEqual(pollFailure(new TimeoutError(15_000, undefined, true)), {}, 'headers came: the API answered');
    assert.deepEqual(pollFailure(new RateLimitedError('slow down', {}, 30_000)), { rateLimited: true, retryAfterMs: 30_000 });
    assert.deepEqual(pollFailure(new RateLimitedError('slow down', {})), { rateLimited: true });
    assert.deepEqual(pollFailure(new MissingTokenError()), { auth: true });
    assert.deepEqual(pollFailure(new AuthError('HTTP 401', 401, {})), { auth: true });
    assert.deepEqual(pollFailure(new ServerError('HTTP 500', 500, {}, '')), {});
    assert.deepEqual(pollFailure(new Error('anything else')), {});
  });
});
