// The contract between the hook command (dist/hook.js, run by an agent) and a VS Code window, over
// a local socket only the user can open. The hook is a thin relay so that it starts fast and never
// holds the token or the parser's dependencies: it sends how it was started and what it read,
// untouched, and prints what the window answers. The window parses (formats.ts), decides and shapes
// the answer (answers.ts). Node-only, no vscode: both sides and their unit tests import it.
import * as os from 'node:os';
import * as path from 'node:path';

export const CHANNEL_VERSION = 1;

/** Largest hook input read, in UTF-8 bytes. Tool inputs carry whole files (Write); 1 MiB is many times a normal call. */
export const MAX_HOOK_INPUT_BYTES = 1024 * 1024;

/** One line of JSON from the hook to the window. */
export interface HookRequest {
  v: typeof CHANNEL_VERSION;
  /** The hook's arguments after the script: `--agent <a>`, `--event <e>`, `--timeout <s>`, and Codex's JSON argument. */
  args: string[];
  /** What the hook read on stdin (at most MAX_HOOK_INPUT_BYTES); '' for Codex, whose input is an argument. */
  stdin: string;
  /** Until when the hook may wait for the answer, ms since the epoch: the agent kills it after its own timeout. */
  deadline: number;
}

/** One line of JSON from the window to the hook, printed as it is. */
export interface HookReply {
  v: typeof CHANNEL_VERSION;
  /** Always 0: a non-zero exit blocks or denies in some agents, and the hook must never break one. */
  exitCode: 0;
  /** '' (no decision) or the one JSON document the agent reads. */
  stdout: string;
  /** One line for the agent's log, or ''. */
  stderr: string;
}

/** Each window's registration, `<dir>/<id>.json`, next to its socket `<dir>/<id>.sock`. */
export interface WindowRegistration {
  v: typeof CHANNEL_VERSION;
  /** The extension host's pid: a registration whose process is gone is stale. */
  pid: number;
  socket: string;
  /** Absolute paths of the window's workspace folders: the hook picks the window that contains its cwd. */
  folders: string[];
  /** When the window last had the focus, ms since the epoch: the fallback when no folder contains the cwd. */
  focusedAt: number;
}

/**
 * The directory of the sockets and registrations: private to the user (created 0700 and checked
 * for owner and mode by both sides before use). `IMESSAGE_HOOK_DIR` moves it (tests; an agent run
 * in an environment with another temp dir).
 */
export function channelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.IMESSAGE_HOOK_DIR?.trim();
  if (override) return path.resolve(override);
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
  return path.join(os.tmpdir(), `imessage-sender-${user}`);
}

/**
 * Where the launcher that agents' hook files call lives: under the extension's global storage,
 * which survives updates (the extension's own folder is renamed with each version). The extension
 * rewrites it when its install path or runtime changes.
 */
export function launcherPath(globalStorageDir: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(globalStorageDir, 'bin', platform === 'win32' ? 'imessage-hook.cmd' : 'imessage-hook');
}
