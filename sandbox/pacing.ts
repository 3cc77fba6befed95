import type { PacingOptions } from './types';

interface Bucket {
  tokens: number;
  at: number;
}

/** Token bucket per `from` number: Contiguity's knowledge base says ~1 message/s with bursts of 5. */
export class Pacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: PacingOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.perSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError(`pacing needs perSecond > 0 and burst >= 1, got ${JSON.stringify(options)}`);
    }
  }

  /** Takes one token for `key`. Returns 0 when allowed, else the whole seconds to wait (>= 1, for Retry-After). */
  take(key: string): number {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: t };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
  }

  reset(): void {
    this.buckets.clear();
  }
}
