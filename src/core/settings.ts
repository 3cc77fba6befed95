// The shape of the `imessage.*` settings, checked once here so that every reader gets typed,
// valid values or a message that names the setting.
import * as z from 'zod';
import { NOTIFY_SETTING_IDS, notifySettingsShape } from './notify/settings';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Loopback is the one place plain http:// may carry the token (the local sandbox). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

export const baseUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
    return;
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'must not contain credentials; the token is kept in the secret store' });
  } else if (url.protocol === 'http:' && !isLoopback(url)) {
    ctx.addIssue({ code: 'custom', message: `uses plain http:// for ${url.hostname}: the token would cross the network in clear. Use https://, or http:// only for 127.0.0.1/localhost` });
  } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `must be an https:// URL (got ${url.protocol})` });
  }
});

export const settingsSchema = z.object({
  baseUrl: baseUrl.default('https://api.contiguity.com'),
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  apiVersion: z.enum(['current', 'legacy'], { error: 'must be "current" or "legacy"' }).default('current'),
  legacyBaseUrl: baseUrl.default('https://api.contiguity.co'),
  defaultCountry: z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as US').default('US'),
  defaultRecipient: z.string().default(''),
  from: z.string().default(''),
  contacts: z.record(z.string(), z.string()).default({}),
  confirmAboveChars: z.number().int().min(0).default(1000),
  ...notifySettingsShape,
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
  ...NOTIFY_SETTING_IDS,
};

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; setting: string; message: string };

export function readSettings(raw: Partial<Record<keyof Settings, unknown>>): SettingsResult {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0] as keyof Settings;
  return { ok: false, setting: SETTING_IDS[key] ?? String(key), message: `${SETTING_IDS[key] ?? String(key)} ${issue.message}` };
}
