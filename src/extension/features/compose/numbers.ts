// The From choices: the account's leased numbers that can send iMessage (GET /numbers/leased).
// Failing to list them is not fatal: the panel says why and the user can type a number.
import { MissingTokenError } from '../../../core/client/errors';
import type { NumbersState } from '../../../shared/compose';
import { legacyModeNotice, readClient } from '../../services/read-client';
import type { Services } from '../../services';

export async function loadLeasedNumbers(services: Services): Promise<NumbersState> {
  try {
    const legacy = legacyModeNotice(services, 'Listing your leased numbers');
    if (legacy) return { status: 'error', message: `${legacy} Type the number to send from.` };
    const client = await readClient(services, false);
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
