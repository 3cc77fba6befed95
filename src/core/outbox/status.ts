// What the status bar item says about what waits: texts in the outbox (and why), armed one-shot
// notifications, unread replies. Pure, so every state is tested without a host. Labels, recipients
// and names are outside text: they go through the untrusted-text tags (icons shown as typed in the
// item's text, every Markdown character escaped in its tooltip).
import { cleanText, iconLabel, markdown } from '../untrusted-text';
import type { WaitReason } from './items';

export interface WaitingState {
  outbox: readonly { id: string; to: string; label: string; reason: WaitReason }[];
  armed: readonly { label: string; kind: string }[];
  /** Threads with unread replies. */
  unread: readonly { key: string; to: string; count: number }[];
}

export interface StatusView {
  /** The item's text: icons ours, every outside part escaped. */
  text: string;
  /** Markdown for the tooltip, every outside part escaped. */
  tooltip: string;
}

/** Longest outside text in the item itself: the status bar is shared with everything else. */
const SHORT = 30;

const WHY: Record<WaitReason, string> = {
  offline: 'offline',
  'rate-limited': 'rate limited',
  quiet: 'quiet hours',
  queued: 'after an earlier text',
};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Undefined when nothing waits: the item hides. */
export function statusView(state: WaitingState): StatusView | undefined {
  const { outbox, armed, unread } = state;
  const replies = unread.reduce((sum, u) => sum + Math.max(0, u.count), 0);
  if (outbox.length === 0 && armed.length === 0 && replies === 0) return undefined;
  const reasons = [...new Set(outbox.map((i) => WHY[i.reason]))].join(', ');
  const parts: string[] = [];
  if (outbox.length === 1) parts.push(iconLabel`$(clock) ${short(outbox[0]!.label)} (${reasons})`);
  else if (outbox.length > 1) parts.push(`$(clock) ${outbox.length} waiting (${reasons})`);
  if (armed.length === 1) parts.push(iconLabel`$(bell) ${short(armed[0]!.label)}`);
  else if (armed.length > 1) parts.push(`$(bell) ${armed.length} armed`);
  if (replies > 0) parts.push(`$(mail) ${replies} unread`);

  const lines: string[] = [];
  if (outbox.length > 0) {
    lines.push(`**${count(outbox.length, 'text')} in the outbox**, sent once the API can take them:`, '');
    for (const i of outbox) lines.push(markdown`- ${i.label} to ${i.to} (${WHY[i.reason]})`);
    lines.push('');
  }
  if (armed.length > 0) {
    lines.push(`**${count(armed.length, 'one-shot notification')}** armed:`, '');
    for (const a of armed) lines.push(markdown`- ${a.kind}: ${a.label}`);
    lines.push('');
  }
  if (replies > 0) {
    lines.push(`**${count(replies, 'unread reply', 'unread replies')}**:`, '');
    for (const u of unread.filter((t) => t.count > 0)) lines.push(markdown`- ${u.to}: ${String(u.count)}`);
    lines.push('');
  }
  lines.push('Click for actions: send now, discard, open the conversation, cancel the one-shot.');
  return { text: parts.join('  '), tooltip: lines.join('\n') };
}

export type WaitingAction =
  | { kind: 'send-now' | 'discard'; id: string; label: string }
  | { kind: 'open'; key: string; label: string }
  | { kind: 'cancel'; index: number; label: string };

/** What a click offers, in the order shown: each outbox text (send now, discard), each unread thread, each one-shot. */
export function waitingActions(state: WaitingState): WaitingAction[] {
  const actions: WaitingAction[] = [];
  for (const i of state.outbox) {
    actions.push({ kind: 'send-now', id: i.id, label: iconLabel`$(send) Send now: ${i.label} to ${i.to}` });
    actions.push({ kind: 'discard', id: i.id, label: iconLabel`$(trash) Discard: ${i.label} to ${i.to}` });
  }
  for (const u of state.unread) {
    if (u.count > 0) {
      actions.push({ kind: 'open', key: u.key, label: iconLabel`$(mail) Open the conversation with ${u.to} (${String(u.count)} unread)` });
    }
  }
  state.armed.forEach((a, index) => actions.push({ kind: 'cancel', index, label: iconLabel`$(bell-slash) Cancel: ${a.kind} ${a.label}` }));
  return actions;
}

function short(text: string): string {
  return cleanText(text, { max: SHORT });
}
