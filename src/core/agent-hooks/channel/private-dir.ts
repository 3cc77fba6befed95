// The channel's directory is the lock on the channel: whoever can open it can ask the window to
// text the user. It lives under the shared temp dir, where anyone could have made it first (and
// waited for us to put sockets in it), so both sides check it before every use instead of trusting
// that mkdir made it: a real directory (not a link to one), ours, and closed to everyone else.
import * as fs from 'node:fs';

export class ChannelDirError extends Error {
  constructor(
    message: string,
    /** True when the directory is not there: no window has made it, which is no refusal. */
    readonly missing = false,
  ) {
    super(message);
  }
}

/** The directory, created 0700 when missing, then checked (see checkPrivateDir). The window calls this. */
export function ensurePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ChannelDirError(`cannot create ${dir}: ${(e as Error).message}`);
  }
  checkPrivateDir(dir, platform);
}

/**
 * Throws a ChannelDirError saying what is wrong unless `dir` is a directory itself (lstat: a
 * symlink is refused, whatever it points at), owned by this user, with no group or other
 * permission bits. On Windows the channel is named pipes, and the directory holds only the
 * registrations under the user's own temp dir: it is checked to be a real directory.
 */
export function checkPrivateDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ChannelDirError(`${dir} cannot be read: ${code ?? (e as Error).message}`, code === 'ENOENT');
  }
  if (stat.isSymbolicLink()) throw new ChannelDirError(`${dir} is a symbolic link; refusing it: remove it and try again`);
  if (!stat.isDirectory()) throw new ChannelDirError(`${dir} is not a directory; refusing it: remove it and try again`);
  if (platform === 'win32' || typeof process.getuid !== 'function') return;
  if (stat.uid !== process.getuid()) {
    throw new ChannelDirError(`${dir} belongs to uid ${stat.uid}, not to you (uid ${process.getuid()}); refusing it: someone else made it`);
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new ChannelDirError(`${dir} is open to others (mode ${(stat.mode & 0o777).toString(8)}); refusing it: it must be 700`);
  }
}
