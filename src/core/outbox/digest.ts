// Quiet hours that hold instead of drop (imessage.notify.duringQuietHours "digest"): when the quiet
// hours around a text end, and the one text that gathers a recipient's held texts ("While you were
// away (3): …"), capped in length. The outbox's drain sends it; the clock is passed in.
import { isQuiet, type QuietRange } from '../notify/quiet-hours';
import { cap } from '../untrusted-text';

/** A digest's longest text, in UTF-16 code units: one readable iMessage, not a log. */
export const DIGEST_MAX_CHARS = 1_000;

const MINUTE = 60_000;

/**
 * When the quiet hours around `now` end (epoch ms, on a local minute), or undefined when `now` is
 * not quiet or every minute of the day is ("00:00-24:00": nothing would ever go out). Minute by
 * minute over one day, so daylight-saving shifts and ranges that cross midnight need no special case.
 */
export function quietEndsAt(ranges: readonly QuietRange[], now: number): number | undefined {
  if (!isQuiet(ranges, new Date(now))) return undefined;
  const start = Math.floor(now / MINUTE) * MINUTE;
  for (let t = start + MINUTE; t <= start + 25 * 60 * MINUTE; t += MINUTE) {
    if (!isQuiet(ranges, new Date(t))) return t;
  }
  return undefined;
}

/** "While you were away (3): a · b · c", cut at `max` with how many texts did not fit. */
export function digestText(messages: readonly string[], max = DIGEST_MAX_CHARS): string {
  if (messages.length === 1) return cap(messages[0]!, max);
  const head = `While you were away (${messages.length}): `;
  let body = '';
  for (const [i, m] of messages.entries()) {
    const part = (i ? ' · ' : '') + m.replace(/\s+/g, ' ').trim();
    const rest = messages.length - i;
    const more = ` … and ${rest} more`;
    const room = max - (rest > 1 ? more.length : 0);
    if (head.length + body.length + part.length > room) {
      // The first text alone is too long: its start, so the digest never says only "and 3 more".
      return i === 0 ? cap(head + part, room) + (rest > 1 ? ` … and ${rest - 1} more` : '') : head + body + more;
    }
    body += part;
  }
  return head + body;
}
