// What every text the extension sends by itself obeys (task and terminal notifications, the agent
// tools): it goes to the user's own recipient only, and never in the user's quiet hours.
import { quietEndsAt } from '../outbox/digest';
import type { Settings } from '../settings';
import { isQuiet, parseQuietHours, type QuietRange } from './quiet-hours';

type AutomaticSettings = Pick<Settings, 'notifyRecipient' | 'defaultRecipient' | 'notifyQuietHours' | 'notifyDuringQuietHours'>;

/** imessage.notify.recipient, else imessage.defaultRecipient; undefined when neither is set. */
export function ownRecipient(s: AutomaticSettings): string | undefined {
  return s.notifyRecipient.trim() || s.defaultRecipient.trim() || undefined;
}

/** The ranges of imessage.notify.quietHours (the settings schema already refused an unreadable value). */
export function quietRanges(s: AutomaticSettings): QuietRange[] {
  const quiet = parseQuietHours(s.notifyQuietHours);
  return quiet.ok ? quiet.ranges : [];
}

/** Whether local time `at` is in the user's quiet hours. */
export function inQuietHours(s: AutomaticSettings, at: Date): boolean {
  return isQuiet(quietRanges(s), at);
}

/**
 * Until when a text that falls in quiet hours at `now` is held (imessage.notify.duringQuietHours
 * "digest"): the end of these quiet hours. Undefined means drop it: "drop", or quiet all day long.
 */
export function heldUntil(s: AutomaticSettings, now: number): number | undefined {
  return s.notifyDuringQuietHours === 'digest' ? quietEndsAt(quietRanges(s), now) : undefined;
}

/** "07:00", local time, for telling when held texts go out. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
