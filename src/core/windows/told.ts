// Which window tells the user about a reply. Every window that watches a thread sees the same new
// message in its own poll; the first to create the message's marker (O_EXCL, so exactly one) is the
// one that speaks, the others stay quiet. A marker is named by a hash of the thread and the
// message's stable key (the server's id, or sender, time and text), so no outside text becomes a
// file name. Markers are never read: only their names and file times count, so a foreign file can
// at worst silence the one reply it is named for. They are pruned by age, and a reply older than
// that age is not news any more, so pruning does not make a reply spoken twice (short of more than
// MAX_TOLD replies in one day, when the oldest markers go early).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createExclusive, type Holder, unlinkQuietly } from '../shared-files';

/** How long a marker is kept; a reply older than this gets no notification at all. */
export const TOLD_KEEP_MS = 24 * 60 * 60_000;
/** At most this many markers stay, the newest: a burst of replies cannot grow the directory without end. */
export const MAX_TOLD = 2_000;
/** Pruning lists the directory: at most once in this long per window. */
export const PRUNE_EVERY_MS = 60 * 60_000;

const TOLD = /^[0-9a-f]{40}\.told$/;
/** What a window that died while creating a marker leaves (shared-files.ts writes it beside the marker first). */
const LEFT_OVER = /^[0-9a-f]{40}\.told\.\d+\.[0-9a-f]{8}\.tmp$/;

/** The marker's file name for one message of one thread. */
export function toldName(threadKey: string, messageKey: string): string {
  return `${createHash('sha256').update(`${threadKey}\n${messageKey}`).digest('hex').slice(0, 40)}.told`;
}

/**
 * The markers to delete: ours (by name) that are older than `keepMs`, then the oldest beyond
 * `max`. Names that are not ours are left alone.
 */
export function toPrune(
  entries: readonly { name: string; mtimeMs: number }[],
  now: number,
  keepMs = TOLD_KEEP_MS,
  max = MAX_TOLD,
): string[] {
  const ours = entries.filter((e) => TOLD.test(e.name)).sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? -1 : 1));
  const leftOver = entries.filter((e) => LEFT_OVER.test(e.name) && now - e.mtimeMs > keepMs);
  return [...ours.filter((e, i) => i >= max || now - e.mtimeMs > keepMs), ...leftOver].map((e) => e.name);
}

export interface ToldDeps {
  dir: string;
  pid: number;
  now: () => number;
}

export class ToldMarkers {
  private prunedAt = -Infinity;

  constructor(private readonly deps: ToldDeps) {}

  /**
   * True for the one window that is to tell the user about this message (it created the marker);
   * false when another window did, or the message is older than markers are kept.
   */
  async claim(threadKey: string, messageKey: string, at: number): Promise<boolean> {
    const now = this.deps.now();
    if (now - at > TOLD_KEEP_MS) return false;
    await fs.mkdir(this.deps.dir, { recursive: true, mode: 0o700 });
    const holder: Holder = { pid: this.deps.pid, at: now };
    const mine = await createExclusive(path.join(this.deps.dir, toldName(threadKey, messageKey)), JSON.stringify(holder));
    if (now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now;
      await this.prune();
    }
    return mine;
  }

  /** Deletes old markers; returns how many. lstat, so a link is judged (and removed) as itself. */
  async prune(): Promise<number> {
    const names = await fs.readdir(this.deps.dir).catch(() => [] as string[]);
    const entries: { name: string; mtimeMs: number }[] = [];
    for (const name of names.filter((n) => TOLD.test(n) || LEFT_OVER.test(n))) {
      const stat = await fs.lstat(path.join(this.deps.dir, name)).catch(() => undefined);
      if (stat) entries.push({ name, mtimeMs: stat.mtimeMs });
    }
    const old = toPrune(entries, this.deps.now());
    for (const name of old) await unlinkQuietly(path.join(this.deps.dir, name)).catch(() => undefined);
    return old.length;
  }
}
