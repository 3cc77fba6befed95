// The conversation endpoints of the current API: read receipts, tapbacks, thread history.
import { requireImessage, resolveFrom } from './account';
import type { Ctx } from './context';
import { success, type Reply } from './envelope';
import { badRequest } from './errors';
import { parseReactionBody, parseReadBody } from './schemas';
import type { SandboxState, ThreadMessage } from './state';
import type { ReactionEvent, Tapback } from './types';
import { requireE164, requireRecipient } from './validate';

export const MAX_HISTORY_LIMIT = 200;
const DEFAULT_HISTORY_LIMIT = 20;

/** POST /send/imessage/read: we tell the person we read what they wrote. */
export function sendRead({ state, body }: Ctx): Reply {
  const read = parseReadBody(body);
  requireImessage(state);
  const from = resolveFrom(state, read.from, 'from');
  state.readByUs(from, read.to);
  return success({ status: 'sent', message: `Read receipt sent to ${read.to}` });
}

/** POST /send/imessage/reactions: a tapback from our number on the latest message with that text. */
export function sendReaction({ state, body }: Ctx): Reply {
  const r = parseReactionBody(body);
  requireImessage(state);
  const from = resolveFrom(state, r.from, 'from');
  const target = latestWithText(state, from, r.to, r.message);
  const event = applyTapback(state, { by: from, target, action: r.action, tapback: r.tapback });
  return success({ status: event.action, message: `${r.tapback} ${event.action} on ${JSON.stringify(clip(target.message))}` });
}

/** Contiguity has no message ids for tapbacks: the latest message in the chat with exactly this text wins. */
export function latestWithText(state: SandboxState, ours: string, person: string, text: string, field = 'message'): ThreadMessage {
  const target = state
    .thread(ours, person)
    .reverse()
    .find((m) => m.message === text);
  if (!target) throw badRequest(`\`${field}\` matches no message in the conversation between ${ours} and ${person}`);
  return target;
}

/** One person holds at most one tapback per message: adding replaces it, removing needs the one standing. */
export function applyTapback(
  state: SandboxState,
  { by, target, action, tapback }: { by: string; target: ThreadMessage; action: 'add' | 'remove'; tapback: Tapback },
): ReactionEvent {
  if (action === 'remove' && state.currentTapbacks(target.id).get(by)?.reaction !== tapback) {
    throw badRequest(`\`tapback\` ${tapback} from ${by} is not on that message, so it cannot be removed`);
  }
  const event: ReactionEvent = {
    reaction: tapback,
    messageId: target.id,
    on: target.message,
    action: action === 'add' ? 'added' : 'removed',
    by,
    timestamp: Date.now(),
  };
  state.addReaction(event);
  return event;
}

/** GET /conversations/history/imessage/{to}/{from}/{limit}: the last `limit` messages, oldest first. */
export function getHistory({ state, params, query }: Ctx): Reply {
  const to = requireRecipient(params[0], 'to');
  const from = requireE164(params[1], 'from');
  const limit = parseLimit(params[2]);
  const tracking = parseTracking(query.get('tracking'));
  requireImessage(state);
  if (!state.findNumber(from)) throw badRequest(`\`from\` ${from} is not one of your leased numbers`);
  const thread = state.thread(from, to);
  const shown = thread.slice(-limit);
  return success({
    conversation: shown.map((m) => historyEntry(m, tracking)),
    reactions: state
      .reactionsIn(from, to)
      .map((r) => ({ reaction: r.reaction, on: r.on, timestamp: r.timestamp, action: r.action, from: r.by })),
    chat: { filtered: false, chat_marked_as_spam: false, limit, total: thread.length, count: shown.length },
  });
}

export function parseTracking(raw: string | null): boolean {
  if (raw !== null && raw !== 'true' && raw !== 'false') {
    throw badRequest(`\`tracking\` must be true or false, got ${JSON.stringify(raw)}`);
  }
  return raw === 'true';
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_HISTORY_LIMIT;
  const n = Number(raw);
  if (!/^\d{1,4}$/.test(raw) || n < 1 || n > MAX_HISTORY_LIMIT) {
    throw badRequest(`\`limit\` must be an integer from 1 to ${MAX_HISTORY_LIMIT}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function historyEntry(m: ThreadMessage, tracking: boolean) {
  const base = { to: m.to, from: m.from, message: m.message, timestamp: m.timestamp, read: m.read };
  const risk = { auto_reported_as_spam: false, marked_as_spam: false };
  if (m.direction === 'in') {
    return {
      ...base,
      delivery: { status: 'delivered', delayed: false, timestamp: m.timestamp },
      risk,
      attachments: m.attachments,
      ...(tracking ? { tracking: [{ event: 'received', title: 'Message received', timestamp: new Date(m.timestamp).toISOString() }] } : {}),
    };
  }
  const last = m.events.at(-1)!.at;
  // Decision: the documented statuses are delivered | failed | delayed, so a message still on its way is "delayed".
  const delivery =
    m.status === 'failed'
      ? { status: 'failed', delayed: false, timestamp: last }
      : m.deliveredAt !== null
        ? { status: 'delivered', delayed: false, timestamp: m.deliveredAt }
        : { status: 'delayed', delayed: true, timestamp: last };
  return { ...base, delivery, risk, attachments: m.attachments, ...(tracking ? { tracking: trackingOf(m) } : {}) };
}

export function trackingOf(m: { events: { event: string; title: string; at: number }[] }) {
  return m.events.map((e) => ({ event: e.event, title: e.title, timestamp: new Date(e.at).toISOString() }));
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
