// One conversation as the panel and the view show it: what we sent from here (the send history,
// sends still in flight) merged with what the API's history says, both directions, oldest first.
// Pure: the service feeds it responses and local records and keeps the result.
import type { HistoryData, HistoryMessage, HistoryReaction } from '../schema';

/** pending: on its way to the API · sent: the API took it · delayed: not delivered after a while. */
export type DeliveryState = 'pending' | 'sent' | 'delayed' | 'delivered' | 'read' | 'failed';

export interface Tapback {
  reaction: string;
  /** The number that reacted. */
  by: string;
  /** Reacted from our leased number. */
  mine: boolean;
}

export interface Bubble {
  /** Stable across polls and reloads: the identity that keeps a bubble from appearing twice. */
  key: string;
  direction: 'in' | 'out';
  text: string;
  attachments: string[];
  at: number;
  /** Outbound: where the message is. Inbound: delivered, or read once we read it. */
  state: DeliveryState;
  readAt?: number;
  /** The send's message id, for a message sent from here. */
  messageId?: string;
  /** Why a local send failed (already redacted by the sender). */
  error?: string;
  mayHaveBeenSent?: boolean;
  tapbacks: Tapback[];
}

/** A send from this editor, as the send history (or an in-flight send) knows it. */
export interface LocalMessage {
  /** Unique among local messages (history time + message id, or the in-flight send's number). */
  id: string;
  at: number;
  text: string;
  attachments: string[];
  state: 'pending' | 'sent' | 'failed';
  messageId?: string;
  error?: string;
  mayHaveBeenSent?: boolean;
}

/** Every API message seen in this thread so far, by key: a poll adds and updates, never duplicates. */
export interface ApiState {
  messages: Map<string, ApiMessage>;
  reactions: HistoryReaction[];
  /** How many messages the server holds in the thread; more than we hold means older ones were cut. */
  total: number;
}

export interface ApiMessage {
  key: string;
  direction: 'in' | 'out';
  text: string;
  attachments: string[];
  at: number;
  readAt?: number;
  delivery?: string;
  delayed: boolean;
  deliveredAt?: number;
  id?: string;
}

export interface Thread {
  to: string;
  from?: string;
  bubbles: Bubble[];
  /** Inbound messages we have not read. */
  unread: number;
  /** Where the newest outbound message is. */
  lastSent?: DeliveryState;
}

/** A message the API still calls delayed this long after it left is shown as delayed (the sandbox says delayed while in transit). */
export const DELAYED_AFTER_MS = 60_000;
/** A local send and an API message are the same message when their texts match and their times are this close. */
const SAME_MESSAGE_WINDOW_MS = 10 * 60_000;
/** Keeps a long-running watch from growing without end; the API's own window is at most 200. */
export const MAX_KEPT_MESSAGES = 400;

export function emptyApiState(): ApiState {
  return { messages: new Map(), reactions: [], total: 0 };
}

/**
 * Folds one history response into what was seen before. Messages are keyed by the server's id when
 * it sends one, otherwise by sender, time and text (with an occurrence count, so two identical
 * messages in the same millisecond stay two). Returns the new state and the inbound keys not seen before.
 */
export function mergeHistory(previous: ApiState, data: HistoryData, ours: string): { state: ApiState; arrived: ApiMessage[] } {
  const messages = new Map(previous.messages);
  const arrived: ApiMessage[] = [];
  const occurrences = new Map<string, number>();
  for (const raw of data.conversation) {
    const base = raw.id ? `id:${raw.id}` : `${raw.from}|${raw.timestamp}|${raw.message ?? ''}`;
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    const message = apiMessage(raw, n === 0 ? base : `${base}#${n}`, ours);
    if (!messages.has(message.key) && message.direction === 'in') arrived.push(message);
    messages.set(message.key, message);
  }
  const kept = [...messages.values()].sort((a, b) => a.at - b.at).slice(-MAX_KEPT_MESSAGES);
  return {
    state: {
      messages: new Map(kept.map((m) => [m.key, m])),
      reactions: data.reactions ?? previous.reactions,
      total: data.chat?.total ?? Math.max(previous.total, kept.length),
    },
    arrived,
  };
}

function apiMessage(raw: HistoryMessage, key: string, ours: string): ApiMessage {
  const message: ApiMessage = {
    key,
    direction: raw.from === ours ? 'out' : 'in',
    text: raw.message ?? '',
    attachments: raw.attachments ?? [],
    at: raw.timestamp,
    delayed: raw.delivery?.delayed === true,
  };
  if (raw.id) message.id = raw.id;
  if (raw.read) message.readAt = raw.read;
  if (raw.delivery) {
    message.delivery = raw.delivery.status;
    if (raw.delivery.status === 'delivered' && raw.delivery.timestamp) message.deliveredAt = raw.delivery.timestamp;
  }
  return message;
}

/** The thread as shown: API messages with local sends matched onto them, unmatched local sends added. */
export function buildThread(spec: { to: string; from?: string }, api: ApiState, local: readonly LocalMessage[], now = Date.now()): Thread {
  const apiMessages = [...api.messages.values()].sort((a, b) => a.at - b.at);
  const matched = matchLocal(apiMessages, local);
  const bubbles: Bubble[] = apiMessages.map((m) => {
    const mine = matched.get(m.key);
    const bubble: Bubble = {
      key: m.key,
      direction: m.direction,
      text: m.text,
      attachments: m.attachments,
      at: m.at,
      state: apiState(m, now),
      tapbacks: [],
    };
    if (m.readAt) bubble.readAt = m.readAt;
    if (mine?.messageId) bubble.messageId = mine.messageId;
    return bubble;
  });
  const oldestShown = apiMessages[0]?.at ?? Infinity;
  const truncated = api.total > apiMessages.length;
  const used = new Set([...matched.values()].map((l) => l.id));
  for (const l of local) {
    if (used.has(l.id)) continue;
    // A send older than the window the API returned is there, only cut off: showing it as "sent" would be wrong.
    if (l.state === 'sent' && truncated && l.at < oldestShown) continue;
    const bubble: Bubble = {
      key: `local:${l.id}`,
      direction: 'out',
      text: l.text,
      attachments: l.attachments,
      at: l.at,
      state: l.state,
      tapbacks: [],
    };
    if (l.messageId) bubble.messageId = l.messageId;
    if (l.error) bubble.error = l.error;
    if (l.mayHaveBeenSent !== undefined) bubble.mayHaveBeenSent = l.mayHaveBeenSent;
    bubbles.push(bubble);
  }
  bubbles.sort((a, b) => a.at - b.at);
  applyTapbacks(bubbles, api.reactions, spec.from);
  const lastOut = bubbles.filter((b) => b.direction === 'out').at(-1);
  const thread: Thread = { to: spec.to, bubbles, unread: bubbles.filter((b) => b.direction === 'in' && b.state !== 'read').length };
  if (spec.from) thread.from = spec.from;
  if (lastOut) thread.lastSent = lastOut.state;
  return thread;
}

function apiState(m: ApiMessage, now: number): DeliveryState {
  if (m.readAt) return 'read';
  if (m.direction === 'in') return 'delivered';
  if (m.delivery === 'failed') return 'failed';
  if (m.delivery === 'delivered') return 'delivered';
  return m.delayed && now - m.at > DELAYED_AFTER_MS ? 'delayed' : 'sent';
}

/**
 * Which local send each outbound API message is. The id decides when the server gives one; else
 * the oldest unmatched send with the same text and attachments, close in time. Each side matches once.
 */
function matchLocal(api: readonly ApiMessage[], local: readonly LocalMessage[]): Map<string, LocalMessage> {
  const out = new Map<string, LocalMessage>();
  const free = local.filter((l) => l.state !== 'failed' || l.mayHaveBeenSent).sort((a, b) => a.at - b.at);
  const take = (l: LocalMessage, m: ApiMessage) => {
    out.set(m.key, l);
    free.splice(free.indexOf(l), 1);
  };
  for (const m of api) {
    if (m.direction !== 'out' || !m.id) continue;
    const byId = free.find((l) => l.messageId === m.id);
    if (byId) take(byId, m);
  }
  for (const m of api) {
    if (m.direction !== 'out' || out.has(m.key)) continue;
    const same = free.find(
      (l) => l.text === m.text && l.attachments.length === m.attachments.length && Math.abs(l.at - m.at) <= SAME_MESSAGE_WINDOW_MS,
    );
    if (same) take(same, m);
  }
  return out;
}

/**
 * Replays the reactions in time order: Contiguity puts a tapback on the latest message with that
 * text at the time; one tapback per person per message, an add replaces, a remove takes it off.
 */
function applyTapbacks(bubbles: Bubble[], reactions: readonly HistoryReaction[], ours: string | undefined): void {
  const standing = new Map<string, Map<string, string>>();
  for (const r of [...reactions].sort((a, b) => a.timestamp - b.timestamp)) {
    const target = bubbles.filter((b) => b.text === r.on && b.at <= r.timestamp && !b.key.startsWith('local:')).at(-1);
    if (!target) continue;
    const on = standing.get(target.key) ?? new Map<string, string>();
    if (r.action === 'added') on.set(r.from, r.reaction);
    else if (r.action === 'removed' && on.get(r.from) === r.reaction) on.delete(r.from);
    standing.set(target.key, on);
  }
  for (const b of bubbles) {
    const on = standing.get(b.key);
    if (on) b.tapbacks = [...on].map(([by, reaction]) => ({ reaction, by, mine: by === ours }));
  }
}
