// Conversations as live data: each watched thread is polled while someone watches it (when and
// how often: core/conversation/poll-scheduler.ts); our own sends join at once. What the API says is
// folded by the pure model in core/conversation, so repeated polls never duplicate. Which number a
// thread is on: thread-number.ts; what we tell the other party: thread-actions.ts. While the API
// cannot be reached, threads say so with one notice (connectivity.ts), not an error per poll, and
// ask again at once when it is back.
import * as vscode from 'vscode';
import { ContiguityError } from '../../core/client/errors';
import { unreachable } from '../../core/connectivity';
import { NO_RETRY } from '../../core/client/retry';
import { localMessages, threadKey, type ThreadSpec } from '../../core/conversation/local';
import { PollScheduler } from '../../core/conversation/poll-scheduler';
import { pollFailure, type PollFailure } from '../../core/conversation/polling';
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
import { systemTimers, type Timers } from '../../core/timers';
import { type Connectivity, OFFLINE_NOTICE } from './connectivity';
import type { SendHistory } from './history';
import { legacyModeNotice, type ReadDeps, readClient } from './read-client';
import type { Sender, SendStart } from './sender';
import * as actions from './thread-actions';
import { ThreadNumbers } from './thread-number';

export { threadKey, type ThreadSpec } from '../../core/conversation/local';

/** How many messages a poll asks for: what a panel shows, well under the API's 200. */
export const HISTORY_LIMIT = 50;

export interface ConversationDeps extends ReadDeps {
  history: SendHistory;
  sender: Sender;
  connectivity: Connectivity;
}

/** What a surface shows of one thread: the last good state, and why the last poll failed, if it did. */
export interface ThreadView {
  key: string;
  thread: Thread;
  /** Redacted; set while polls fail, cleared by the next good one. The thread keeps what was shown. */
  error?: string;
  /** Instead of `error` when the last poll got no answer at all: the same notice for every thread. */
  offline?: string;
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

/** What this service keeps of a thread; when it is polled is the scheduler's. */
interface ThreadState {
  key: string;
  spec: ThreadSpec;
  /** The leased number, once given, configured or learned. */
  from?: string;
  api: ApiState;
  /** Arrivals are what came after the first answer: older messages are not news. */
  answered: boolean;
  error?: string;
  /** The last poll got no answer at all (the network, not the API). */
  offline?: boolean;
  updatedAt?: number;
  view?: ThreadView;
}

export class Conversations implements vscode.Disposable {
  private readonly threads = new Map<string, ThreadState>();
  /** Sends in flight, by attempt; `done` once the sender reported, dropped once the history holds them. */
  private readonly pending = new Map<number, { start: SendStart; done: boolean }>();
  private readonly numbers: ThreadNumbers;
  private readonly scheduler: PollScheduler;
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly received = new vscode.EventEmitter<ReceivedMessage>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires with a thread's key whenever what `thread(key)` returns changed. */
  readonly onDidChange = this.changed.event;
  /** Fires once per inbound message seen by a poll after the thread's first answer (redacted). */
  readonly onDidReceive = this.received.event;

  constructor(
    private readonly deps: ConversationDeps,
    private readonly timers: Timers = systemTimers,
  ) {
    this.numbers = new ThreadNumbers(deps);
    this.scheduler = new PollScheduler((key, signal) => this.read(this.threads.get(key)!, signal), timers);
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
          if (t.spec.to === newest) this.scheduler.soon(t.key, 1_000);
        }
      }),
      deps.connectivity.onDidComeBack(() => this.scheduler.resume()),
      // The probe runs while a thread someone watches waits for the network.
      deps.connectivity.wants(() => [...this.threads.values()].some((t) => t.offline && this.scheduler.watching(t.key))),
    ];
  }

  dispose() {
    this.scheduler.dispose();
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
    this.entry(key, spec);
    return new vscode.Disposable(this.scheduler.watch(key, options.intervalMs));
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
    if (!this.threads.has(key) && spec) this.entry(key, spec);
    if (!this.threads.has(key)) throw new Error(`No conversation ${key} is known: watch it first or give its numbers.`);
    await this.scheduler.pollFor(key);
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
    await this.scheduler.pollFor(t.key);
    if (t.error) throw new Error(t.error);
    const thread = this.thread(t.key)!.thread;
    return { ...thread, bubbles: thread.bubbles.slice(-Math.max(1, limit)) };
  }

  /**
   * Our leased number for a thread with `to`: the newest send to them that named one, else the
   * number Contiguity chose for the newest send that let it choose (from the message lookup, once),
   * else the configured `imessage.from`.
   */
  fromOf(to: string): Promise<string | undefined> {
    return this.numbers.of(to);
  }

  /** A read receipt for the thread; then the thread is asked again so the unread count follows. */
  async markRead(key: string): Promise<void> {
    return actions.markRead(this.deps, this.target(key));
  }

  /** A tapback on a bubble (the API finds the message by its text). */
  async react(key: string, bubbleKey: string, tapback: Tapback, action: 'add' | 'remove' = 'add'): Promise<void> {
    return actions.react(this.deps, this.target(key), bubbleKey, tapback, action);
  }

  /** Shows or ends our typing indicator; it counts against the number's pacing like a send. */
  async typing(key: string, action: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    return actions.typing(this.deps, this.target(key), action, signal);
  }

  /** Is iMessage available for this number (asked before a first message to a new number). */
  availability(to: string): Promise<boolean> {
    return actions.availability(this.deps, to);
  }

  private entry(key: string, spec: ThreadSpec): ThreadState {
    let t = this.threads.get(key);
    if (!t) {
      t = { key, spec: { ...spec }, api: emptyApiState(), answered: false };
      if (spec.from) t.from = spec.from;
      this.threads.set(key, t);
    }
    return t;
  }

  /** A known thread, as the actions need it (the methods calling this are async: a throw is a rejection). */
  private target(key: string): actions.ActionTarget {
    const t = this.threads.get(key);
    if (!t) throw new Error(`No conversation ${key} is known.`);
    return {
      to: t.spec.to,
      from: () => this.knownFrom(t),
      bubbles: () => this.thread(key)?.thread.bubbles ?? [],
      changed: () => void this.scheduler.poll(key),
    };
  }

  /** The thread's number: given, learned before, or found now (and kept once found). */
  private async knownFrom(t: ThreadState): Promise<string | undefined> {
    return (t.from ??= t.spec.from ?? (await this.fromOf(t.spec.to)));
  }

  /** One poll of the thread's history; a failure is shown on the thread and told to the scheduler. */
  private async read(t: ThreadState, signal: AbortSignal): Promise<PollFailure | undefined> {
    try {
      const legacy = legacyModeNotice(this.deps, 'Reading a conversation');
      if (legacy) throw new Error(legacy);
      const from = await this.knownFrom(t);
      if (!from) {
        // No number configured and no send yet: Contiguity picks the number on the first send, so
        // there is no thread to read. Not an error; the next poll after a send learns the number.
        this.answeredWell(t);
        this.rebuild(t);
        return undefined;
      }
      const client = await readClient(this.deps);
      // Polls keep their own backoff; only failures reach the log, not one line pair every few seconds.
      // Offline is logged once by connectivity, not once per poll.
      const envelope = await client.history(t.spec.to, from, HISTORY_LIMIT, {
        signal,
        retry: NO_RETRY,
        onEvent: (e) => ((e.type === 'error' && !unreachable(e.error)) || e.type === 'retry') && this.deps.log.clientEvent(e),
      });
      this.deps.connectivity.report();
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
      return undefined;
    } catch (error) {
      // Nobody looks any more: not a failure of the thread.
      if (signal.aborted) return undefined;
      t.error = redactedMessage(error);
      t.offline = this.deps.connectivity.report(error);
      if (!(error instanceof ContiguityError)) this.deps.log.warn(`Conversation with ${t.spec.to}: ${t.error}`);
      this.rebuild(t);
      return pollFailure(error);
    }
  }

  /** A poll that went through: the shown error ends. */
  private answeredWell(t: ThreadState) {
    t.error = undefined;
    t.offline = false;
    t.updatedAt = this.timers.now();
  }

  private rebuildFor(to: string) {
    for (const t of this.threads.values()) if (t.spec.to === to) this.rebuild(t);
  }

  private rebuild(t: ThreadState, notify = true): ThreadView {
    const spec: ThreadSpec = { to: t.spec.to, ...(t.from ? { from: t.from } : {}) };
    const local: LocalMessage[] = localMessages(this.deps.history.list(), spec, (id) => this.numbers.learnedFor(id));
    for (const [attempt, p] of this.pending) {
      const r = p.start.request;
      if (r.to !== spec.to || (spec.from && r.from && r.from !== spec.from)) continue;
      local.push({ id: `pending:${attempt}`, at: p.start.at, text: r.message ?? '', attachments: r.attachments ?? [], state: 'pending' });
    }
    const view: ThreadView = { key: t.key, thread: buildThread(spec, t.api, local) };
    if (t.offline) view.offline = OFFLINE_NOTICE;
    else if (t.error) view.error = t.error;
    if (t.updatedAt) view.updatedAt = t.updatedAt;
    t.view = view;
    if (notify) this.changed.fire(t.key);
    return view;
  }
}
