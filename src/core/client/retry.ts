// Automatic retries only where the API cannot have acted on the request: a connection that never
// opened, or a 429. Everything else reaches the user, who decides.
import { sleep } from '../timers';
import {
  classifySendFailure,
  ContiguityError,
  NetworkError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnreadableResponseError,
} from './errors';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** A Retry-After longer than this is reported instead of waited out. */
  maxWaitMs: number;
  /** A read changes nothing on the server: a 5xx, a timeout or a dropped connection may be retried too. */
  idempotent?: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxWaitMs: 10_000 };
export const READ_RETRY: RetryPolicy = { ...DEFAULT_RETRY, idempotent: true };
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxWaitMs: 0 };

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: ContiguityError;
}

/** The wait before the next attempt, or undefined when this error must not be retried. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, random = Math.random): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + random() / 2);
  if (error instanceof NetworkError && classifySendFailure(error) === 'retry') return backoff;
  if (
    policy.idempotent &&
    (error instanceof NetworkError ||
      error instanceof ServerError ||
      error instanceof TimeoutError ||
      (error instanceof UnreadableResponseError && (error.status ?? 0) >= 500))
  ) {
    return backoff;
  }
  if (error instanceof RateLimitedError) {
    const wait = Math.max(error.retryAfterMs ?? 0, backoff);
    return wait <= policy.maxWaitMs ? wait : undefined;
  }
  return undefined;
}

export async function withRetry<T>(
  run: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; onRetry?: (notice: RetryNotice) => void } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      const delayMs = retryDelay(error, attempt, policy);
      if (delayMs === undefined || !(error instanceof ContiguityError)) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
