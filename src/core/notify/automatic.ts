// What every text the extension sends by itself obeys (task and terminal notifications, the agent
// tools): it goes to the user's own recipient only, and never in the user's quiet hours.
import type { Settings } from '../settings';
import { isQuiet, parseQuietHours, type QuietRange } from './quiet-hours';

type AutomaticSettings = Pick<Settings, 'notifyRecipient' | 'defaultRecipient' | 'notifyQuietHours'>;

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
