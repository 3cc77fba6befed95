// GET /numbers/leased, narrowed to what can send iMessage: active leases with the imessage channel.
import type { Services } from '.';
import type { AskForToken } from './auth';
import { legacyModeNotice, readClient } from './read-client';

export interface LeasedNumber {
  e164: string;
  formatted?: string;
  channels: string[];
}

export interface LeasedNumbers {
  /** How many numbers the account leases in all. */
  total: number;
  eligible: LeasedNumber[];
}

export async function leasedIMessageNumbers(services: Services, what: string, ask?: AskForToken): Promise<LeasedNumbers> {
  const legacy = legacyModeNotice(services, what);
  if (legacy) throw new LegacyModeError(legacy);
  const client = await readClient(services, ask);
  const { data } = await client.leasedNumbers({ onEvent: (e) => services.log.clientEvent(e) });
  const eligible = data.numbers
    .filter((n) => n.lease_status === 'active' && (n.capabilities?.channels ?? []).includes('imessage'))
    .map((n) => ({
      e164: n.number.e164,
      ...(n.number.formatted ? { formatted: n.number.formatted } : {}),
      channels: n.capabilities?.channels ?? [],
    }));
  return { total: data.numbers.length, eligible };
}

/** The legacy API has no such endpoint; the message says so. */
export class LegacyModeError extends Error {}
