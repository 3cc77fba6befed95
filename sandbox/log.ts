// One log line per request: what a person watching the terminal wants to see, never the token.
import { redactAuthorization } from './auth';

const WORDS = 6;
const CHARS = 48;
// Terminal control (C0, DEL, C1) and bidi overrides: hostile text must not repaint the terminal.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export interface LogFacts {
  method: string;
  target: string;
  outcome: number | string;
  ms: number;
  /** API requests say how they authenticated; the page and control routes take no token. */
  api?: { authorization: string | string[] | undefined };
  body?: unknown;
  fault?: string;
}

export function logLine(f: LogFacts): string {
  const parts = [`${f.method} ${f.target} → ${f.outcome}`, `${f.ms}ms`, ...bodyFacts(f.body)];
  if (f.api) parts.push(`auth=${redactAuthorization(f.api.authorization)}`);
  if (f.fault) parts.push(`fault=${f.fault}`);
  return parts.join(' ');
}

function bodyFacts(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['from', 'to'] as const) if (typeof b[key] === 'string') out.push(`${key}=${clean(b[key] as string, 40)}`);
  if (typeof b.message === 'string') out.push(JSON.stringify(firstWords(b.message)));
  return out;
}

export function firstWords(text: string): string {
  const words = text.replace(UNSAFE, ' ').trim().split(/\s+/);
  let out = words.slice(0, WORDS).join(' ');
  if (out.length > CHARS) out = out.slice(0, CHARS);
  return out.length < text.trim().length ? `${out}…` : out;
}

function clean(text: string, max: number): string {
  const safe = text.replace(UNSAFE, '?').replace(/\s/g, '_');
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}
