// What the user hears from the outbox: a text dropped after waiting too long, or one that may have
// been sent when a window died, is told once (a few at a time in one message); sends and waits go
// to the log only. Automatic senders send through sendAutomatic, which writes each text to the outbox first.
import type { OutboxReport } from '../../core/outbox/drain';
import { perActivation, type Services } from '../services';
import type { AutomaticText, Delivered } from '../services/outbox';
import { sendQuietly } from './send';
import { prompt } from './prompts';
import { says } from '../../core/untrusted-text';
import { statusItem } from './status-item';

/** Reports that arrive together are told in one message. */
const GATHER_MS = 300;

/** Starts the outbox (its texts from earlier sessions go out) and tells the user what it gives up. */
export const watchOutbox = perActivation((s: Services) => {
  statusItem(s);
  let pending: OutboxReport[] = [];
  let timer: NodeJS.Timeout | undefined;
  const subscription = s.outbox.onDidReport((r) => {
    if (r.kind !== 'dropped' && r.kind !== 'maybe-sent' && r.kind !== 'failed') return;
    pending.push(r);
    timer ??= setTimeout(() => {
      const told = pending;
      pending = [];
      timer = undefined;
      void tell(s, told);
    }, GATHER_MS);
  });
  return { dispose: () => (clearTimeout(timer), subscription.dispose()) };
});

/**
 * Sends an automatic text through the outbox (on disk before it waits for pacing). `kept`: it
 * surely did not go out, and waits in the outbox to be sent once, later.
 */
export function sendAutomatic(s: Services, text: AutomaticText): Promise<Delivered> {
  watchOutbox(s);
  return s.outbox.deliver(text, (o) => sendQuietly(s, { to: text.to, message: text.message }, { source: text.source, ...o }));
}

/** True when the outbox holds the text for the end of the quiet hours (`until`), to go out in a digest. */
export async function holdAutomatic(s: Services, text: AutomaticText, until: number): Promise<boolean> {
  watchOutbox(s);
  return s.outbox.hold(text, until);
}

/** The first words of a text, for naming it to the user. */
export function shortLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}

async function tell(s: Services, reports: OutboxReport[]): Promise<void> {
  const maxAge = s.config.readIfValid()?.outboxMaxAgeMinutes ?? 240;
  const list = (kind: OutboxReport['kind']) =>
    reports
      .filter((r) => r.kind === kind)
      .map((r) => r.item.label)
      .join(', ');
  const parts = [
    list('dropped') && `dropped after waiting more than ${maxAge} min (imessage.outbox.maxAgeMinutes): ${list('dropped')}`,
    list('maybe-sent') && `may have been sent, so not sent again: ${list('maybe-sent')}`,
    list('failed') && `could not be sent: ${list('failed')}`,
  ].filter(Boolean);
  await prompt({ severity: 'warning', message: says`iMessage automatic texts ${parts.join('; ')}.`, actions: [] });
}
