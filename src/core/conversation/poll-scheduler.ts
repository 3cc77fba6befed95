// Who asks a thread's history, and when. A thread is polled while someone watches it (never
// otherwise), at the shortest interval any watcher wants, one request at a time: a second caller
// joins the poll in flight. After failures the next poll waits longer (polling.ts), until `resume`
// says the network is back. A poll nobody wants any more (the last watcher left and no caller waits
// for it) is aborted, so a poll still getting ready (token, number) never leaves. `run` does the
// asking; the timers are injected.
import { type Timers, systemTimers } from '../timers';
import { MIN_POLL_INTERVAL_MS, nextPollDelay, POLL_INTERVAL_MS, type PollFailure } from './polling';

/** Asks once; resolves with why it failed, or undefined when it worked. Whatever it does after `signal` aborts is ignored. */
export type PollRun = (key: string, signal: AbortSignal) => Promise<PollFailure | undefined>;

interface PollState {
  /** One per watcher: each one's interval. */
  intervals: number[];
  inFlight?: Promise<void>;
  abort?: AbortController;
  /** Callers waiting for the poll in flight: it must not be aborted under them. */
  waiting: number;
  timer?: unknown;
  /** When the timer fires. */
  due: number;
  failures: number;
  failure?: PollFailure;
}

export class PollScheduler {
  private readonly polls = new Map<string, PollState>();
  private disposed = false;

  constructor(
    private readonly run: PollRun,
    private readonly timers: Timers = systemTimers,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Polls `key` until the returned function is called. The first poll runs at once (joining one on
   * its way), and so does a poll for a watcher that wants it faster than the others.
   */
  watch(key: string, intervalMs = POLL_INTERVAL_MS): () => void {
    const p = this.state(key);
    const interval = Math.max(MIN_POLL_INTERVAL_MS, intervalMs);
    const sooner = p.intervals.length === 0 || interval < Math.min(...p.intervals);
    p.intervals.push(interval);
    if (sooner) void this.poll(key);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      p.intervals.splice(p.intervals.indexOf(interval), 1);
      if (p.intervals.length > 0) return;
      this.stopTimer(p);
      if (p.waiting === 0) p.abort?.abort();
    };
  }

  /** Asks now, or joins the poll in flight. */
  poll(key: string): Promise<void> {
    const p = this.state(key);
    // An aborted poll answers nobody: whoever comes now gets a poll of their own.
    if (p.inFlight && !p.abort?.signal.aborted) return p.inFlight;
    if (this.disposed) return Promise.resolve();
    this.stopTimer(p);
    const abort = (p.abort = new AbortController());
    const settle = (failure: PollFailure | undefined) => {
      // Aborted: neither a failure nor the end of a backoff.
      if (abort.signal.aborted) return;
      p.failures = failure ? p.failures + 1 : 0;
      p.failure = failure;
    };
    const polled: Promise<void> = Promise.resolve()
      .then(() => this.run(key, abort.signal))
      .then(settle, () => settle({}))
      .finally(() => {
        if (p.inFlight !== polled) return;
        p.inFlight = undefined;
        if (p.intervals.length > 0) this.plan(p, key, nextPollDelay(p.failures, p.failure, this.random, Math.min(...p.intervals)));
      });
    p.inFlight = polled;
    return polled;
  }

  /** Asks now, or joins the poll in flight, which is then not aborted while this waits. */
  async pollFor(key: string): Promise<void> {
    const p = this.state(key);
    p.waiting++;
    try {
      await this.poll(key);
    } finally {
      p.waiting--;
    }
  }

  /**
   * Polls a watched `key` within `delayMs` (a send to the thread wants its state soon). Only ever
   * sooner than planned; not while a poll is in flight, and not during a backoff: a Retry-After holds.
   */
  soon(key: string, delayMs: number): void {
    const p = this.polls.get(key);
    if (!p || p.intervals.length === 0 || p.inFlight || p.failures > 0) return;
    if (p.timer === undefined || p.due > this.timers.now() + delayMs) this.plan(p, key, delayMs);
  }

  /**
   * The network is back: every watched thread waiting out an offline backoff asks now, and at its
   * own interval again once that works.
   */
  resume(): void {
    for (const [key, p] of this.polls) {
      if (p.intervals.length > 0 && !p.inFlight && p.failure?.offline) void this.poll(key);
    }
  }

  /** Someone watches `key`. */
  watching(key: string): boolean {
    return (this.polls.get(key)?.intervals.length ?? 0) > 0;
  }

  /** No poll leaves afterwards; the ones in flight are aborted. */
  dispose(): void {
    this.disposed = true;
    for (const p of this.polls.values()) {
      this.stopTimer(p);
      p.abort?.abort();
    }
  }

  private state(key: string): PollState {
    let p = this.polls.get(key);
    if (!p) this.polls.set(key, (p = { intervals: [], waiting: 0, due: 0, failures: 0 }));
    return p;
  }

  private plan(p: PollState, key: string, delayMs: number) {
    if (this.disposed) return;
    this.stopTimer(p);
    p.due = this.timers.now() + delayMs;
    p.timer = this.timers.setTimeout(() => {
      p.timer = undefined;
      if (p.intervals.length > 0) void this.poll(key);
    }, delayMs);
  }

  private stopTimer(p: PollState) {
    if (p.timer !== undefined) this.timers.clearTimeout(p.timer);
    p.timer = undefined;
  }
}
