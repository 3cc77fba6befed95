// What each window publishes for the others (one file per window in globalStorage): the threads it
// has on screen, and the unread count of each thread it polls, with when the API said so. The
// unread badge of every window is computed from all live windows' files by one function, so every
// window shows the same number: per thread the newest answer wins, whichever window polled it.
// The files come from disk, where any process could write: each is parsed field by field, bounded.
import * as z from '../zod';

export const STATE_VERSION = 1;

/** One thread's unread count as one window last read it from the API. */
export interface UnreadThread {
  key: string;
  to: string;
  from?: string;
  count: number;
  /** When the API answered (ms since the epoch). */
  at: number;
}

export interface WindowState {
  v: typeof STATE_VERSION;
  pid: number;
  /** Tells apart the windows of one process (a test's own services beside the extension's). */
  id: string;
  /** Keys of the threads this window shows on screen. */
  onScreen: string[];
  unread: UnreadThread[];
}

/** Far more threads than anyone polls at once; a file with more was not written by a window. */
export const MAX_THREADS = 500;
/** A window's file stays well under this. */
export const MAX_STATE_BYTES = 256 * 1024;

const address = z.string().check(z.minLength(1), z.maxLength(320), z.regex(/^[^\s\p{C}]+$/u));
const stateSchema = z.strictObject({
  v: z.literal(STATE_VERSION),
  pid: z.number().check(z.int(), z.positive()),
  id: z.string().check(z.regex(/^[a-z0-9]{1,16}$/)),
  onScreen: z.array(z.string().check(z.maxLength(700))).check(z.maxLength(MAX_THREADS)),
  unread: z
    .array(
      z.strictObject({
        key: z.string().check(z.minLength(1), z.maxLength(700)),
        to: address,
        from: z.optional(address),
        count: z.number().check(z.int(), z.gte(0), z.lte(100_000)),
        at: z.number().check(z.int(), z.gte(0)),
      }),
    )
    .check(z.maxLength(MAX_THREADS)),
});

/** A window's file as read back, or undefined when it is not one (foreign, old version, malformed). */
export function parseWindowState(json: unknown): WindowState | undefined {
  const parsed = stateSchema.safeParse(json);
  return parsed.success ? (parsed.data as WindowState) : undefined;
}

/**
 * The unread threads as every window shows them: per thread the newest observation of any window
 * (ties: the larger count, so every window breaks them alike), threads with nothing unread left out.
 */
export function sharedUnread(states: readonly Pick<WindowState, 'unread'>[]): UnreadThread[] {
  const newest = new Map<string, UnreadThread>();
  for (const state of states) {
    for (const t of state.unread) {
      const known = newest.get(t.key);
      if (!known || t.at > known.at || (t.at === known.at && t.count > known.count)) newest.set(t.key, t);
    }
  }
  return [...newest.values()].filter((t) => t.count > 0).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The badge's number. */
export function unreadTotal(threads: readonly UnreadThread[]): number {
  return threads.reduce((sum, t) => sum + t.count, 0);
}

/**
 * Whether this window's newest observation of a thread must be published: it is new to this
 * window's file, or the windows together say something else (another window's answer, now older).
 */
export function worthPublishing(seen: UnreadThread, published: UnreadThread | undefined, shared: readonly UnreadThread[]): boolean {
  if (!published || published.count !== seen.count) return true;
  const together = shared.find((t) => t.key === seen.key)?.count ?? 0;
  return together !== seen.count;
}
