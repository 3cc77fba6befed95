// Files that the windows of one VS Code share (globalStorage, the agent channel's directory), where
// any other process of the user may also have written. One way to do each thing, for every user of
// such a directory: a marker created exclusively decides who does something (exactly one window
// creates it, and it never exists half-written); whole files appear by rename, so a reader never sees half of one; reads follow no
// link, never block on a FIFO and stop at a size, so a foreign file costs nothing.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';

/** Who made a marker and when; what windows write into the markers they create. */
export interface Holder {
  pid: number;
  at: number;
}

/**
 * Creates `file` with `content` only if nothing is at that path (not even a dangling link). True
 * for the one caller that created it, false when it existed. The content is written to a temp
 * file first and hard-linked into place (link fails when the name exists, as O_EXCL does), so the
 * marker never exists empty: a reader that finds a half-written marker would take it for a
 * foreign one, and a claim taken over that way lets two windows send the same text.
 */
export async function createExclusive(file: string, content: string): Promise<boolean> {
  const temp = tempBeside(file);
  await fs.writeFile(temp, content, { flag: 'wx', mode: 0o600 });
  try {
    await fs.link(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code ?? '')) throw err;
    // A file system without hard links (FAT, some network drives): O_EXCL on the name itself.
    try {
      await fs.writeFile(file, content, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw again;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function tempBeside(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Replaces `file` in one step (a temp file beside it, renamed over it). */
export async function writeWhole(file: string, content: string): Promise<void> {
  const temp = tempBeside(file);
  try {
    await fs.writeFile(temp, content, { flag: 'wx', mode: 0o600 });
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/**
 * The text of a regular file of at most `maxBytes`, or undefined for anything else: missing, a
 * link, a FIFO or device, a directory, too big, unreadable.
 */
export async function readBounded(file: string, maxBytes: number): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const { bytesRead } = await handle.read(buffer, 0, stat.size, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** The JSON in a file read as readBounded reads it; undefined when it is not JSON. */
export async function readJsonBounded(file: string, maxBytes: number): Promise<unknown> {
  const text = await readBounded(file, maxBytes);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Removes a file; already gone is fine. */
export async function unlinkQuietly(file: string): Promise<void> {
  await fs.unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Is the process there? EPERM means it is, but another user's: still alive. */
export function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
