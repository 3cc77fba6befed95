// A ContiguityClient for the current settings and stored token, for the read-only calls features
// make outside the sender (leased numbers, entitlements, message status). Sending stays in sender.ts.
import { type ClientOptions, ContiguityClient } from '../core/client/client';
import { MissingTokenError } from '../core/client/errors';
import type { Settings } from '../core/settings';
import type { Config } from './config';
import type { TokenStore } from './secrets';

export interface SettingsClient {
  client: ContiguityClient;
  settings: Settings;
}

/** Throws the settings' ValidationError, or MissingTokenError when no token is stored; never prompts. */
export async function clientForSettings(deps: { config: Config; tokens: TokenStore }, options: Partial<ClientOptions> = {}): Promise<SettingsClient> {
  const settings = deps.config.read();
  const token = await deps.tokens.get();
  if (!token) throw new MissingTokenError();
  const client = new ContiguityClient({ baseUrl: settings.baseUrl, token, timeoutMs: settings.timeoutMs, legacy: settings.legacy, ...options });
  return { client, settings };
}
