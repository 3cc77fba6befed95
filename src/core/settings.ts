// The shape of the `imessage.*` settings, checked once here so that every reader gets typed,
// valid values or a message that names the setting.
import * as z from './zod';
import { URL_FORBIDDEN } from './limits';
import { AGENT_SETTING_IDS, agentSettingsShape } from './agent/settings';
import { AGENT_HOOKS_SETTING_IDS, agentHooksSettingsShape } from './agent-hooks/settings';
import { NOTIFY_SETTING_IDS, notifySettingsShape } from './notify/settings';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Loopback is the one place plain http:// may carry the token (the local sandbox). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** The path every send goes to, appended to a base URL; a base URL must not change where it lands. */
const PROBE_PATH = '/send/imessage';

/**
 * Why `value` cannot be a base URL, or undefined. The request URL is `<base>/send/imessage` as
 * text, so anything the URL parser would rewrite or read differently (a query or fragment that
 * swallows the path, a backslash, dot segments, whitespace, credentials) is refused rather than
 * trusted to land where the user expects.
 */
export function baseUrlProblem(value: string): string | undefined {
  if (value.includes('\\')) return 'must not contain a backslash';
  if (URL_FORBIDDEN.test(value)) return 'must not contain spaces, line breaks or control characters';
  if (value.includes('?')) return 'must not contain a query (?…): the request path would end up inside it';
  if (value.includes('#')) return 'must not contain a fragment (#…): the request path would end up inside it';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(value)) {
    return 'must not contain credentials (user@ or user:password@); the token is kept in the secret store';
  }
  if (url.protocol === 'http:' && !isLoopback(url)) {
    return `uses plain http:// for ${url.hostname}: the token would cross the network in clear. Use https://, or http:// only for 127.0.0.1/localhost`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an https:// URL (got ${url.protocol})`;
  // Checked on the text as typed: the parser has already resolved `..` and `%2e%2e` in url.pathname.
  if (/\/(\.|%2e){1,2}(\/|$)/i.test(value) || /%2f|%5c/i.test(value)) {
    return 'must not contain . or .. path segments or encoded slashes';
  }
  // Last word: the URL a send really goes to must be this base's origin and path plus /send/imessage.
  const target = new URL(value.replace(/\/+$/, '') + PROBE_PATH);
  if (target.origin !== url.origin || target.pathname !== url.pathname.replace(/\/+$/, '') + PROBE_PATH) {
    return `would send to ${target.origin}${target.pathname} instead of ${url.origin}${url.pathname.replace(/\/+$/, '')}${PROBE_PATH}`;
  }
  return undefined;
}

export const baseUrl = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** A contact name must not itself read as an address: "+14155552671" → someone else would be a trap. */
const contacts = z.record(z.string(), z.string()).check(
  z.superRefine((value, ctx) => {
    for (const name of Object.keys(value)) {
      if (/^\s*\+?[\d\s().-]{5,}\s*$/.test(name) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name.trim())) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `has a contact named "${name}", which is itself a phone number or email address: a name must not look like an address`,
        });
        return;
      }
    }
  }),
);

export const settingsSchema = z.object({
  baseUrl: z._default(baseUrl, 'https://api.contiguity.com'),
  timeoutMs: z._default(z.number().check(z.int(), z.gte(1000), z.lte(120_000)), 15_000),
  apiVersion: z._default(z.enum(['current', 'legacy'], { error: 'must be "current" or "legacy"' }), 'current'),
  legacyBaseUrl: z._default(baseUrl, 'https://api.contiguity.co'),
  defaultCountry: z._default(z.string().check(z.regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as US')), 'US'),
  defaultRecipient: z._default(z.string(), ''),
  from: z._default(z.string(), ''),
  contacts: z._default(contacts, {}),
  confirmAboveChars: z._default(z.number().check(z.int(), z.gte(0)), 1000),
  markRead: z._default(z.boolean(), true),
  ...notifySettingsShape,
  ...agentSettingsShape,
  ...agentHooksSettingsShape,
});

export type Settings = z.infer<typeof settingsSchema>;

/** Setting ids as the user sees them, for error messages. */
export const SETTING_IDS: Record<keyof Settings, string> = {
  baseUrl: 'imessage.api.baseUrl',
  timeoutMs: 'imessage.api.timeoutMs',
  apiVersion: 'imessage.api.version',
  legacyBaseUrl: 'imessage.api.legacyBaseUrl',
  defaultCountry: 'imessage.defaultCountry',
  defaultRecipient: 'imessage.defaultRecipient',
  from: 'imessage.from',
  contacts: 'imessage.contacts',
  confirmAboveChars: 'imessage.confirmAboveChars',
  markRead: 'imessage.conversations.markRead',
  ...NOTIFY_SETTING_IDS,
  ...AGENT_SETTING_IDS,
  ...AGENT_HOOKS_SETTING_IDS,
};

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; setting: string; message: string };

export function readSettings(raw: Partial<Record<keyof Settings, unknown>>): SettingsResult {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0] as keyof Settings;
  return { ok: false, setting: SETTING_IDS[key] ?? String(key), message: `${SETTING_IDS[key] ?? String(key)} ${issue.message}` };
}
