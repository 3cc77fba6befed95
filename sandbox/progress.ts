// A sent message's life after the API answered: queued → sent → delivered → read, on timers.
import type { DeliveryTiming, SentMessage, TrackingEvent } from './types';

const TITLES: Record<string, string> = {
  fallback: 'Recipient has no iMessage; sent as SMS',
  delivered: 'Delivered',
  read: 'Read',
};

export class Progress {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly timing: DeliveryTiming,
    private readonly changed: () => void,
  ) {}

  start(msg: SentMessage): void {
    const steps: [number, () => void][] = [
      [this.timing.sentMs, () => this.sent(msg)],
      [this.timing.deliveredMs, () => this.delivered(msg)],
    ];
    if (this.timing.readMs !== null) steps.push([this.timing.readMs, () => this.read(msg)]);
    for (const [ms, step] of steps) {
      // Zero delays happen now, so 'instant' sandboxes answer lookups deterministically.
      if (ms === 0) step();
      else this.later(ms, () => (step(), this.changed()));
    }
  }

  fail(msg: SentMessage, title: string): void {
    msg.status = 'failed';
    record(msg, 'failed', title);
  }

  read(msg: SentMessage): void {
    if (msg.status !== 'delivered') return;
    msg.status = 'read';
    msg.read = record(msg, 'read', TITLES.read);
  }

  /** Runs `fn` after `ms` unless cancelled; never keeps the process alive. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private sent(msg: SentMessage): void {
    if (msg.status !== 'queued') return;
    if (msg.channel === 'sms') record(msg, 'fallback', TITLES.fallback);
    msg.status = 'sent';
    record(msg, 'sent', `Sent via ${msg.channel === 'sms' ? 'SMS' : 'iMessage'}`);
  }

  private delivered(msg: SentMessage): void {
    if (msg.status !== 'sent') return;
    msg.status = 'delivered';
    msg.deliveredAt = record(msg, 'delivered', TITLES.delivered);
  }
}

/** Appends a tracking event; timestamps strictly increase so the order shows in them too. */
function record(msg: SentMessage, event: string, title: string): number {
  const last: TrackingEvent | undefined = msg.events.at(-1);
  const at = Math.max(Date.now(), (last?.at ?? 0) + 1);
  msg.events.push({ event, title, at });
  return at;
}
