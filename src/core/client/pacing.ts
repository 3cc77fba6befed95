// Pacing sends per `from` number so that a burst (ten tasks ending together) never meets the
// API's rate limit: a token bucket whose tokens may go negative, so that every caller reserves
// its own future slot at once and callers are served in order. Pure: the clock is injected.
import { sleep } from '../timers';
import { ContiguityError } from './errors';

export interface PacingOptions {
  perSecond: number;
  burst: number;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with whatever it likes once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Cancelled while waiting for a slot: the request never left, so retrying is safe. */
export class CancelledBeforeSendError extends ContiguityError {
  readonly kind = 'cancelled';
  readonly mayHaveBeenSent = false;
  constructor() {
    super('Cancelled while waiting to respect the rate limit: nothing was sent.');
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: PacingOptions,
    private readonly clock: Clock = realClock,
  ) {
    if (!(options.perSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError(`pacing needs perSecond > 0 and burst >= 1, got ${JSON.stringify(options)}`);
    }
  }

  /** Reserves the next slot for `key`; returns how many ms until it may be used (0: now). */
  reserve(key: string): number {
    const bucket = this.refill(key);
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / this.options.perSecond) * 1000);
  }

  /** Hands back a reserved slot that was not used, so later sends are not held back by it. */
  release(key: string): void {
    const bucket = this.refill(key);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
  }

  /**
   * Waits for a slot for `key`. An abort while waiting releases the slot and rejects with
   * CancelledBeforeSendError; once this resolves the caller owns the slot and sends exactly once.
   */
  async wait(key: string, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) throw new CancelledBeforeSendError();
    const ms = this.reserve(key);
    if (ms === 0) return 0;
    try {
      await this.clock.sleep(ms, signal);
    } catch {
      this.release(key);
      throw new CancelledBeforeSendError();
    }
    if (signal?.aborted) {
      this.release(key);
      throw new CancelledBeforeSendError();
    }
    return ms;
  }

  private refill(key: string): Bucket {
    const t = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: t };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

export const realClock: Clock = { now: () => Date.now(), sleep };
