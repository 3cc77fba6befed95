// The send history as data: what one send leaves behind, how the list is kept (newest first, at
// most 50), and how entries and delivery timelines read. The extension keeps it in globalState.
import * as z from './zod';
import { redact, redactValue } from './redact';
import type { messageHistoryData } from './schema';

export const MAX_HISTORY = 50;

export const historyEntry = z.object({
  at: z.number(),
  source: z.string(),
  api: z.optional(z.enum(['current', 'legacy'])),
  to: z.string(),
  /** The request as it was sent (after defaults), so it can be opened or sent again. */
  request: z.unknown(),
  ok: z.boolean(),
  messageId: z.optional(z.string()),
  /** Why it failed, redacted. */
  error: z.optional(z.string()),
  mayHaveBeenSent: z.optional(z.boolean()),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export interface SendRecord {
  source: string;
  ok: boolean;
  request: unknown;
  endpoint?: string;
  messageId?: string;
  error?: { message: string; mayHaveBeenSent?: boolean };
}

export function entryFromSend(record: SendRecord, at = Date.now()): HistoryEntry {
  const to = (record.request as { to?: unknown } | undefined)?.to;
  const entry: HistoryEntry = {
    at,
    source: record.source,
    to: redact(typeof to === 'string' ? to : JSON.stringify(redactValue(to) ?? null)),
    request: redactValue(record.request),
    ok: record.ok,
  };
  if (record.endpoint) entry.api = record.endpoint === '/send/text' ? 'legacy' : 'current';
  if (record.messageId) entry.messageId = record.messageId;
  if (record.error) {
    entry.error = redact(record.error.message);
    if (record.error.mayHaveBeenSent !== undefined) entry.mayHaveBeenSent = record.error.mayHaveBeenSent;
  }
  return entry;
}

/** Newest first, capped; whatever in the stored list is not a valid entry (older versions, hand edits) is dropped. */
export function withEntry(stored: unknown, entry: HistoryEntry, max = MAX_HISTORY): HistoryEntry[] {
  return [entry, ...readEntries(stored)].slice(0, max);
}

export function readEntries(stored: unknown): HistoryEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = historyEntry.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The first words of the message, for a one-line list. */
export function firstWords(request: unknown, max = 48): string {
  const r = request as { message?: unknown; attachments?: unknown } | undefined;
  const text = typeof r?.message === 'string' ? r.message.replace(/\s+/g, ' ').trim() : '';
  if (!text) {
    return Array.isArray(r?.attachments) && r.attachments.length
      ? `(${r.attachments.length} attachment${r.attachments.length === 1 ? '' : 's'})`
      : '(no message)';
  }
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function outcomeText(entry: HistoryEntry): string {
  if (entry.ok) return entry.api === 'legacy' ? 'sent (legacy API)' : 'sent';
  return entry.mayHaveBeenSent ? 'failed, may have been sent' : 'not sent';
}

type MessageStatus = z.infer<typeof messageHistoryData>;

/** The delivery timeline as lines for the output channel. */
export function trackingLines(status: MessageStatus): string[] {
  const lines = [
    `Delivery status of ${status.id}: ${status.status}${status.to ? ` (to ${status.to}${status.from ? `, from ${status.from}` : ''})` : ''}`,
  ];
  for (const step of status.tracking ?? []) lines.push(`  ${step.timestamp}  ${step.event}${step.title ? ` — ${step.title}` : ''}`);
  if (!status.tracking?.length) lines.push('  (no tracking events)');
  return lines;
}
