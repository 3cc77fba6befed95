// The outbox on disk, shared by every window of one VS Code (globalStorage): one file per text,
// and two marker files that make sending it exactly once (README: "How the outbox never sends twice").
//   <id>.json     the text, written whole (temp file + rename), so a reader never sees half of it;
//   <id>.claim    created with O_EXCL by the one window working on the text (pid, time);
//   <id>.sending  created with O_EXCL by that window right before the request is written.
// A claim whose window died (or outlived its lease) may be taken over; a `.sending` never is: once
// it exists the text may have reached the server, so nobody sends it again.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createExclusive, type Holder, readJsonBounded, unlinkQuietly, writeWhole } from '../shared-files';
import { parseItem, type OutboxItem } from './items';

export type { Holder } from '../shared-files';

export interface StoreDeps {
  dir: string;
  pid: number;
  now: () => number;
  /** Whether a process still runs (process.kill(pid, 0) in the extension). */
  isAlive: (pid: number) => boolean;
  /** A claim older than this is stale even if its pid runs (a reused pid): longer than any send can take. */
  leaseMs: number;
}

export interface Listed {
  item: OutboxItem;
  claim?: Holder;
  sending?: Holder;
}

const ITEM = '.json';

export class OutboxStore {
  constructor(private readonly deps: StoreDeps) {}

  private file(id: string, ext: string): string {
    return path.join(this.deps.dir, `${id}${ext}`);
  }

  async add(item: OutboxItem): Promise<void> {
    await fs.mkdir(this.deps.dir, { recursive: true });
    await this.write(item);
  }

  /**
   * Adds a text already claimed by this window (the claim is made first, so no other window's pass
   * can take it between the two): the write-ahead of a text this window is about to send.
   */
  async reserve(item: OutboxItem): Promise<Claim> {
    await fs.mkdir(this.deps.dir, { recursive: true });
    if (!(await this.create(item.id, '.claim'))) throw new Error(`outbox id ${item.id} is taken`);
    try {
      await this.write(item);
    } catch (err) {
      await unlinkQuietly(this.file(item.id, '.claim'));
      throw err;
    }
    return new Claim(this, item.id);
  }

  /** Replaces the item's file in one step. */
  async write(item: OutboxItem): Promise<void> {
    await writeWhole(this.file(item.id, ITEM), JSON.stringify(item));
  }

  /** Every stored text with its markers; files that are not a valid item are skipped (and listed in `unreadable`). */
  async list(): Promise<{ items: Listed[]; unreadable: string[] }> {
    let names: string[];
    try {
      names = await fs.readdir(this.deps.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { items: [], unreadable: [] };
      throw err;
    }
    const present = new Set(names);
    const items: Listed[] = [];
    const unreadable: string[] = [];
    for (const name of names.filter((n) => n.endsWith(ITEM)).sort()) {
      const id = name.slice(0, -ITEM.length);
      const item = parseItem(await readJson(path.join(this.deps.dir, name)));
      if (!item || item.id !== id) {
        unreadable.push(name);
        continue;
      }
      const claim = present.has(`${id}.claim`) ? await this.holder(id, '.claim') : undefined;
      const sending = present.has(`${id}.sending`) ? await this.holder(id, '.sending') : undefined;
      items.push({ item, ...(claim && { claim }), ...(sending && { sending }) });
    }
    return { items, unreadable };
  }

  /** True when the holder's window is gone or its lease ran out. */
  stale(holder: Holder): boolean {
    return !this.deps.isAlive(holder.pid) || this.deps.now() - holder.at > this.deps.leaseMs;
  }

  /**
   * Claims a text for this window, taking over a stale claim. Undefined when another live window
   * holds it. Holding the claim is not permission to send: only creating `.sending` is.
   */
  async claim(id: string): Promise<Claim | undefined> {
    if (await this.create(id, '.claim')) return new Claim(this, id);
    const holder = await this.holder(id, '.claim');
    if (holder && !this.stale(holder)) return undefined;
    await unlinkQuietly(this.file(id, '.claim'));
    // Two windows may both have judged it stale: O_EXCL lets one of them in.
    return (await this.create(id, '.claim')) ? new Claim(this, id) : undefined;
  }

  /** Creates a marker with O_EXCL; false when it exists. */
  async create(id: string, ext: '.claim' | '.sending'): Promise<boolean> {
    const holder: Holder = { pid: this.deps.pid, at: this.deps.now() };
    return createExclusive(this.file(id, ext), JSON.stringify(holder));
  }

  /** Who holds a marker. A torn or foreign one counts from its file time, with no live pid. */
  async holder(id: string, ext: '.claim' | '.sending'): Promise<Holder | undefined> {
    const file = this.file(id, ext);
    const json = (await readJson(file)) as Partial<Holder> | undefined;
    if (json && Number.isInteger(json.pid) && Number.isFinite(json.at)) return { pid: json.pid as number, at: json.at as number };
    const stat = await fs.lstat(file).catch(() => undefined);
    return stat && { pid: 0, at: stat.mtimeMs };
  }

  /** The item as stored now, or undefined when it is gone. */
  async read(id: string): Promise<OutboxItem | undefined> {
    const item = parseItem(await readJson(this.file(id, ITEM)));
    return item?.id === id ? item : undefined;
  }

  async unlink(id: string, ...exts: string[]): Promise<void> {
    for (const ext of exts) await unlinkQuietly(this.file(id, ext));
  }
}

/** This window's hold on one text. */
export class Claim {
  constructor(
    private readonly store: OutboxStore,
    readonly id: string,
  ) {}

  /**
   * The item as it is now that this window holds it. What was listed before claiming may be gone
   * (another window sent it and let go) or changed (retried later): act only on this.
   */
  current(): Promise<OutboxItem | undefined> {
    return this.store.read(this.id);
  }

  /** Called right before the request is written: true means this window, and only it, sends the text. */
  markSending(): Promise<boolean> {
    return this.store.create(this.id, '.sending');
  }

  /** Surely not sent: store the next attempt, then let go (the `.sending` first, so nobody reads it as maybe-sent). */
  async retryLater(item: OutboxItem): Promise<void> {
    await this.store.write(item);
    await this.store.unlink(this.id, '.sending', '.claim');
  }

  /** Done with the text (sent, dropped, reported): the item first, so a crash in between leaves no text to send. */
  async remove(): Promise<void> {
    await this.store.unlink(this.id, ITEM, '.sending', '.claim');
  }

  /** Not working on it after all (another window is sending it). */
  async release(): Promise<void> {
    await this.store.unlink(this.id, '.claim');
  }
}

/** An item is at most 20 000 characters of text and a few fields: anything bigger is not one of ours. */
const MAX_FILE_BYTES = 200_000;

function readJson(file: string): Promise<unknown> {
  return readJsonBounded(file, MAX_FILE_BYTES);
}
