// When to ask a thread's history again: every few seconds while someone looks, slower after each
// failure, and never sooner than a 429's Retry-After. Pure, so the decisions are unit-tested.
import { AuthError, MissingTokenError, RateLimitedError } from '../client/errors';
import { unreachable } from '../connectivity';

export const POLL_INTERVAL_MS = 4_000;
/** The fastest any watcher may ask for. */
export const MIN_POLL_INTERVAL_MS = 1_000;
/** The slowest an erroring thread is polled; a person looking at it still sees it recover. */
export const MAX_BACKOFF_MS = 120_000;
/**
 * While the API cannot be reached, a thread asks this seldom (jitter: three quarters to all of it):
 * the connectivity probe, a TCP connect, watches for the network instead and brings the polls back
 * at once. They still ask now and then in case the probe cannot see the API (a proxy).
 */
export const OFFLINE_POLL_MS = 60_000;

export interface PollFailure {
  /** A 429. */
  rateLimited?: boolean;
  retryAfterMs?: number;
  /** No token, or the token was refused: asking again soon only repeats the refusal. */
  auth?: boolean;
  /** No answer at all (connect refused, DNS, TLS, a timeout before the headers): the network, not the API. */
  offline?: boolean;
}

/**
 * The wait before the next poll after `failures` consecutive failures (0: the last poll worked).
 * Jitter (half to full backoff) keeps several watched threads from polling in step.
 */
export function nextPollDelay(failures: number, failure?: PollFailure, random = Math.random, interval = POLL_INTERVAL_MS): number {
  if (failures <= 0 || !failure) return interval;
  if (failure.auth) return MAX_BACKOFF_MS;
  if (failure.offline) return Math.round(OFFLINE_POLL_MS * (0.75 + random() / 4));
  const backoff = Math.min(MAX_BACKOFF_MS, interval * 2 ** failures);
  const jittered = Math.max(interval, Math.round(backoff * (0.5 + random() / 2)));
  // Retry-After is the server's word: honoured even above our own cap.
  return failure.rateLimited && failure.retryAfterMs !== undefined ? Math.max(failure.retryAfterMs, jittered) : jittered;
}

/** What of a failed poll decides the next wait. */
export function pollFailure(error: unknown): PollFailure {
  if (error instanceof AuthError || error instanceof MissingTokenError) return { auth: true };
  if (unreachable(error)) return { offline: true };
  if (!(error instanceof RateLimitedError)) return {};
  return error.retryAfterMs === undefined ? { rateLimited: true } : { rateLimited: true, retryAfterMs: error.retryAfterMs };
}
