// A client for the current API's read-only endpoints (entitlements, leased numbers, message
// status). Reads are safe to retry; sends never come through here, they go through the sender.
import { ContiguityClient } from '../../core/client/client';
import type { Services } from './index';
import { requireToken } from '../features/token/commands';

export async function readClient(services: Services, interactive: boolean): Promise<ContiguityClient> {
  const settings = services.config.read();
  const token = await requireToken(services, interactive);
  return new ContiguityClient({ baseUrl: settings.baseUrl, token, timeoutMs: settings.timeoutMs });
}

/** The legacy API has only /send/text: read-only features say so instead of calling an endpoint it lacks. */
export function legacyModeNotice(services: Services, what: string): string | undefined {
  if (services.config.read().apiVersion !== 'legacy') return undefined;
  return `${what} needs the current API: the legacy API (imessage.api.version is "legacy") has no such endpoint.`;
}
