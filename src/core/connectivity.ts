// Whether the API can be reached, as one state for the whole window. Every request reports what it
// met (the sender's sends, the conversations' polls); once one gets no answer at all the window is
// offline, said once for the whole outage however many requests fail. While someone waits for the
// network (outbox texts, watched threads), a bare TCP connect to the API's port, not an HTTP
// request, checks every PROBE.everyMs whether it is back; when it connects, or when any request
// gets an answer, `onBack` wakes whoever waits, at once. Pure: the probe and the clock are injected.
import { ContiguityError, NetworkError, TimeoutError } from './client/errors';
import { systemTimers, type Timers } from './timers';

/**
 * How often the probe connects while someone waits for the network. A port that connects while
 * requests still get no answer (a captive portal, a proxy that takes the connection) is a false
 * alarm: each one doubles the wait, up to maxMs, until a request is answered again.
 */
export const PROBE = { everyMs: 5_000, maxMs: 60_000 };

/** No HTTP answer came back: the network, DNS, TLS or the API's host failed, not the API. */
export function unreachable(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof TimeoutError && !error.answered);
}

/** The API answered (any HTTP status): it is reachable, whatever it said. */
function answeredWith(error: unknown): boolean {
  if (error instanceof TimeoutError) return error.answered;
  return error instanceof ContiguityError && error.status !== undefined;
}

/** The wait before the next probe after `falseAlarms` connects that requests did not confirm. */
export function probeDelay(falseAlarms: number): number {
  return Math.min(PROBE.maxMs, PROBE.everyMs * 2 ** Math.max(0, falseAlarms));
}

/** Why the API could not be reached, in a few words (the error's code, not its message). */
export function unreachableReason(error: unknown): string {
  if (error instanceof TimeoutError) return `no answer within ${error.timeoutMs / 1000} s`;
  return error instanceof NetworkError && error.code ? error.code : 'no connection';
}

export interface ConnectivityDeps {
  /** Connects to the API's port and nothing else: true when it connected. */
  probe(): Promise<boolean>;
  /** Someone waits for the network. Without anyone, probing stops until a request fails again or `wait()` is called. */
  needed(): boolean;
  /** Entered (with why) or left the offline state: once per outage. */
  onChange(offline: boolean, reason?: string): void;
  /** The network seems back (the probe connected, or a request was answered while offline): retry now. */
  onBack(): void;
  timers?: Timers;
}

export class ConnectivityState {
  private why: string | undefined;
  private falseAlarms = 0;
  /** The probe connected; no request has confirmed it yet. */
  private unconfirmed = false;
  private timer: unknown;
  private probing = false;
  private disposed = false;
  private readonly timers: Timers;

  constructor(private readonly deps: ConnectivityDeps) {
    this.timers = deps.timers ?? systemTimers;
  }

  get offline(): boolean {
    return this.why !== undefined;
  }

  /** Why the window is offline; undefined while it is not. */
  get reason(): string | undefined {
    return this.why;
  }

  /**
   * What one request met: `undefined` when it was answered, else its error. True when the error
   * says the API could not be reached. Errors that say nothing about the network (a bad input, no
   * token, a cancel) change nothing.
   */
  report(error?: unknown): boolean {
    if (error === undefined || answeredWith(error)) {
      this.answered();
      return false;
    }
    if (!unreachable(error)) return false;
    if (this.unconfirmed) {
      this.unconfirmed = false;
      this.falseAlarms++;
      this.stopTimer();
    }
    if (this.why === undefined) {
      this.why = unreachableReason(error);
      this.deps.onChange(true, this.why);
    }
    this.schedule();
    return true;
  }

  /** Someone started waiting for the network (texts kept from an earlier session): probe while they wait. */
  wait(): void {
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.stopTimer();
  }

  private answered() {
    this.unconfirmed = false;
    this.falseAlarms = 0;
    if (this.why === undefined) return;
    this.why = undefined;
    this.stopTimer();
    this.deps.onChange(false);
    this.deps.onBack();
  }

  private schedule() {
    if (this.disposed || this.timer !== undefined || this.probing) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.probe();
    }, probeDelay(this.falseAlarms));
  }

  private async probe() {
    if (this.disposed || !this.deps.needed()) return;
    this.probing = true;
    const connected = await this.deps.probe().then(
      (ok) => ok,
      () => false,
    );
    this.probing = false;
    if (this.disposed) return;
    if (connected) {
      this.unconfirmed = true;
      this.deps.onBack();
    }
    this.schedule();
  }

  private stopTimer() {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
