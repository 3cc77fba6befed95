// Checks that depend on the account (entitlements, leased numbers), shared by several routes.
import { AGREEMENT_BASE } from './defaults';
import { ApiError, badRequest } from './errors';
import type { SandboxState } from './state';

/** "Only customers who lease iMessage-capable numbers can use it": 403 with the agreement link. */
export function requireImessage(state: SandboxState): void {
  if (state.entitlement('imessage') !== 'granted') {
    throw new ApiError(403, 'The iMessage entitlement is not granted on this account', {
      agreementUrl: `${AGREEMENT_BASE}imessage`,
    });
  }
}

export function requireFastTrack(state: SandboxState): void {
  if (state.entitlement('fast_track') !== 'granted') {
    throw new ApiError(403, '`fast_track` needs the Fast Track entitlement, which is not granted on this account', {
      agreementUrl: `${AGREEMENT_BASE}fast_track`,
    });
  }
}

/** Resolves `from` to an active leased iMessage number, or picks one as Contiguity does when omitted. */
export function resolveFrom(state: SandboxState, from: string | null, field: string): string {
  if (from === null) {
    const picked = state.defaultImessageNumber();
    // Not a validation error: the account simply has nothing to send from.
    if (!picked) throw new ApiError(403, `\`${field}\` was omitted and the account has no active leased iMessage number`);
    return picked;
  }
  const leased = state.findNumber(from);
  if (!leased) throw badRequest(`\`${field}\` ${from} is not one of your leased numbers`);
  if (!leased.capabilities.channels.includes('imessage')) {
    throw badRequest(`\`${field}\` ${from} cannot send iMessage (channels: ${leased.capabilities.channels.join(', ')})`);
  }
  if (leased.lease_status !== 'active') {
    throw badRequest(`\`${field}\` ${from} is not active (lease ${leased.lease_status})`);
  }
  return from;
}
