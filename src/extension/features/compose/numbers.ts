// The From choices: the account's leased numbers that can send iMessage (GET /numbers/leased).
// Failing to list them is not fatal: the panel says why and the user can type a number.
import { MissingTokenError } from '../../../core/client/errors';
import { redactedMessage } from '../../../core/redact';
import type { NumbersState } from '../../../shared/compose';
import type { Services } from '../../services';
import { LegacyModeError, leasedIMessageNumbers } from '../../services/leased-numbers';

export async function loadLeasedNumbers(services: Services): Promise<NumbersState> {
  try {
    const { eligible } = await leasedIMessageNumbers(services, 'Listing your leased numbers');
    const numbers = eligible.map((n) => ({
      e164: n.e164,
      label: n.formatted && n.formatted !== n.e164 ? `${n.formatted} (${n.e164})` : n.e164,
    }));
    return { status: 'ok', numbers };
  } catch (error) {
    if (error instanceof LegacyModeError) return { status: 'error', message: `${error.message} Type the number to send from.` };
    if (error instanceof MissingTokenError) {
      return {
        status: 'error',
        message: 'No API token is set ("iMessage: Set API Token"), so your leased numbers cannot be listed. You can type a number.',
      };
    }
    return { status: 'error', message: `Your leased numbers could not be loaded: ${redactedMessage(error)} You can type a number.` };
  }
}
