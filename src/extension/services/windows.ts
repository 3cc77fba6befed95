// The other windows of this VS Code, as far as replies go. Each window keeps one file in
// globalStorage/windows saying which threads it shows and what its polls read of each thread's
// unread count (core/windows/state.ts); it reads the others' files when they change (fs.watch) and
// after its own polls. From them come one unread count for every window's badge, and whether a
// thread is on screen anywhere. Which window speaks for a reply: a marker per message in
// globalStorage/arrivals (core/windows/told.ts). Files of windows whose process is gone are removed.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isAlive, readJsonBounded, writeWhole } from '../../core/shared-files';
import {
  MAX_STATE_BYTES,
  MAX_THREADS,
  parseWindowState,
  sharedUnread,
  STATE_VERSION,
  type UnreadThread,
  type WindowState,
  worthPublishing,
} from '../../core/windows/state';
import { ToldMarkers } from '../../core/windows/told';
import type { Conversations } from './conversations';
import type { Log } from './log';

export interface WindowsDeps {
  /** globalStorage: one per VS Code installation, shared by its windows. */
  storage: string;
  conversations: Conversations;
  log: Log;
  now?: () => number;
}

/** Another window's file changing is read after this long, once for a burst of changes. */
const SETTLE_MS = 50;
/** A directory with more files than this is not ours: the rest are not read. */
const MAX_FILES = 64;
const FILE = /^(\d+)-([a-z0-9]{1,16})\.json$/;

export class Windows implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<readonly UnreadThread[]>();
  /** The unread threads as every window shows them, after each change. */
  readonly onDidChange = this.changes.event;
  private readonly dir: string;
  private readonly file: string;
  private readonly id = randomBytes(6).toString('hex');
  private readonly told: ToldMarkers;
  private readonly now: () => number;
  /** What this window's file says (or is about to say). */
  private readonly published = new Map<string, UnreadThread>();
  private onScreen: string[] = [];
  private others: WindowState[] = [];
  private shared: UnreadThread[] = [];
  private watcher: fs.FSWatcher | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private disposed = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: WindowsDeps) {
    this.now = deps.now ?? Date.now;
    this.dir = path.join(deps.storage, 'windows');
    this.file = path.join(this.dir, `${process.pid}-${this.id}.json`);
    this.told = new ToldMarkers({ dir: path.join(deps.storage, 'arrivals'), pid: process.pid, now: this.now });
    this.subscription = deps.conversations.onDidChange((key) => this.observe(key));
    for (const key of deps.conversations.keys()) this.observe(key);
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.watcher = fs.watch(this.dir, () => this.settle());
      this.watcher.on('error', () => this.stopWatching());
    } catch (err) {
      // Without a watch (no inotify watches left, a network drive) other windows' changes are read after our own polls.
      deps.log.warn(`Windows: cannot watch ${this.dir}: ${(err as Error).message}`);
    }
    this.settle();
  }

  /** The threads with unread replies, the same in every window. */
  unread(): readonly UnreadThread[] {
    return this.shared;
  }

  /** The threads this window shows; other windows do not notify about replies in them. */
  showing(keys: readonly string[]): void {
    const next = [...new Set(keys)].sort();
    if (next.join('\n') === this.onScreen.join('\n')) return;
    this.onScreen = next;
    this.publish();
  }

  /** Whether another live window shows the thread now (read from disk, not from what was last seen). */
  async onScreenElsewhere(key: string): Promise<boolean> {
    await this.readOthers();
    return this.others.some((s) => s.onScreen.includes(key));
  }

  /**
   * True for the one window that is to speak for this reply. When the markers cannot be written,
   * every window speaks: a reply told twice is better than one never told.
   */
  async claimArrival(threadKey: string, messageKey: string, at: number): Promise<boolean> {
    try {
      return await this.told.claim(threadKey, messageKey, at);
    } catch (err) {
      this.deps.log.warn(`Windows: no marker for a reply (${(err as Error).message}); this window tells it anyway.`);
      return true;
    }
  }

  /** A thread changed in this window: publish its unread count when the windows need to hear it. */
  private observe(key: string): void {
    const view = this.deps.conversations.thread(key);
    if (!view?.updatedAt || this.disposed) return;
    const { to, from, unread } = view.thread;
    const seen: UnreadThread = { key, to, ...(from ? { from } : {}), count: unread, at: view.updatedAt };
    if (!worthPublishing(seen, this.published.get(key), this.shared)) return;
    this.published.delete(key);
    this.published.set(key, seen);
    // The oldest observations go first: a window polls far fewer threads than this.
    for (const old of this.published.keys()) {
      if (this.published.size <= MAX_THREADS) break;
      this.published.delete(old);
    }
    this.recompute();
    this.publish();
    // Our poll may come with other windows' news too (the fallback when the watch is off).
    if (!this.watcher) this.settle();
  }

  private state(): WindowState {
    return { v: STATE_VERSION, pid: process.pid, id: this.id, onScreen: this.onScreen, unread: [...this.published.values()] };
  }

  /** Writes this window's file, one write at a time; changes meanwhile go in the next. */
  private publish(): void {
    if (this.disposed) return;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      if (!this.dirty || this.disposed) return;
      this.dirty = false;
      try {
        await writeWhole(this.file, JSON.stringify(this.state()));
      } catch (err) {
        this.deps.log.warn(`Windows: could not share this window's state: ${(err as Error).message}`);
      }
    });
  }

  private settle(): void {
    if (this.settleTimer || this.disposed) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      void this.readOthers();
    }, SETTLE_MS);
  }

  /** The other live windows' files; a file of a window that is gone is removed. */
  private async readOthers(): Promise<void> {
    let names: string[];
    try {
      names = (await fs.promises.readdir(this.dir)).filter((n) => FILE.test(n)).slice(0, MAX_FILES);
    } catch {
      names = [];
    }
    const others: WindowState[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      if (file === this.file) continue;
      const pid = Number(FILE.exec(name)![1]);
      if (!isAlive(pid)) {
        await fs.promises.rm(file, { force: true }).catch(() => undefined);
        continue;
      }
      const state = parseWindowState(await readJsonBounded(file, MAX_STATE_BYTES));
      if (state && `${state.pid}-${state.id}.json` === name) others.push(state);
    }
    if (this.disposed) return;
    this.others = others;
    this.recompute();
  }

  private recompute(): void {
    const next = sharedUnread([this.state(), ...this.others]);
    if (JSON.stringify(next) === JSON.stringify(this.shared)) return;
    this.shared = next;
    this.changes.fire(next);
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.settleTimer);
    this.stopWatching();
    this.subscription.dispose();
    this.changes.dispose();
    // Synchronous: an extension host that shuts down does not wait for promises.
    fs.rmSync(this.file, { force: true });
  }
}
