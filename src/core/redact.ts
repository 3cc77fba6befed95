// The one redactor: every text that leaves the extension for a person or another extension (log,
// notifications, the webview, stored history and recents, rejected errors, dry run, cURL) passes
// through here. A server or proxy may echo the Authorization header back in any encoding, so the
// known token is matched in every form such an echo takes, not only as typed.
export const REDACTED = '«redacted»';

/** Anything that looks like a Contiguity secret key, known to us or not. */
const TOKEN_SHAPE = /contiguity_sk_[A-Za-z0-9_-]+/g;
/**
 * The credential after `Bearer`/`Token`, wherever it appears (an echoed header, a cURL line). Only
 * credential-like words (16+ characters with a digit or `_`) count, so prose such as "Token
 * verification" is left alone; `(?:%20|\+|\s)` also catches `Bearer%20…` and form-encoded `Bearer+…`.
 */
const AUTH_SCHEME = /\b(Bearer|Token)((?:\s|%20|\+)+)(?=[A-Za-z0-9._~+/=-]*[\d_])[A-Za-z0-9._~+/=%-]{16,}/gi;

/** Whatever follows an Authorization header name, any scheme, any value. */
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?(?:Bearer|Token|Basic)?\s*)[^\s"',}]+/gi;

/** Tokens this session has seen (set, read or used), so text that did not come from us is cleaned too. */
const known = new Set<string>();
let compiled: { key: string; patterns: RegExp[] } | undefined;

/** Remember a secret for every later `redact` call. Secrets shorter than 8 characters are not matched (too many false hits). */
export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= 8) known.add(secret);
}

/** Test seam and token clearing: forget every remembered secret. */
export function forgetSecrets(): void {
  known.clear();
}

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const pattern of patternsFor([...known, ...secrets.filter((s): s is string => !!s && s.length >= 8)])) {
    out = out.replace(pattern, REDACTED);
  }
  return out
    .replace(TOKEN_SHAPE, REDACTED)
    .replace(AUTH_HEADER, `$1${REDACTED}`)
    .replace(AUTH_SCHEME, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`);
}

/** What a caught value says, redacted: for errors shown or kept where an Error object is not. */
export function redactedMessage(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}

/** `value` with every string in it (keys included) redacted; for envelopes, webview messages and stored records. */
export function redactValue<T>(value: T, secrets: readonly (string | undefined)[] = [], depth = 0): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  // Deeper than any envelope we build; a hostile server's 10 000-level JSON is cut, not walked.
  if (depth > 64) return REDACTED as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k, secrets), redactValue(v, secrets, depth + 1)])) as T;
  }
  return value;
}

/**
 * `error` with every text a server or the transport put in it redacted, in place, so that whoever
 * receives it (a notification, the webview, history, another extension) cannot see the token. The
 * cause is dropped: fetch's causes can quote header values.
 */
export function redactError<E extends Error>(error: E, secrets: readonly (string | undefined)[] = []): E {
  const fields = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key === 'cause') delete fields[key];
    else fields[key] = redactValue(fields[key], secrets);
  }
  Object.defineProperty(error, 'message', { value: redact(error.message, secrets), configurable: true, writable: true });
  if (error.stack) Object.defineProperty(error, 'stack', { value: redact(error.stack, secrets), configurable: true, writable: true });
  if ('cause' in error) Object.defineProperty(error, 'cause', { value: undefined, configurable: true, writable: true });
  return error;
}

function patternsFor(secrets: string[]): RegExp[] {
  const unique = [...new Set(secrets)].sort();
  const key = unique.join('\n');
  if (compiled?.key !== key) compiled = { key, patterns: unique.flatMap(secretPatterns) };
  return compiled.patterns;
}

/**
 * One pattern per secret matching it raw, percent-encoded (any mix, either hex case), form-encoded,
 * JSON-escaped (`\"`, `\\`, `\/`, `\u00XX`), as HTML character references, and wrapped across lines
 * (a line break, or a JSON `\n`, between any two characters); plus its base64 at each of the three
 * alignments it can have inside a longer base64 text (a `Basic` header, a JWT-like blob).
 */
function secretPatterns(secret: string): RegExp[] {
  const wrap = String.raw`(?:\r?\n[ \t]*|(?:\\r)?\\n)?`;
  const chars = [...secret].map(charForms);
  const patterns = [new RegExp(chars.join(wrap), 'g')];
  for (const b64 of base64Cores(secret)) patterns.push(new RegExp([...b64].map(escapeRegExp).join(wrap), 'g'));
  return patterns;
}

function charForms(ch: string): string {
  const code = ch.codePointAt(0)!;
  const forms = [escapeRegExp(ch)];
  if (code < 0x80) {
    forms.push(`%${hexAnyCase(code, 2)}`, String.raw`\\u${hexAnyCase(code, 4)}`, `&#0*${code};`, `&#[xX]0*${hexAnyCase(code, 0)};`);
    if (ch === ' ') forms.push(String.raw`\+`);
    if (ch === '"' || ch === '\\' || ch === '/') forms.push(String.raw`\\` + escapeRegExp(ch));
  }
  return `(?:${forms.join('|')})`;
}

/** A hex number matched in either case: 0x2f as `[2][fF]`, padded to `width` digits. */
function hexAnyCase(code: number, width: number): string {
  return [...code.toString(16).padStart(width, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

/** The base64 characters that depend only on the secret's bytes, at each byte alignment, standard and URL-safe. */
function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const encoded = toBase64(padded);
    const from = Math.ceil((8 * shift) / 6);
    const to = Math.floor((8 * (shift + bytes.length)) / 6);
    const core = encoded.slice(from, to);
    if (core.length >= 8) {
      cores.add(core);
      cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...cores];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Plain base64 without padding; this module also runs in the webview, where Buffer does not exist. */
function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
