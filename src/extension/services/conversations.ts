// Conversations as live data: each watched thread is polled while someone watches it (never
// otherwise), one request at a time, slower on errors and 429s; our own sends join at once. What
// the API says is folded by the pure model in core/conversation, so repeated polls never duplicate.
import * as vscode from 'vscode';
import { AuthError, ContiguityError, MissingTokenError, RateLimitedError } from '../../core/client/errors';
import { NO_RETRY } from '../../core/client/retry';
import { localMessages, threadKey, type ThreadSpec } from '../../core/conversation/local';
import { nextPollDelay, POLL_INTERVAL_MS, type PollFailure } from '../../core/conversation/polling';
import {
  buildThread,
  emptyApiState,
  mergeHistory,
  type ApiState,
  type Bubble,
  type LocalMessage,
  type Thread,
} from '../../core/conversation/thread';
import { redactedMessage, redactValue } from '../../core/redact';
import type { Tapback } from '../../core/schema';
import type { SendHistory } from './history';
import { legacyModeNotice, type ReadDeps, readClient } from './read-client';
import type { Sender, SendStart } from './sender';

export { threadKey, type ThreadSpec } from '../../core/conversation/local';

/** How many messages a poll asks for: what a panel shows, well under the API's 200. */
export const HISTORY_LIMIT = 50;

export interface ConversationDeps extends ReadDeps {
  history: SendHistory;
  sender: Sender;
}

/** What a surface shows of one thread: the last good state, and why the last poll failed, if it did. */
export interface ThreadView {
  key: string;
  thread: Thread;
  /** Redacted; set while polls fail, cleared by the next good one. The thread keeps what was shown. */
  error?: string;
  /** When the API last answered; undefined until the first answer. */
  updatedAt?: number;
}

/** One inbound message, the first time any poll sees it. */
export interface ReceivedMessage {
  key: string;
  /** The other party. */
  to: string;
  /** Our leased number it was written to. */
  from: string;
  bubble: Bubble;
}

interface Watched {
  key: string;
  spec: ThreadSpec;
  /** The leased number, once given, configured or learned. */
  from?: string;
  watchers: number;
  /** Each watcher's interval; the thread is polled at the shortest one wanted. */
  intervals: number[];
  api: ApiState;
  /** Arrivals are what came after the first answer: older messages are not news. */
  answered: boolean;
  inFlight?: Promise<void>;
  /** Aborts the poll in flight once nobody wants it any more (the last watcher left, no caller waits). */
  abort?: AbortController;
  /** Callers of refresh() / history() waiting for the poll in flight: it must not be aborted under them. */
  waiting: number;
  timer?: ReturnType<typeof setTimeout>;
  failures: number;
  failure?: PollFailure;
  error?: string;
  updatedAt?: number;
  view?: ThreadView;
}

export class Conversations implements vscode.Disposable {
  private readonly threads = new Map<string, Watched>();
  /** Sends in flight, by attempt; `done` once the sender reported, dropped once the history holds them. */
  private readonly pending = new Map<number, { start: SendStart; done: boolean }>();
  /** Message id → the number Contiguity sent it from (learned, never changes). */
  private readonly learnedFrom = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly received = new vscode.EventEmitter<ReceivedMessage>();
  private readonly subscriptions: vscode.Disposable[];
  private disposed = false;

  /** Fires with a thread's key whenever what `thread(key)` returns changed. */
  readonly onDidChange = this.changed.event;
  /** Fires once per inbound message seen by a poll after the thread's first answer (redacted). */
  readonly onDidReceive = this.received.event;

  constructor(private readonly deps: ConversationDeps) {
    this.subscriptions = [
      deps.sender.onWillSend((start) => {
        this.pending.set(start.attempt, { start, done: false });
        this.rebuildFor(start.request.to);
      }),
      deps.sender.onDidSend((event) => {
        // Kept as pending until the history holds the send, so the bubble never blinks out in between.
        const p = this.pending.get(event.attempt);
        if (p) p.done = true;
      }),
      deps.history.onDidChange(() => {
        for (const [attempt, p] of this.pending) if (p.done) this.pending.delete(attempt);
        const newest = deps.history.list()[0]?.to;
        for (const t of this.threads.values()) {
          this.rebuild(t);
          // A new send to a watched thread: ask soon, so it moves from sent to delivered without waiting a full interval.
          if (t.watchers > 0 && t.spec.to === newest) this.schedule(t, 1_000);
        }
      }),
    ];
  }

  dispose() {
    this.disposed = true;
    for (const t of this.threads.values()) clearTimeout(t.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
    this.received.dispose();
  }

  /**
   * Keeps `key` polled until the returned Disposable is disposed (several watchers share one poller,
   * at the shortest interval any of them wants). The first poll runs at once, unless one is on its
   * way. `spec.from` may be omitted: it is then configured or learned.
   */
  watch(key: string, spec: ThreadSpec, options: { intervalMs?: number } = {}): vscode.Disposable {
    const t = this.entry(key, spec);
    const interval = Math.max(1_000, options.intervalMs ?? POLL_INTERVAL_MS);
    const sooner = t.watchers === 0 || interval < Math.min(...t.intervals);
    t.watchers++;
    t.intervals.push(interval);
    // A first watcher, or one that wants it faster (the panel opened on a thread the view polls slowly): ask now.
    if (sooner) void this.poll(t);
    let released = false;
    return new vscode.Disposable(() => {
      if (released) return;
      released = true;
      t.watchers--;
      t.intervals.splice(t.intervals.indexOf(interval), 1);
      if (t.watchers === 0) {
        clearTimeout(t.timer);
        t.timer = undefined;
        // A poll still getting ready (token, number) would leave after the view closed: nobody looks any more.
        if (t.waiting === 0) t.abort?.abort();
      }
    });
  }

  /** The last known state of a thread, or undefined for a key never watched nor fetched. */
  thread(key: string): ThreadView | undefined {
    const t = this.threads.get(key);
    return t && (t.view ?? this.rebuild(t, false));
  }

  /** Every thread known in this activation. */
  keys(): string[] {
    return [...this.threads.keys()];
  }

  /**
   * Asks the API now (joining a request already in flight) and resolves with the thread. Works for
   * threads nobody watches too (one request, no polling). Never rejects: a failure is in `error`.
   */
  async refresh(key: string, spec?: ThreadSpec): Promise<ThreadView> {
    const t = this.threads.get(key) ?? (spec ? this.entry(key, spec) : undefined);
    if (!t) throw new Error(`No conversation ${key} is known: watch it first or give its numbers.`);
    await this.pollFor(t);
    return this.thread(key)!;
  }

  /**
   * The thread now, its last `limit` messages: one request (joining one in flight), no polling.
   * Rejects with the reason when the API could not be read.
   */
  async history(spec: ThreadSpec, limit = 20): Promise<Thread> {
    const from = spec.from ?? (await this.fromOf(spec.to));
    const full: ThreadSpec = from ? { to: spec.to, from } : { to: spec.to };
    const t = this.entry(threadKey(full), full);
    await this.pollFor(t);
    if (t.error) throw new Error(t.error);
    const thread = this.thread(t.key)!.thread;
    return { ...thread, bubbles: thread.bubbles.slice(-Math.max(1, limit)) };
  }

  /**
   * Our leased number for a thread with `to`: the newest send to them that named one, else the
   * number Contiguity chose for the newest send that let it choose (from the message lookup, once),
   * else the configured `imessage.from`.
   */
  async fromOf(to: string): Promise<string | undefined> {
    const sends = this.deps.history.list().filter((e) => e.to === to && e.api !== 'legacy');
    for (const entry of sends) {
      const named = (entry.request as { from?: unknown } | undefined)?.from;
      if (typeof named === 'string' && named) return named;
      // One lookup at most: the newest send that reached the API is the number the thread is on.
      if (entry.ok && entry.messageId) {
        const learned = await this.learn(entry.messageId);
        if (learned) return learned;
        break;
      }
    }
    return this.deps.config.read().from || undefined;
  }

  /** A read receipt for the thread; then the thread is asked again so the unread count follows. */
  async markRead(key: string): Promise<void> {
    const t = this.require(key);
    const from = await this.requireFrom(t);
    const client = await readClient(this.deps);
    await client.markRead({ to: t.spec.to, from }, { onEvent: (e) => this.deps.log.clientEvent(e) });
    void this.poll(t);
  }

  /** A tapback on a bubble (the API finds the message by its text). */
  async react(key: string, bubbleKey: string, tapback: Tapback, action: 'add' | 'remove' = 'add'): Promise<void> {
    const t = this.require(key);
    const bubble = this.thread(key)?.thread.bubbles.find((b) => b.key === bubbleKey);
    if (!bubble) throw new Error('That message is no longer in the conversation.');
    if (!bubble.text) throw new Error('A tapback needs a message with text: Contiguity finds the message by its text.');
    const from = await this.requireFrom(t);
    const client = await readClient(this.deps);
    await client.react({ to: t.spec.to, from, action, tapback, message: bubble.text }, { onEvent: (e) => this.deps.log.clientEvent(e) });
    void this.poll(t);
  }

  /** Shows or ends our typing indicator; it counts against the number's pacing like a send. */
  async typing(key: string, action: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    const t = this.require(key);
    const from = await this.knownFrom(t);
    await this.deps.sender.pace(from, signal);
    const client = await readClient(this.deps);
    await client.typing({ to: t.spec.to, ...(from ? { from } : {}), action }, { signal, onEvent: (e) => this.deps.log.clientEvent(e) });
  }

  /** Is iMessage available for this number (asked before a first message to a new number). */
  async availability(to: string): Promise<boolean> {
    const client = await readClient(this.deps);
    return (await client.availability(to, { onEvent: (e) => this.deps.log.clientEvent(e) })).data.available;
  }

  private entry(key: string, spec: ThreadSpec): Watched {
    let t = this.threads.get(key);
    if (!t) {
      t = { key, spec: { ...spec }, watchers: 0, intervals: [], waiting: 0, api: emptyApiState(), answered: false, failures: 0 };
      if (spec.from) t.from = spec.from;
      this.threads.set(key, t);
    }
    return t;
  }

  private require(key: string): Watched {
    const t = this.threads.get(key);
    if (!t) throw new Error(`No conversation ${key} is known.`);
    return t;
  }

  /** The thread's number: given, learned before, or found now (and kept once found). */
  private async knownFrom(t: Watched): Promise<string | undefined> {
    return (t.from ??= t.spec.from ?? (await this.fromOf(t.spec.to)));
  }

  private async requireFrom(t: Watched): Promise<string> {
    await this.knownFrom(t);
    if (!t.from) {
      throw new Error(`No leased number is known for the conversation with ${t.spec.to}: set imessage.from, or send a first message.`);
    }
    return t.from;
  }

  /** A poll someone waits for: not aborted when the watchers leave. */
  private async pollFor(t: Watched): Promise<void> {
    t.waiting++;
    try {
      await this.poll(t);
    } finally {
      t.waiting--;
    }
  }

  /** At most one request per thread: a second caller joins the first. */
  private poll(t: Watched): Promise<void> {
    if (!t.inFlight) {
      clearTimeout(t.timer);
      t.timer = undefined;
    }
    t.inFlight ??= this.ask(t).finally(() => {
      t.inFlight = undefined;
      if (t.watchers > 0) this.schedule(t, nextPollDelay(t.failures, t.failure, Math.random, Math.min(...t.intervals)));
    });
    return t.inFlight;
  }

  private schedule(t: Watched, delayMs: number) {
    if (this.disposed || t.watchers === 0 || t.inFlight) return;
    clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (t.watchers > 0) void this.poll(t);
    }, delayMs);
  }

  private async ask(t: Watched): Promise<void> {
    const abort = (t.abort = new AbortController());
    try {
      const legacy = legacyModeNotice(this.deps, 'Reading a conversation');
      if (legacy) throw new Error(legacy);
      const from = await this.knownFrom(t);
      if (!from) {
        // No number configured and no send yet: Contiguity picks the number on the first send, so
        // there is no thread to read. Not an error; the next poll after a send learns the number.
        this.answeredWell(t);
        this.rebuild(t);
        return;
      }
      const client = await readClient(this.deps);
      // Polls keep their own backoff; only failures reach the log, not one line pair every few seconds.
      const envelope = await client.history(t.spec.to, from, HISTORY_LIMIT, {
        signal: abort.signal,
        retry: NO_RETRY,
        onEvent: (e) => (e.type === 'error' || e.type === 'retry') && this.deps.log.clientEvent(e),
      });
      const { state, arrived } = mergeHistory(t.api, envelope.data, from);
      t.api = state;
      const first = !t.answered;
      t.answered = true;
      this.answeredWell(t);
      const view = this.rebuild(t);
      if (!first) {
        for (const m of arrived) {
          const bubble = view.thread.bubbles.find((b) => b.key === m.key);
          // Listeners include other extensions: what they get is redacted like everything shown.
          if (bubble) this.received.fire(redactValue({ key: t.key, to: t.spec.to, from, bubble }));
        }
      }
    } catch (error) {
      // Nobody looks any more: not a failure of the thread.
      if (abort.signal.aborted) return;
      t.failures++;
      t.failure = {
        rateLimited: error instanceof RateLimitedError,
        auth: error instanceof AuthError || error instanceof MissingTokenError,
        ...(error instanceof RateLimitedError && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      };
      t.error = redactedMessage(error);
      if (!(error instanceof ContiguityError)) this.deps.log.warn(`Conversation with ${t.spec.to}: ${t.error}`);
      this.rebuild(t);
    }
  }

  /** A poll that went through: the backoff and the shown error end. */
  private answeredWell(t: Watched) {
    t.failures = 0;
    t.failure = undefined;
    t.error = undefined;
    t.updatedAt = Date.now();
  }

  private async learn(messageId: string): Promise<string | undefined> {
    const known = this.learnedFrom.get(messageId);
    if (known) return known;
    try {
      const client = await readClient(this.deps);
      const status = await client.messageStatus(messageId, { onEvent: (e) => this.deps.log.clientEvent(e) });
      const from = status.data.from ?? undefined;
      if (from) this.learnedFrom.set(messageId, from);
      return from;
    } catch {
      // Not knowing the number is reported where it matters (the poll says no number is known).
      return undefined;
    }
  }

  private rebuildFor(to: string) {
    for (const t of this.threads.values()) if (t.spec.to === to) this.rebuild(t);
  }

  private rebuild(t: Watched, notify = true): ThreadView {
    const spec: ThreadSpec = { to: t.spec.to, ...(t.from ? { from: t.from } : {}) };
    const local: LocalMessage[] = localMessages(this.deps.history.list(), spec, (id) => this.learnedFrom.get(id));
    for (const [attempt, p] of this.pending) {
      const r = p.start.request;
      if (r.to !== spec.to || (spec.from && r.from && r.from !== spec.from)) continue;
      local.push({ id: `pending:${attempt}`, at: p.start.at, text: r.message ?? '', attachments: r.attachments ?? [], state: 'pending' });
    }
    const view: ThreadView = { key: t.key, thread: buildThread(spec, t.api, local) };
    if (t.error) view.error = t.error;
    if (t.updatedAt) view.updatedAt = t.updatedAt;
    t.view = view;
    if (notify) this.changed.fire(t.key);
    return view;
  }
}
