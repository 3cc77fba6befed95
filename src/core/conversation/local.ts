// Which of our own sends belong to a thread, read from the send history (and sends in flight).
import type { HistoryEntry } from '../history';
import type { LocalMessage } from './thread';

export interface ThreadSpec {
  /** The other party, E.164. */
  to: string;
  /** Our leased number; unknown until given, configured or learned from a send. */
  from?: string;
}

/** The key every surface uses for one thread: the same pair of numbers is the same conversation. */
export function threadKey(spec: ThreadSpec): string {
  return `${spec.to}|${spec.from ?? ''}`;
}

/**
 * A send joins the thread when it went to `to` from `from`: named in the request, or (when
 * Contiguity chose the number) as `fromOf` learned it from the message lookup. A send whose number
 * is not known (yet) is shown rather than lost: with one leased number, which is the usual case, it is this thread.
 */
export function localMessages(
  entries: readonly HistoryEntry[],
  spec: ThreadSpec,
  fromOf: (messageId: string) => string | undefined,
): LocalMessage[] {
  return entries.flatMap((entry) => {
    if (entry.to !== spec.to || entry.api === 'legacy') return [];
    const from = namedFrom(entry) ?? (entry.messageId ? fromOf(entry.messageId) : undefined);
    if (spec.from && from && from !== spec.from) return [];
    return [localFromEntry(entry)];
  });
}

/**
 * Where our number for a thread with `to` comes from (`entries` newest first): the newest send
 * that named one, else the lookup of the newest send that reached the API and let Contiguity
 * choose. Only that one: it is the number the thread is on.
 */
export function numberSource(entries: readonly HistoryEntry[], to: string): { from: string } | { messageId: string } | undefined {
  for (const entry of entries) {
    if (entry.to !== to || entry.api === 'legacy') continue;
    const from = namedFrom(entry);
    if (from) return { from };
    if (entry.ok && entry.messageId) return { messageId: entry.messageId };
  }
  return undefined;
}

function namedFrom(entry: HistoryEntry): string | undefined {
  const from = (entry.request as { from?: unknown } | undefined)?.from;
  return typeof from === 'string' && from ? from : undefined;
}

export function localFromEntry(entry: HistoryEntry): LocalMessage {
  const request = (entry.request ?? {}) as { message?: unknown; attachments?: unknown };
  const message: LocalMessage = {
    id: `${entry.at}:${entry.messageId ?? 'unsent'}`,
    at: entry.at,
    text: typeof request.message === 'string' ? request.message : '',
    attachments: Array.isArray(request.attachments) ? request.attachments.filter((a): a is string => typeof a === 'string') : [],
    state: entry.ok ? 'sent' : 'failed',
  };
  if (entry.messageId) message.messageId = entry.messageId;
  if (entry.error) message.error = entry.error;
  if (entry.mayHaveBeenSent !== undefined) message.mayHaveBeenSent = entry.mayHaveBeenSent;
  return message;
}
