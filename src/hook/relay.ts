// What the hook does, apart from the process it runs in: find the window, hand it how the hook was
// started and what it read, and return what to print. Every way this can fail ends in no decision
// (nothing on stdout) and one line on stderr saying why: the agent's own prompt then decides.
import { CHANNEL_VERSION, MAX_HOOK_INPUT_BYTES, channelDir, type HookRequest } from '../core/agent-hooks/channel-protocol';
import { readHookArgs } from '../core/agent-hooks/channel/args';
import { rankWindows } from '../core/agent-hooks/channel/choose';
import { askWindow, ChannelError } from '../core/agent-hooks/channel/client';
import { MAX_REQUEST_BYTES } from '../core/agent-hooks/channel/messages';
import { ChannelDirError, checkPrivateDir } from '../core/agent-hooks/channel/private-dir';
import { readRegistrations } from '../core/agent-hooks/channel/registration';

export interface HookOutput {
  stdout: string;
  stderr: string;
}

/** VS Code and Copilot CLI give a hook entry 30 s unless it says otherwise (Claude Code 600 s: its entries pass --timeout). */
const DEFAULT_TIMEOUT_SECONDS = 30;
/** The agent kills the hook at its timeout: answer this much earlier (the hook's own start and exit, a slow machine). */
const MARGIN_MS = 2_000;

export const NO_WINDOW = 'no VS Code window with agent hooks on (imessage.agentHooks.enabled) is running; nothing was done';

/** Until when the hook may wait: the entry's timeout (`--timeout <seconds>`) less a margin. */
export function deadlineFor(timeoutSeconds: number | undefined, now: number): number {
  const ms = (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  return now + Math.max(ms / 2, ms - MARGIN_MS);
}

/** One line for the agent's log. */
export function line(text: string): string {
  return `imessage-hook: ${text.replace(/\s+/g, ' ').slice(0, 1000)}`;
}

const failed = (text: string): HookOutput => ({ stdout: '', stderr: line(text) });

const TIMED_OUT = Symbol('timed out');

function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), deadline - Date.now())));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** `readStdin` resolves with undefined when stdin is over the bound. */
export async function relay(args: string[], readStdin: () => Promise<string | undefined>, env: NodeJS.ProcessEnv): Promise<HookOutput> {
  const { timeoutSeconds, argumentInput: fromArgs } = readHookArgs(args);
  const deadline = deadlineFor(timeoutSeconds, Date.now());
  const stdin = fromArgs === undefined ? await beforeDeadline(readStdin(), deadline) : '';
  if (stdin === TIMED_OUT) return failed('the agent did not close stdin before the deadline; nothing was done');
  const input = fromArgs ?? stdin;
  if (input === undefined || Buffer.byteLength(input) > MAX_HOOK_INPUT_BYTES) {
    return failed(`the hook input is over ${MAX_HOOK_INPUT_BYTES} bytes (1 MiB); nothing was done`);
  }
  let cwd: unknown;
  try {
    cwd = (JSON.parse(input) as { cwd?: unknown } | null)?.cwd;
  } catch {
    return failed(
      'the hook input is not valid JSON (the agent passes a JSON object on stdin; Codex as the last argument); nothing was done',
    );
  }
  const dir = channelDir(env);
  try {
    checkPrivateDir(dir);
  } catch (e) {
    return failed(e instanceof ChannelDirError && !e.missing ? e.message : NO_WINDOW);
  }
  const windows = rankWindows(readRegistrations(dir), typeof cwd === 'string' ? cwd : undefined);
  const request: HookRequest = { v: CHANNEL_VERSION, args, stdin: stdin ?? '', deadline };
  if (Buffer.byteLength(JSON.stringify(request)) > MAX_REQUEST_BYTES) {
    return failed(`the request is over ${MAX_REQUEST_BYTES} bytes; nothing was done`);
  }
  let unreachable = '';
  // A window that died without cleaning up (its pid reused since) refuses at once: try the next.
  for (const window of windows) {
    if (Date.now() >= deadline) break;
    try {
      const reply = await askWindow(window.socket, request);
      return { stdout: reply.stdout, stderr: reply.stderr === '' ? '' : line(reply.stderr.replace(/^imessage-hook:\s*/, '')) };
    } catch (e) {
      if (!(e instanceof ChannelError && e.kind === 'no-window')) return failed(`${(e as Error).message}; no decision`);
      unreachable = ` (${e.message})`;
    }
  }
  return failed(`${NO_WINDOW}${unreachable}`);
}
