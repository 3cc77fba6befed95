// Agent pager, the pure core (issue 22). Coding agents (VS Code agent hooks, Claude Code, GitHub
// Copilot CLI, Codex) run a command when they finish or need the user; that command will text the
// user by iMessage and, for an approval, answer the agent with the user's reply.
//
// Built here, with no VS Code and no I/O, unit-tested on fixtures copied from each agent's docs:
// - formats.ts (this file) + dialects.ts + fields.ts: any agent's hook input → one HookEvent, or
//   "ignored", or an error naming the field. Input is bounded (1 MiB, nesting) before it is parsed.
// - answers.ts: a decision (allow / deny / ask / none) → the stdout and exit code that agent reads.
//   No decision is exit 0 with no output: the agent's own prompt decides; nothing allows by default.
// - reply.ts: which open question an inbound text answers (the user's number only, after the
//   question, never a quote of it; a short code when several are open).
// - texts.ts: the texts sent, every outside value cleaned and capped.
//
// Next (later sessions, none of it bundled yet): the hook command (its own esbuild entry in the
// .vsix, no token) reading stdin/argv and calling parseHookInput; the local channel to the running
// window (a user-only Unix socket or named pipe, window chosen by cwd); the extension side that
// applies the notify rules, sends through the outbox and waits for the reply with matchReply; and
// "iMessage: Set Up Agent Notifications…", which writes the user-level hook files.
//
// Facts from the sources (December 2026) that those steps depend on:
// - Copilot CLI's camelCase events carry no event name: its hook entries must pass it (HookHint.event).
// - Default hook timeouts are 30 s in VS Code and Copilot CLI, 600 s in Claude Code. An approval wait
//   must answer "ask" before the agent gives up, or setup must raise the entry's timeout.
// - A Copilot CLI preToolUse hook that exits non-zero denies the call, so the command always exits 0.
// - Claude Code's Notification permission_prompt comes about 6 s after its prompt; PermissionRequest
//   and PreToolUse come at once.
import { CLAUDE, CODEX, COPILOT_CAMEL, COPILOT_SNAKE, VSCODE, type Dialect } from './dialects';
import { AGENTS, type Agent, type HookEvent, type ParseResult } from './events';
import {
  absolutePath,
  check,
  invalid,
  name,
  optionalId,
  optionalPath,
  optionalText,
  readJsonObject,
  toolOf,
  type JsonObject,
} from './fields';
import * as z from '../zod';

/** What the hook command knows from how it was started (its arguments), as opposed to what it read. */
export interface HookHint {
  /** The agent whose configuration runs the command; the input's own shape wins where it tells (VS Code also runs Claude's and Copilot's user hooks). */
  agent?: string;
  /** The event the command was registered for: needed for Copilot CLI's camelCase events, whose input names none. */
  event?: string;
}

/** One agent's hook input (stdin text, or Codex's JSON argument) → the event it describes. */
export function parseHookInput(text: string, hint: HookHint = {}): ParseResult {
  if (hint.agent !== undefined && !(AGENTS as readonly string[]).includes(hint.agent)) {
    return invalid(`unknown agent "${hint.agent.slice(0, 40)}": use ${AGENTS.join(', ')}`);
  }
  const read = readJsonObject(text);
  if (!read.ok) return invalid(read.error);
  const input = read.value;
  const dialect = dialectOf(input, hint.agent as Agent | undefined);
  if (!dialect) return invalid('hook input names no event (hook_event_name, hookEventName or type) and no agent was given');
  if (hint.agent === 'codex' && dialect !== CODEX) {
    // Codex's newer hooks.json speaks Claude's shape; not verified against a release yet, so only notify counts.
    return { result: 'ignored', agent: 'codex', event: 'hooks.json', why: 'Codex hooks.json input; use notify' };
  }
  const eventName = eventOf(dialect, input, hint.event);
  if (!eventName.ok) return invalid(eventName.error);
  return parseAs(dialect, input, eventName.data);
}

const BY_AGENT: Record<Agent, Dialect> = { vscode: VSCODE, claude: CLAUDE, 'copilot-cli': COPILOT_CAMEL, codex: CODEX };

/** Which format the input is in: its keys decide; the hint only separates formats that look alike. */
function dialectOf(input: JsonObject, hinted: Agent | undefined): Dialect | undefined {
  if ('hookEventName' in input) return VSCODE;
  if ('hook_event_name' in input) {
    // Copilot CLI's notification sends hook_event_name with camelCase fields; its PascalCase events look like Claude's.
    if ('sessionId' in input && !('session_id' in input)) return COPILOT_CAMEL;
    return hinted === 'copilot-cli' ? COPILOT_SNAKE : CLAUDE;
  }
  if ('type' in input && (hinted === undefined || hinted === 'codex')) return CODEX;
  if (hinted) return BY_AGENT[hinted];
  return 'toolName' in input || 'sessionId' in input ? COPILOT_CAMEL : undefined;
}

function eventOf(d: Dialect, input: JsonObject, hinted: string | undefined): { ok: true; data: string } | { ok: false; error: string } {
  if (d.keys.event !== undefined) {
    const named = check(z.looseObject({ [d.keys.event]: name }), input, d.label);
    return named.ok ? { ok: true, data: named.data[d.keys.event] as string } : named;
  }
  // Copilot CLI camelCase: the hook command is told the event; its notification names itself in PascalCase.
  const event = hinted ?? lowerFirst(input.hook_event_name);
  if (event === undefined) {
    return {
      ok: false,
      error: `${d.label} has no event name: camelCase events send none, so the hook command must be given it (for example: copilot-cli preToolUse)`,
    };
  }
  return check(name, event, `${d.label}: event argument`);
}

function parseAs(d: Dialect, input: JsonObject, event: string): ParseResult {
  const k = d.keys;
  const rule = Object.hasOwn(d.events, event) ? d.events[event] : undefined;
  // An event the pager does not use is left alone whatever else it carries.
  if (rule === undefined) return { result: 'ignored', agent: d.agent, event, why: 'not an event the pager acts on' };
  const label = `${d.label} (${event})`;
  const head = check(
    z.looseObject({
      cwd: absolutePath,
      [k.session]: optionalId,
      ...(k.transcript ? { [k.transcript]: optionalPath } : {}),
      ...(k.lastMessage ? { [k.lastMessage]: optionalText } : {}),
    }),
    input,
    label,
  );
  if (!head.ok) return invalid(head.error);
  const data = head.data as JsonObject;
  const base: HookEvent = {
    agent: d.agent,
    kind: 'finished',
    event,
    fieldCase: d.agent === 'copilot-cli' ? (d === COPILOT_CAMEL ? 'camel' : 'snake') : undefined,
    cwd: data.cwd as string,
    sessionId: data[k.session] as string | undefined,
    transcriptPath: k.transcript ? (data[k.transcript] as string | undefined) : undefined,
  };
  switch (rule) {
    case 'started':
      return found({ ...base, kind: 'started' });
    case 'finished':
      return found({ ...base, kind: 'finished', lastMessage: nonEmpty(k.lastMessage ? data[k.lastMessage] : undefined) });
    case 'notification': {
      const note = check(z.looseObject({ notification_type: name, message: optionalText }), input, label);
      if (!note.ok) return invalid(note.error);
      const waitingFor = d.notifications?.[note.data.notification_type];
      if (waitingFor === undefined) {
        return { result: 'ignored', agent: d.agent, event, why: `notification_type ${note.data.notification_type}` };
      }
      return found({ ...base, kind: 'waiting', waitingFor, message: nonEmpty(note.data.message) });
    }
    case 'tool': {
      const call = check(z.looseObject({ [k.toolName]: name }), input, label);
      if (!call.ok) return invalid(call.error);
      const args = k.toolArgs.map((key) => input[key]).find((v) => v !== undefined);
      return found({ ...base, kind: 'permission', tool: toolOf(call.data[k.toolName] as string, args) });
    }
  }
}

function found(event: HookEvent): ParseResult {
  return { result: 'event', event: compact(event) };
}

/** The event without keys whose value is undefined, so it compares and serialises as it reads. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function lowerFirst(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value[0]!.toLowerCase() + value.slice(1) : undefined;
}
