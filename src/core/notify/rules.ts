// Whether a finished task or command deserves a text. Pure: the extension gathers the facts
// (focus, clock, settings) and this decides, with a reason the log can show when it says no.
import { isQuiet, type QuietRange } from './quiet-hours';
import type { ExitCode } from './template';

export type NotifyMode = 'off' | 'failures' | 'always';

export interface NotifyRules {
  mode: NotifyMode;
  minDurationSeconds: number;
  onlyWhenUnfocused: boolean;
  ignoreExitCodes: readonly number[];
  quietHours: readonly QuietRange[];
}

export interface Ending {
  exitCode: ExitCode;
  durationMs: number;
  /** The user armed a one-shot for this: notify whatever the rules say. */
  armed: boolean;
  focused: boolean;
  at: Date;
}

/** `quiet`: the only reason is the quiet hours, so the text may be held for them instead (imessage.notify.duringQuietHours). */
export type Decision = { notify: true } | { notify: false; reason: string; quiet?: true };

export function decide(rules: NotifyRules, e: Ending): Decision {
  // An explicit request ("tell me when this finishes") outranks every threshold, quiet hours included.
  if (e.armed) return { notify: true };
  if (rules.mode === 'off') return no('notifications are off');
  if (typeof e.exitCode === 'number' && rules.ignoreExitCodes.includes(e.exitCode)) return no(`exit code ${e.exitCode} is ignored`);
  // VS Code's docs advise treating an unreported exit code as a failure.
  if (rules.mode === 'failures' && e.exitCode === 0) return no('it succeeded and only failures are notified');
  if (e.durationMs < rules.minDurationSeconds * 1000) return no(`it ran for less than ${rules.minDurationSeconds} s`);
  if (rules.onlyWhenUnfocused && e.focused) return no('the window is focused');
  if (isQuiet(rules.quietHours, e.at)) return { notify: false, reason: 'it is quiet hours', quiet: true };
  return { notify: true };
}

function no(reason: string): Decision {
  return { notify: false, reason };
}
