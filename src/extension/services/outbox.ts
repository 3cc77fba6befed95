// The durable outbox of automatic texts (notifications, agent hooks and tools): a text that surely
// did not go out waits here, on disk in globalStorage, shared by every window, and is sent once
// when it can be. The decisions live in core/outbox; this wires them to the sender, timers and the
// network (connectivity.ts says when it is back). It shows nothing: what the user must hear comes
// out of onDidReport.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { classifySendFailure, RateLimitedError } from '../../core/client/errors';
import { drainOnce, type OutboxReport } from '../../core/outbox/drain';
import { newItemId, nextAttemptAt, type OutboxItem } from '../../core/outbox/items';
import { type Claim, OutboxStore } from '../../core/outbox/store';
import type { Config } from './config';
import type { Connectivity } from './connectivity';
import type { Log } from './log';
import type { Sender } from './sender';

export interface AutomaticText {
  to: string;
  message: string;
  /** The feature that wrote it (notify.task, agent.hook, ...). */
  source: string;
  /** What it is about, for the user. */
  label: string;
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
   * Keeps a text whose send failed, when it surely did not reach the server (no connection, 429).
   * False for any other failure: the caller reports it as before. Resolves once it is on disk.
   */
  async keep(error: Error, text: AutomaticText): Promise<boolean> {
    if (this.disposed || classifySendFailure(error) !== 'retry') return false;
    const now = this.now();
    const limited = error instanceof RateLimitedError ? error : undefined;
    const item: OutboxItem = {
      ...text,
      id: newItemId(now),
      createdAt: now,
      attempts: 1,
      nextAt: nextAttemptAt(now, 1, limited?.retryAfterMs),
      reason: limited ? 'rate-limited' : 'offline',
    };
    try {
      await this.store.add(item);
    } catch (err) {
      this.deps.log.error(`Could not keep ${text.label} in the outbox: ${(err as Error).message}`);
      return false;
    }
    this.deps.log.info(`Kept ${text.label} in the outbox (${item.reason}); it is sent once, when it can be.`);
    void this.drain();
    return true;
  }

  /** The user's "send now": the text's next attempt is now. False when it is gone or another window holds it. */
  sendNow(id: string): Promise<boolean> {
    return this.withClaim(id, async (claim, item) => {
      await claim.retryLater({ ...item, nextAt: this.now() });
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
      send: async (item: OutboxItem, text: string, beforeRequest: () => Promise<boolean>) =>
        this.deps.sender.send({ to: item.to, message: text }, { source: item.source + SOURCE_SUFFIX, beforeRequest }),
      report: (r: OutboxReport) => this.report(r),
    };
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
    this.timer = setTimeout(() => void this.drain(), Math.min(2 ** 31 - 1, Math.max(0, wakeAt - this.now())));
    // Texts kept by an earlier session fail no request here before their backoff ends: ask for the probe.
    if (this.waitingItems.some((i) => i.reason === 'offline')) this.deps.connectivity.wait();
  }

  dispose(): void {
    this.disposed = true;
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

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
