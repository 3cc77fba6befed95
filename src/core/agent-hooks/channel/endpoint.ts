// Where a window listens: a Unix socket in the private directory, or on Windows a named pipe
// (pipes live in their own namespace, not in a directory; the name carries the user so that two
// users' windows never meet, and the pipe's default access is its creator's).
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A new window id: unique among the windows of this machine, short enough for a socket path (~100 bytes). */
export function newWindowId(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

export function endpointFor(dir: string, id: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\imessage-sender-${os.userInfo().username}-${id}`;
  return path.join(dir, `${id}.sock`);
}
