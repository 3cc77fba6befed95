// A clock that only moves when a test moves it: timers due by then run in time order, and the
// promises they start settle before the next one runs. No real time passes.
import type { Timers } from '../../src/core/timers';

/** Lets every promise already on its way settle (one turn of the event loop). */
export const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeTimers implements Timers {
  private t = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  now() {
    return this.t;
  }

  setTimeout(run: () => void, ms: number) {
    const id = this.next++;
    this.timers.set(id, { at: this.t + Math.max(0, ms), run });
    return id;
  }

  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }

  /** When the pending timers are due, soonest first. */
  due(): number[] {
    return [...this.timers.values()].map((x) => x.at).sort((a, b) => a - b);
  }

  /** Moves the clock `ms` forward. */
  async advance(ms: number) {
    const end = this.t + ms;
    await settled();
    for (;;) {
      const [id, timer] = [...this.timers].filter(([, x]) => x.at <= end).sort(([i, a], [j, b]) => a.at - b.at || i - j)[0] ?? [];
      if (id === undefined || !timer) break;
      this.timers.delete(id);
      this.t = timer.at;
      timer.run();
      await settled();
    }
    this.t = end;
  }
}
