import { randomBytes } from 'node:crypto';
import type { DeliveryTiming, EntitlementName, EntitlementStatus, LeasedNumber, NumberChannel, LeaseStatus, PacingOptions } from './types';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PACING: PacingOptions = { perSecond: 1, burst: 5 };
/** Slow enough to watch each step on the inbox page, quick enough not to wait for. */
export const DEFAULT_TIMING: DeliveryTiming = { sentMs: 300, deliveredMs: 900, readMs: 4000 };
export const AGREEMENT_BASE = 'https://api.contiguity.com/entitlements/';

export const DEFAULT_ENTITLEMENTS: Record<EntitlementName, EntitlementStatus> = {
  fast_track: 'available',
  imessage: 'granted',
  sms: 'granted',
};

export const ENTITLEMENT_DESCRIPTIONS: Record<string, string> = {
  fast_track: 'Bypass recommended rate limiting on leased numbers',
  imessage: 'Send and receive iMessages from leased numbers',
  sms: 'Send and receive SMS',
};

/** A recipient that has no iMessage by default, so the "unsupported" paths can be tried by hand. */
export const DEFAULT_UNREACHABLE = ['+15550000404'];

export const DEFAULT_CLI_PORT = 4010;
/** Stable so a token saved once in VS Code keeps working across `npm run sandbox` restarts; it guards nothing real. */
export const DEFAULT_CLI_TOKEN = 'contiguity_sk_sandbox_local';

export function defaultToken(): string {
  return `contiguity_sk_sandbox_${randomBytes(16).toString('hex')}`;
}

export function leasedNumber(e164: string, channels: NumberChannel[], status: LeaseStatus = 'active'): LeasedNumber {
  const d = e164.slice(2);
  const nanp = /^\+1\d{10}$/.test(e164);
  return {
    id: `num_${e164.slice(1)}`,
    number: { e164, formatted: nanp ? `+1 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : e164 },
    capabilities: { intl_sms: false, channels },
    lease_status: status,
    location: { country: 'US', region: 'CA', city: 'San Francisco' },
    carrier: 'Sandbox Wireless',
  };
}

// Area code 555 is not in service, so a config copied from the sandbox cannot message a real person.
export function defaultNumbers(): LeasedNumber[] {
  return [
    leasedNumber('+15550000001', ['sms', 'mms', 'imessage']),
    leasedNumber('+15550000002', ['sms', 'mms']),
    leasedNumber('+15550000003', ['sms', 'imessage'], 'expired'),
  ];
}
