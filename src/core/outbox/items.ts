// What the outbox holds and decides, with the clock passed in: which texts are due (one at a time
// per recipient, oldest first), when a failed one is tried again, which are too old to send, and
// how a late text says so. Nothing here touches the disk or the network.
import { RateLimitedError } from '../client/errors';
import * as z from '../zod';

/**
 * Why a text waits: no connection (offline, DNS, refused, TLS), the API's 429, the user's quiet
 * hours, or an earlier text to the same person that waits (`queued`: texts to one person keep their order).
 */
export type WaitReason = 'offline' | 'rate-limited' | 'quiet' | 'queued';

export interface OutboxItem {
  /** Sortable: the creation time first, so the files list in the order the texts were written. */
  id: string;
  to: string;
  message: string;
  /** Which feature wrote it (notify.task, agent.hook, ...), for the log and the history. */
  source: string;
  /** What it is about, for the user ("task \"build\""). */
  label: string;
  createdAt: number;
  attempts: number;
  nextAt: number;
  reason: WaitReason;
  /**
   * Held for quiet hours until then (imessage.notify.duringQuietHours "digest"): it goes out with
   * the recipient's other held texts as one digest, and its age counts from then.
   */
  heldUntil?: number;
}

const MAX_TEXT = 20_000;
const itemSchema = z.object({
  id: z.string().check(z.regex(/^\d{13}-[a-z0-9]{8}$/)),
  to: z.string().check(z.minLength(1), z.maxLength(320)),
  message: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  source: z.string().check(z.maxLength(100)),
  label: z.string().check(z.maxLength(500)),
  createdAt: z.number().check(z.int(), z.gte(0)),
  attempts: z.number().check(z.int(), z.gte(0)),
  nextAt: z.number().check(z.int(), z.gte(0)),
  reason: z.enum(['offline', 'rate-limited', 'quiet', 'queued']),
  heldUntil: z.optional(z.number().check(z.int(), z.gte(0))),
});

/** A stored item as read back from disk, or undefined when the file is not one (hostile or torn). */
export function parseItem(json: unknown): OutboxItem | undefined {
  const parsed = itemSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
let sequence = 0;

/**
 * The creation time, then this process's sequence number, then randomness: two texts one window
 * writes in the same millisecond sort in the order they were written (texts to one person keep
 * their order); other windows' ids differ by the random part.
 */
export function newItemId(now: number, random: () => number = Math.random): string {
  sequence = (sequence + 1) % 36 ** 4;
  const tail = sequence.toString(36).padStart(4, '0') + Array.from({ length: 4 }, () => DIGITS[Math.floor(random() * 36)]).join('');
  return `${String(Math.max(0, Math.floor(now))).padStart(13, '0')}-${tail}`;
}

export const BACKOFF = { baseMs: 5_000, maxMs: 5 * 60_000 };

/** When to try again after `attempts` failures: doubling from 5 s to 5 min, with jitter, and never before Retry-After. */
export function nextAttemptAt(now: number, attempts: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const backoff = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1)) * (0.75 + random() / 4);
  return now + Math.round(Math.max(backoff, retryAfterMs));
}

/** Oldest first: the creation time, then the id (the order one window wrote them in). */
export const byAge = (a: OutboxItem, b: OutboxItem) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The oldest item of each recipient: only it may go, so texts to one person keep their order. */
export function heads(items: readonly OutboxItem[]): OutboxItem[] {
  const first = new Map<string, OutboxItem>();
  for (const item of [...items].sort(byAge)) if (!first.has(item.to)) first.set(item.to, item);
  return [...first.values()];
}

/** Held for quiet hours that have not ended: out of the queue, so it holds back nobody's other texts. */
const stillHeld = (i: OutboxItem, now: number) => i.heldUntil !== undefined && i.heldUntil > now;

/** Whether an earlier text to the same recipient waits (one held for quiet hours that have not ended does not count). */
export function waitsBehind(items: readonly OutboxItem[], item: OutboxItem, now: number): boolean {
  return items.some((i) => i.to === item.to && byAge(i, item) < 0 && !stillHeld(i, now));
}

/** The text after an attempt that surely did not reach the server: when it is tried next, and why it waits. */
export function afterFailedTry(item: OutboxItem, error: Error, now: number, random?: () => number): OutboxItem {
  const limited = error instanceof RateLimitedError ? error : undefined;
  const attempts = item.attempts + 1;
  return {
    ...item,
    attempts,
    nextAt: nextAttemptAt(now, attempts, limited?.retryAfterMs, random),
    reason: limited ? 'rate-limited' : 'offline',
  };
}

/** The heads that are due now, oldest first. */
export function due(items: readonly OutboxItem[], now: number): OutboxItem[] {
  return heads(items.filter((i) => !stillHeld(i, now))).filter((i) => i.nextAt <= now);
}

/**
 * What goes out with a due head: the head alone, or, when it was held for quiet hours, it and the
 * recipient's held texts right behind it (the order per recipient is kept: a text that was not
 * held ends the run).
 */
export function sendGroup(head: OutboxItem, items: readonly OutboxItem[], now: number): OutboxItem[] {
  if (head.heldUntil === undefined) return [head];
  const queue = items.filter((i) => i.to === head.to && !stillHeld(i, now)).sort(byAge);
  const group: OutboxItem[] = [];
  for (const i of queue.slice(queue.findIndex((q) => q.id === head.id))) {
    if (i.heldUntil === undefined) break;
    group.push(i);
  }
  return group;
}

/** When a text was due: its creation, or the end of the quiet hours that held it. */
export const dueSince = (i: OutboxItem) => Math.max(i.createdAt, i.heldUntil ?? 0);

/** Items older than the maximum age, counted from when they were due: dropped (and reported) instead of sent late. */
export function expired(items: readonly OutboxItem[], now: number, maxAgeMs: number): OutboxItem[] {
  return items.filter((i) => now - dueSince(i) > maxAgeMs);
}

/** When the next head (or held text) becomes due (undefined: nothing waits). */
export function nextWake(items: readonly OutboxItem[]): number | undefined {
  const times = [...heads(items.filter((i) => i.heldUntil === undefined)), ...items.filter((i) => i.heldUntil !== undefined)].map(
    (i) => i.nextAt,
  );
  return times.length ? Math.min(...times) : undefined;
}

/** A text that goes out a minute or more after it was due says so: "Build done (delayed 14 min)". */
export function delayedText(message: string, dueAt: number, now: number): string {
  const minutes = Math.floor((now - dueAt) / 60_000);
  if (minutes < 1) return message;
  const late = minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${message} (delayed ${late})`;
}
