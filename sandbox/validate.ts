// Hand-written field checks. Every message names the field in backticks, because the client
// shows `data.error` to the user and tests assert on the field name.
import { badRequest } from './errors';

export const E164 = /^\+[1-9]\d{6,14}$/;
// Loose on purpose: the contract only says an iCloud email is "tolerated".
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FILE_EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Strictness: an unknown key is usually a client typo that the real API might silently ignore. */
export function rejectUnknown(obj: JsonObject, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw badRequest(`Unknown field \`${prefix}${key}\`; allowed: ${allowed.map((k) => prefix + k).join(', ')}`);
    }
  }
}

export function requireObject(value: unknown, field: string): JsonObject {
  if (!isObject(value)) throw badRequest(`\`${field}\` must be an object, got ${describe(value)}`);
  return value;
}

export function requireString(value: unknown, field: string): string {
  if (value === undefined) throw badRequest(`\`${field}\` is required`);
  if (typeof value !== 'string') throw badRequest(`\`${field}\` must be a string, got ${describe(value)}`);
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requireString(value, field);
}

/** For fields documented as `string or null`: undefined and null both mean "not given". */
export function nullableString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`\`${field}\` must be a string or null, got ${describe(value)}`);
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`\`${field}\` must be a boolean, got ${describe(value)}`);
  return value;
}

export function requireE164(value: string, field: string): string {
  if (!E164.test(value)) {
    throw badRequest(`\`${field}\` must be an E.164 phone number such as +14155552671, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireRecipient(value: string, field: string): string {
  if (!E164.test(value) && !EMAIL.test(value)) {
    throw badRequest(`\`${field}\` must be an E.164 phone number such as +14155552671 or an email address, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** `https://` and a file extension on the path, as documented; the query string may follow. */
export function requireAttachmentUrl(value: string, field: string): string {
  let url: URL | undefined;
  // new URL() trims surrounding whitespace; a client that sends it has a bug worth surfacing.
  if (!/\s/.test(value)) {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (!url) throw badRequest(`\`${field}\` is not a valid URL: ${JSON.stringify(value)}`);
  if (url.protocol !== 'https:') throw badRequest(`\`${field}\` must be an https:// URL, got ${JSON.stringify(value)}`);
  if (!FILE_EXTENSION.test(url.pathname)) {
    throw badRequest(`\`${field}\` must point to a file whose path ends in an extension (.jpg, .pdf, ...), got ${JSON.stringify(value)}`);
  }
  return value;
}
