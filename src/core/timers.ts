// The clock and timers, passed in wherever code waits, so tests drive time instead of sleeping;
// and the one sleep an AbortSignal cancels.
import { CancelledError } from './client/errors';

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms`; rejects with CancelledError once `signal` aborts (at once if it has). */
export function sleep(ms: number, signal?: AbortSignal, timers: Timers = systemTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = timers.setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    function abort() {
      timers.clearTimeout(timer);
      reject(new CancelledError());
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
