// A client for the current API's read-only endpoints (entitlements, leased numbers, message
// status). Reads are safe to retry; sends never come through here, they go through the sender.
import { ContiguityClient } from '../../core/client/client';
import { AuthError } from '../../core/client/errors';
import { type AskForToken, requireToken } from './auth';
import type { Config } from './config';
import type { Log } from './log';
import type { TokenStore } from './secrets';
import { reach } from './milestones';

/** What a read needs; the conversations service holds just these, not every service. */
export interface ReadDeps {
  config: Config;
  tokens: TokenStore;
  log: Log;
}

export async function readClient(deps: ReadDeps, ask?: AskForToken): Promise<ContiguityClient> {
  const settings = deps.config.read();
  const token = await requireToken(deps, ask);
  return new ContiguityClient({ baseUrl: settings.baseUrl, token, timeoutMs: settings.timeoutMs });
}

/** The legacy API has only /send/text: read-only features say so instead of calling an endpoint it lacks. */
export function legacyModeNotice(deps: Pick<ReadDeps, 'config'>, what: string): string | undefined {
  if (deps.config.read().apiVersion !== 'legacy') return undefined;
  return `${what} needs the current API: the legacy API (imessage.api.version is "legacy") has no such endpoint.`;
}

const ENTITLEMENT_LABELS: Record<string, string> = { imessage: 'iMessage', fast_track: 'Fast Track', sms: 'SMS' };

export interface TokenCheck {
  valid: boolean;
  entitlements?: { name: string; status: string }[];
  message: string;
  /** The legacy API has nothing to check against: `valid` is false without a verdict. */
  unchecked?: boolean;
}

/**
 * The one GET /entitlements: is the token valid and what may it do. A refused token is an answer
 * (`valid: false`); any other failure (network, server) rejects.
 */
export async function checkToken(services: ReadDeps, ask?: AskForToken): Promise<TokenCheck> {
  const legacy = legacyModeNotice(services, 'Checking the token');
  if (legacy) return { valid: false, unchecked: true, message: `${legacy} Sending through it is the only check.` };
  const client = await readClient(services, ask);
  try {
    const envelope = await client.entitlements({ onEvent: (e) => services.log.clientEvent(e) });
    const entitlements = envelope.data.entitlements.map((e) => ({ name: e.name, status: e.status }));
    const summary = entitlements.map((e) => `${ENTITLEMENT_LABELS[e.name] ?? e.name}: ${e.status}`).join(', ');
    reach('tokenVerified');
    return { valid: true, entitlements, message: `The API token is valid. ${summary || 'No entitlements listed'}.` };
  } catch (error) {
    if (error instanceof AuthError) return { valid: false, message: `Contiguity refused the API token (${error.message}).` };
    throw error;
  }
}
