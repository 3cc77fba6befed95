// The durable outbox of automatic texts (notifications, agent hooks and tools): a text that surely
// did not go out waits here, on disk in globalStorage, shared by every window, and is sent once
// when it can be. The decisions live in core/outbox; this wires them to the sender, timers and the
// network (connectivity.ts says when it is back). It shows nothing: what the user must hear comes
// out of onDidReport.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RateLimitedError, ValidationError, WaitingBehindError } from '../../core/client/errors';
import { ownRecipient } from '../../core/notify/automatic';
import { drainOnce, type OutboxReport } from '../../core/outbox/drain';
import { deliverReserved } from '../../core/outbox/deliver';
import { newItemId, type OutboxItem } from '../../core/outbox/items';
import { type Claim, OutboxStore } from '../../core/outbox/store';
import { isAlive } from '../../core/shared-files';
import type { Config } from './config';
import type { Connectivity } from './connectivity';
import type { Log } from './log';
import type { Sender, SendOutcome } from './sender';

export interface AutomaticText {
  to: string;
  message: string;
  /** The feature that wrote it (notify.task, agent.hook, ...). */
  source: string;
  /** What it is about, for the user. */
  label: string;
}

/** How `deliver` sends: the sender, with the outbox's last word before the request and its cancellation. */
export type SendVia = (options: { beforeRequest: () => Promise<boolean>; cancellation: vscode.CancellationToken }) => Promise<SendOutcome>;

export interface Delivered {
  outcome: SendOutcome;
  /** It surely did not go out and waits in the outbox, to be sent once when it can be. */
  kept: boolean;
}

export interface OutboxDeps {
  dir: string;
  sender: Sender;
  config: Config;
  log: Log;
  connectivity: Connectivity;
  now?: () => number;
}

/** After a pass failed as a whole (the disk, not a text): when to try again. */
const RETRY_PASS_MS = 5_000;
const SOURCE_SUFFIX = ' (outbox)';
/** The shortest wait between two timed passes. */
const RECHECK_MS = 1_000;

export class Outbox implements vscode.Disposable {
  private readonly reports = new vscode.EventEmitter<OutboxReport>();
  private readonly changes = new vscode.EventEmitter<readonly OutboxItem[]>();
  /** Sent, waiting, dropped, maybe sent, failed: one event per text and outcome. */
  readonly onDidReport = this.reports.event;
  /** What waits, after each pass (for the status bar). */
  readonly onDidChange = this.changes.event;
  private readonly store: OutboxStore;
  private readonly now: () => number;
  private readonly subscriptions: vscode.Disposable[];
  private waitingItems: readonly OutboxItem[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private networkBack = false;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Sends of `deliver` still waiting or in flight: a closing window cancels those still waiting. */
  private readonly inFlight = new Set<vscode.CancellationTokenSource>();

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
    const leaseMs = () => (deps.config.readIfValid()?.timeoutMs ?? 120_000) + 5 * 60_000;
    this.store = new OutboxStore({ dir: deps.dir, pid: process.pid, now: this.now, isAlive, leaseMs: leaseMs() });
    const waitsForNetwork = () => this.waitingItems.some((i) => i.reason === 'offline');
    this.subscriptions = [deps.connectivity.onDidComeBack(() => this.wake()), deps.connectivity.wants(waitsForNetwork)];
    void this.drain();
  }

  get waiting(): readonly OutboxItem[] {
    return this.waitingItems;
  }

  /**
   * Sends an automatic text through the outbox. It is on disk, claimed by this window, before the
   * send waits for pacing, so a reload meanwhile does not lose it: dispose cancels the wait and lets
   * go of the claim (the next window sends it), and a crash leaves a claim whose window is gone.
   * A text that surely did not go out stays, to be sent once when it can be (`kept`); one that may
   * have gone out, or failed for good, is removed and the caller reports it.
   */
  async deliver(text: AutomaticText, send: SendVia): Promise<Delivered> {
    const now = this.now();
    const item: OutboxItem = { ...text, id: newItemId(now), createdAt: now, attempts: 0, nextAt: now, reason: 'offline' };
    let claim: Claim;
    try {
      if (this.disposed) throw new Error('the window is closing');
      claim = await this.store.reserve(item);
    } catch (err) {
      // Better sent without the outbox than not at all: it is only not kept if it fails.
      this.deps.log.error(`Could not write ${text.label} to the outbox (${(err as Error).message}); sending it without.`);
      return {
        outcome: await send({ beforeRequest: async () => true, cancellation: new vscode.CancellationTokenSource().token }),
        kept: false,
      };
    }
    const cancel = new vscode.CancellationTokenSource();
    this.inFlight.add(cancel);
    try {
      const deps = { store: this.store, now: this.now, closing: () => this.disposed };
      const done = await deliverReserved(deps, claim, item, (beforeRequest) => send({ beforeRequest, cancellation: cancel.token }));
      if (done.queued) {
        void this.drain();
        return { outcome: { ok: false, error: new WaitingBehindError() }, kept: true };
      }
      const { attempt: outcome, kept } = done;
      if (kept && !outcome.ok && !this.disposed) {
        const why = outcome.error instanceof RateLimitedError ? 'rate limited' : 'offline';
        this.deps.log.info(`Kept ${text.label} in the outbox (${why}); it is sent once, when it can be.`);
        void this.drain();
      }
      return { outcome, kept };
    } finally {
      this.inFlight.delete(cancel);
      cancel.dispose();
    }
  }

  /**
   * Holds a text due in the user's quiet hours until `until` (their end), when it goes out with the
   * recipient's other held texts as one digest. Resolves true once it is on disk.
   */
  async hold(text: AutomaticText, until: number): Promise<boolean> {
    if (this.disposed) return false;
    const now = this.now();
    const item: OutboxItem = { ...text, id: newItemId(now), createdAt: now, attempts: 0, nextAt: until, reason: 'quiet', heldUntil: until };
    try {
      await this.store.add(item);
    } catch (err) {
      this.deps.log.error(`Could not hold ${text.label} for the quiet hours: ${(err as Error).message}`);
      return false;
    }
    void this.drain();
    return true;
  }

  /**
   * The user's "send now": the text's next attempt is now, and a text held for quiet hours is held
   * no longer (it goes on its own). False when it is gone or another window holds it.
   */
  sendNow(id: string): Promise<boolean> {
    return this.withClaim(id, async (claim, item) => {
      const { heldUntil: _held, ...rest } = item;
      await claim.retryLater({ ...rest, nextAt: this.now(), ...(item.reason === 'quiet' && { reason: 'offline' }) });
    });
  }

  /** The user's "discard": the text is removed unsent. False when it is gone or another window is sending it. */
  discard(id: string): Promise<boolean> {
    return this.withClaim(id, async (claim, item) => {
      await claim.remove();
      this.deps.log.info(`Outbox: discarded ${item.label}.`);
    });
  }

  private async withClaim(id: string, act: (claim: Claim, item: OutboxItem) => Promise<void>): Promise<boolean> {
    const claim = await this.store.claim(id);
    if (!claim) return false;
    const item = await claim.current();
    if (item) await act(claim, item);
    else await claim.release();
    await this.drain();
    return item !== undefined;
  }

  /** The network is back: texts waiting for it go now. */
  wake(): void {
    if (!this.waitingItems.some((i) => i.reason === 'offline')) return;
    this.networkBack = true;
    void this.drain();
  }

  /** One drain at a time per window; a call during one runs another pass after it. Resolves when idle. */
  drain(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const networkBack = this.networkBack;
      this.networkBack = false;
      try {
        let pass = await drainOnce(this.drainDeps(), { networkBack });
        while (pass.progress && !this.disposed) pass = await drainOnce(this.drainDeps());
        this.waitingItems = pass.waiting;
        this.changes.fire(pass.waiting);
        this.schedule(pass.wakeAt);
      } catch (err) {
        this.deps.log.error(`Outbox: ${(err as Error).message}`);
        this.schedule(this.now() + RETRY_PASS_MS);
      }
    } while (this.again && !this.disposed);
  }

  private drainDeps() {
    return {
      store: this.store,
      now: this.now,
      maxAgeMs: () => (this.deps.config.readIfValid()?.outboxMaxAgeMinutes ?? 240) * 60_000,
      send: async (item: OutboxItem, text: string, beforeRequest: () => Promise<boolean>) => {
        const refused = await this.notOwnRecipient(item.to);
        if (refused) return { ok: false as const, error: refused };
        return this.deps.sender.send({ to: item.to, message: text }, { source: item.source + SOURCE_SUFFIX, beforeRequest });
      },
      report: (r: OutboxReport) => this.report(r),
    };
  }

  /**
   * The outbox's files are on disk, where another program may write one: a text goes only to the
   * user's own recipient as the settings say now (the same number, however it is written).
   */
  private async notOwnRecipient(to: string): Promise<Error | undefined> {
    const settings = this.deps.config.readIfValid();
    const own = settings && ownRecipient(settings);
    if (own === to) return undefined;
    const number = (input: string) =>
      this.deps.sender.plan({ to: input, message: '.' }).then(
        (p) => p.request.to,
        () => undefined,
      );
    const [mine, theirs] = own ? await Promise.all([number(own), number(to)]) : [];
    if (mine !== undefined && mine === theirs) return undefined;
    return new ValidationError(
      'imessage.notify.recipient',
      'is not the recipient of this waiting text now: automatic texts go only to your own recipient',
    );
  }

  private report(r: OutboxReport): void {
    const { log } = this.deps;
    if (r.kind === 'sent') log.info(`Outbox: sent ${r.item.label} (${r.item.attempts} earlier attempt(s)).`);
    else if (r.kind === 'waiting') log.info(`Outbox: ${r.item.label} waits (${r.error}).`);
    else log.warn(`Outbox: ${r.item.label} ${r.kind}${'error' in r ? `: ${r.error}` : ''}.`);
    this.reports.fire(r);
  }

  private schedule(wakeAt: number | undefined): void {
    clearTimeout(this.timer);
    if (this.disposed || wakeAt === undefined) return;
    // A due text that another send holds (this window's or another's) makes a past wakeAt: look again
    // a little later, not in a busy loop. Anything new (a kept text, the network back) drains at once.
    this.timer = setTimeout(() => void this.drain(), Math.min(2 ** 31 - 1, Math.max(RECHECK_MS, wakeAt - this.now())));
    // Texts kept by an earlier session fail no request here before their backoff ends: ask for the probe.
    if (this.waitingItems.some((i) => i.reason === 'offline')) this.deps.connectivity.wait();
  }

  dispose(): void {
    this.disposed = true;
    for (const cancel of this.inFlight) cancel.cancel();
    clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.reports.dispose();
    this.changes.dispose();
  }
}

/** The outbox's directory in globalStorage: one per VS Code installation, shared by its windows. */
export function outboxDir(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'outbox');
}
