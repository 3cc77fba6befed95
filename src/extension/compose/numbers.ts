// The From choices: the account's leased numbers that can send iMessage (GET /numbers/leased).
// Failing to list them is not fatal: the panel says why and the user can type a number.
import { MissingTokenError } from '../../core/client/errors';
import type { NumbersState } from '../../shared/protocol';
import { clientForSettings } from '../settings-client';
import type { Services } from '../services';

export async function loadLeasedNumbers(services: Pick<Services, 'config' | 'tokens' | 'log'>): Promise<NumbersState> {
  try {
    const { client, settings } = await clientForSettings(services);
    if (settings.legacy) return { status: 'error', message: 'The legacy API cannot list leased numbers: type the number to send from.' };
    const envelope = await client.leasedNumbers({ onEvent: (e) => services.log.clientEvent(e) });
    const numbers = envelope.data.numbers
      .filter((n) => n.lease_status === 'active' && (n.capabilities?.channels ?? []).includes('imessage'))
      .map((n) => ({ e164: n.number.e164, label: n.number.formatted && n.number.formatted !== n.number.e164 ? `${n.number.formatted} (${n.number.e164})` : n.number.e164 }));
    return { status: 'ok', numbers };
  } catch (error) {
    if (error instanceof MissingTokenError) {
      return { status: 'error', message: 'No API token is set ("iMessage: Set API Token"), so your leased numbers cannot be listed. You can type a number.' };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'error', message: `Your leased numbers could not be loaded: ${message} You can type a number.` };
  }
}
