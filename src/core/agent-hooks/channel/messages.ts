// The two lines of the channel, checked field by field on the side that reads them (the hook stays
// small: no schema library). Each side bounds what it reads before parsing it.
import { CHANNEL_VERSION, MAX_HOOK_INPUT_BYTES, type HookReply, type HookRequest } from '../channel-protocol';

/**
 * The largest request line. The hook reads at most 1 MiB (stdin, or Codex's argument), and JSON
 * escaping at most doubles a JSON text (a quote or backslash becomes two characters; a JSON text has
 * no raw control characters but whitespace, which also becomes two), plus the envelope.
 */
export const MAX_REQUEST_BYTES = 2 * MAX_HOOK_INPUT_BYTES + 64 * 1024;
/** A reply is one agent answer (a few hundred bytes) and one line for its log. */
export const MAX_REPLY_BYTES = 256 * 1024;
const MAX_ARGS = 32;

/** A reply with no decision and one line for the agent's log. */
export function replyWithError(stderr: string): HookReply {
  return { v: CHANNEL_VERSION, exitCode: 0, stdout: '', stderr };
}

/** The request in `line`, or what is wrong with it. */
export function parseHookRequest(line: string): HookRequest | string {
  const value = parseObject(line);
  if (typeof value === 'string') return `request ${value}`;
  const { v, args, stdin, deadline } = value;
  if (v !== CHANNEL_VERSION) return `request v must be ${CHANNEL_VERSION}: the hook and the window are different versions`;
  if (!Array.isArray(args) || args.length > MAX_ARGS || !args.every((a) => typeof a === 'string')) {
    return `request args must be at most ${MAX_ARGS} strings`;
  }
  if (typeof stdin !== 'string') return 'request stdin must be a string';
  if (typeof deadline !== 'number' || !Number.isFinite(deadline)) return 'request deadline must be a number (ms since the epoch)';
  return { v, args: args as string[], stdin, deadline };
}

/** The reply in `line`, or what is wrong with it. */
export function parseHookReply(line: string): HookReply | string {
  const value = parseObject(line);
  if (typeof value === 'string') return `reply ${value}`;
  const { v, exitCode, stdout, stderr } = value;
  if (v !== CHANNEL_VERSION) return `reply v must be ${CHANNEL_VERSION}: the hook and the window are different versions`;
  if (exitCode !== 0) return 'reply exitCode must be 0';
  if (typeof stdout !== 'string' || typeof stderr !== 'string') return 'reply stdout and stderr must be strings';
  return { v, exitCode, stdout, stderr };
}

function parseObject(line: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'is not a JSON object';
}
