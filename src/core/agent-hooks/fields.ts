// What every agent's input is made of, checked once: bounded JSON, the fields the formats share
// (paths, ids, names), and the tool call read down to what a person needs to decide on it. Hook
// input is hostile: a repository's own hook file can run the command with anything on stdin.
import { nestingProblem } from '../payload/json-guard';
import * as z from '../zod';
import { MAX_HOOK_INPUT_BYTES } from './channel-protocol';
import type { HookTool, ParseResult } from './events';

/** Defined with the channel, whose hook reads no more than this. */
export { MAX_HOOK_INPUT_BYTES };

const MAX_PATH_CHARS = 4096;
const MAX_ID_CHARS = 512;
const MAX_NAME_CHARS = 256;
/** The most of a command line or path kept for the text (texts.ts shows less). */
const MAX_SUMMARY_CHARS = 2000;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** POSIX (`/…`), Windows drive (`C:\…`, `C:/…`) or UNC (`\\server\…`) paths. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

export type JsonObject = Record<string, unknown>;
type Read = { ok: true; value: JsonObject } | { ok: false; error: string };

/** The hook input as a JSON object, refused before parsing when it is too big or nests too deep. */
export function readJsonObject(text: string): Read {
  // Every UTF-16 unit takes at least one UTF-8 byte, so the length alone rejects the biggest inputs unencoded.
  const bytes = text.length > MAX_HOOK_INPUT_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_HOOK_INPUT_BYTES) {
    return { ok: false, error: `hook input is over ${MAX_HOOK_INPUT_BYTES.toLocaleString('en-US')} bytes (1 MiB); nothing was read` };
  }
  if (text.trim() === '') return { ok: false, error: 'hook input is empty: the agent passes JSON on stdin (Codex: as the last argument)' };
  if (nestingProblem(text, () => '')) return { ok: false, error: 'hook input nests too deep to be a hook input' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the input; it is not repeated anywhere.
    return { ok: false, error: 'hook input is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `hook input must be a JSON object, not ${typeName(value)}` };
  }
  return { ok: true, value: value as JsonObject };
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const string = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : `must be a string, not ${typeName(issue.input)}`) });

const bounded = (max: number) =>
  string().check(
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((v) => !CONTROL.test(v), 'must not contain control characters'),
  );

/** The agent's working directory: where the window is found and the repository named. */
export const absolutePath = bounded(MAX_PATH_CHARS).check(
  z.refine((v) => v.trim() !== '', 'must not be empty'),
  z.refine((v) => ABSOLUTE.test(v), 'must be an absolute path'),
);
export const optionalPath = z.optional(bounded(MAX_PATH_CHARS));
export const optionalId = z.optional(bounded(MAX_ID_CHARS));
export const name = bounded(MAX_NAME_CHARS).check(z.refine((v) => v.trim() !== '', 'must not be empty'));
/** Free text from the agent (its last message, a notification): bounded only by the input's size. */
export const optionalText = z.optional(z.nullable(string()));

/** `raw` checked against `schema`; an error names the agent, the event and the field as the agent spells it. */
export function check<T>(schema: z.ZodMiniType<T>, raw: unknown, label: string): { ok: true; data: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : 'input';
  return { ok: false, error: `${label}: ${field} ${issue.message}` };
}

export function invalid(error: string): ParseResult {
  return { result: 'invalid', error };
}

/**
 * What a tool call does, from its arguments: a command line (Claude's Bash and PowerShell, Copilot's
 * bash, VS Code's run_in_terminal all call it `command`), else the file or URL it touches. Only
 * top-level fields are read, so no argument shape makes this recurse. Copilot CLI may pass the
 * arguments as a JSON string.
 */
export function toolOf(toolName: string, args: unknown): HookTool {
  const fields = asObject(typeof args === 'string' ? parseArgs(args) : args);
  const command = firstString(fields, ['command', 'cmd']);
  if (command !== undefined) return { name: toolName, summary: command.slice(0, MAX_SUMMARY_CHARS), isCommand: true };
  const files = Array.isArray(fields.files) ? fields.files.filter((f): f is string => typeof f === 'string') : [];
  const target = firstString(fields, ['file_path', 'filePath', 'notebook_path', 'path', 'url']) ?? files.slice(0, 3).join(', ');
  return { name: toolName, summary: target.slice(0, MAX_SUMMARY_CHARS), isCommand: false };
}

function parseArgs(text: string): unknown {
  if (nestingProblem(text, () => '')) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function firstString(fields: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}
