// When the pager texts, as pure rules: the extension gathers the facts (settings, focus, clock)
// and these decide, with a reason for the log when they say no. The same rules as task
// notifications (core/notify/rules.ts) for "finished" and "waiting"; approvals are stricter.
import { isQuiet, type QuietRange } from '../notify/quiet-hours';
import type { ApprovalMode } from './settings';

export interface PagerRules {
  minDurationSeconds: number;
  onlyWhenUnfocused: boolean;
  quietHours: readonly QuietRange[];
  approvals: ApprovalMode;
  awaySeconds: number;
  approvalTimeoutSeconds: number;
}

/** What the window knows of its focus: since when it has been unfocused, if it is (undefined: focused, or not known). */
export interface Focus {
  focused: boolean;
  unfocusedSince?: number;
}

/** `quiet`: the only reason is the quiet hours, so the text may be held for them instead (imessage.notify.duringQuietHours). */
export type TextDecision = { text: true } | { text: false; reason: string; quiet?: true };

/** Whether "finished" (with how long it worked, when known) or "waiting" deserves a text. */
export function shouldText(rules: PagerRules, facts: { workedMs?: number; focused: boolean; at: number }): TextDecision {
  if (facts.workedMs !== undefined && facts.workedMs < rules.minDurationSeconds * 1000) {
    return no(`it worked for less than ${rules.minDurationSeconds} s`);
  }
  if (rules.onlyWhenUnfocused && facts.focused) return no('the window is focused');
  if (isQuiet(rules.quietHours, new Date(facts.at))) return { text: false, reason: 'it is quiet hours', quiet: true };
  return { text: true };
}

/**
 * Whether a tool call is put to the user by text. "none": the feature stays out of it (approvals
 * off, or the user is at the window); "ask": it would, but cannot now, so the agent's own prompt
 * decides; "text": ask by text.
 */
export type ApprovalGate = { kind: 'text' } | { kind: 'none' | 'ask'; reason: string };

export function approvalGate(rules: PagerRules, focus: Focus, now: number): ApprovalGate {
  if (rules.approvals === 'off') return { kind: 'none', reason: 'approvals by text are off (imessage.agentHooks.approvals)' };
  if (rules.approvals === 'whenAway' && !isAway(focus, rules.awaySeconds, now)) {
    return { kind: 'none', reason: `the window has not been unfocused for ${rules.awaySeconds} s` };
  }
  if (isQuiet(rules.quietHours, new Date(now))) return { kind: 'ask', reason: 'it is quiet hours' };
  return { kind: 'text' };
}

/** Unfocused for at least `seconds`: a focused window, or one whose unfocusing was not seen, is not away. */
export function isAway(focus: Focus, seconds: number, now: number): boolean {
  return !focus.focused && focus.unfocusedSince !== undefined && now - focus.unfocusedSince >= seconds * 1000;
}

/** Kept back from the agent's deadline: the answer still has to reach the hook and be printed. */
export const DEADLINE_MARGIN_MS = 2_000;
/** Less time than this to answer is not worth a text: nobody reads and answers that fast. */
export const MIN_APPROVAL_WAIT_MS = 5_000;

/** How long to wait for the reply: the setting, capped by the hook's deadline less the margin; 0 when too short to ask. */
export function approvalWaitMs(timeoutSeconds: number, deadline: number, now: number): number {
  const wait = Math.min(timeoutSeconds * 1000, deadline - now - DEADLINE_MARGIN_MS);
  return wait >= MIN_APPROVAL_WAIT_MS ? wait : 0;
}

function no(reason: string): TextDecision {
  return { text: false, reason };
}
