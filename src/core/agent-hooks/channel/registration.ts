// Each window's `<id>.json` in the private directory: written whole or not at all (a temp file
// renamed over it, so the hook never reads half a file), read with a size bound and checked field by
// field (the hook stays small: no schema library), and dropped when its process is gone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isAlive } from '../../shared-files';
import { CHANNEL_VERSION, type WindowRegistration } from '../channel-protocol';

/** A registration is a few paths; anything bigger was not written by a window. */
const MAX_REGISTRATION_BYTES = 64 * 1024;
const MAX_FOLDERS = 256;
const MAX_PATH_CHARS = 4096;

export function registrationFile(dir: string, id: string): string {
  return path.join(dir, `${id}.json`);
}

export function writeRegistration(dir: string, id: string, registration: WindowRegistration): void {
  const file = registrationFile(dir, id);
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify(registration), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

export function removeRegistration(dir: string, id: string): void {
  fs.rmSync(registrationFile(dir, id), { force: true });
}

/**
 * The live windows' registrations. A file that is unreadable, too big or malformed is skipped;
 * one whose process is gone is removed with its socket, so that the next hook does not try it.
 */
export function readRegistrations(dir: string, alive: (pid: number) => boolean = isAlive): WindowRegistration[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: WindowRegistration[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    const registration = parseRegistration(readBounded(file));
    if (!registration) continue;
    if (alive(registration.pid)) {
      found.push(registration);
      continue;
    }
    fs.rmSync(file, { force: true });
    if (path.dirname(registration.socket) === dir) fs.rmSync(registration.socket, { force: true });
  }
  return found;
}

function readBounded(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_REGISTRATION_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const read = fs.readSync(fd, buffer, 0, stat.size, 0);
    return buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The registration in `text`, or undefined when any field is not what a window writes. */
export function parseRegistration(text: string | undefined): WindowRegistration | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, pid, socket, folders, focusedAt } = value as Record<string, unknown>;
  if (v !== CHANNEL_VERSION) return undefined;
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return undefined;
  if (!isPath(socket)) return undefined;
  if (!Array.isArray(folders) || folders.length > MAX_FOLDERS || !folders.every(isPath)) return undefined;
  if (typeof focusedAt !== 'number' || !Number.isFinite(focusedAt)) return undefined;
  return { v, pid: pid as number, socket, folders: folders as string[], focusedAt };
}

function isPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_PATH_CHARS;
}
