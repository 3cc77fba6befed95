// Recipients are sent in E.164. A number typed the way people write it is read with the
// default country; the phone metadata is loaded only then, since E.164 needs none.
import { E164_PATTERN } from './schema';
import { ValidationError } from './client/errors';

export type Recipient =
  | { kind: 'phone'; value: string }
  | { kind: 'email'; value: string; warning: string };

export const EMAIL_WARNING =
  'Sending iMessage to an iCloud email address is allowed by Contiguity but delivery is unpredictable; a phone number is more reliable.';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PUNCTUATION = /[\s().\-\u00a0\u2010-\u2015]/g;

type PhoneLib = typeof import('./phone-lib');
let phoneLib: Promise<PhoneLib> | undefined;
/** How many times the metadata was loaded (0 until a national number is seen). */
export const phoneMetadataLoads = { count: 0 };

function loadPhoneLib(): Promise<PhoneLib> {
  if (!phoneLib) {
    phoneMetadataLoads.count++;
    phoneLib = import('./phone-lib');
  }
  return phoneLib;
}

/**
 * Turn what a user typed into a recipient the API accepts.
 * @param field named in the error, e.g. "to" or "fallback.from"
 */
export async function normaliseRecipient(input: string, defaultCountry: string, field = 'to'): Promise<Recipient> {
  const trimmed = input.trim();
  if (trimmed === '') throw new ValidationError(field, 'is empty: give a phone number like +14155552671');
  if (E164_PATTERN.test(trimmed)) return { kind: 'phone', value: trimmed };
  if (EMAIL.test(trimmed)) return { kind: 'email', value: trimmed.toLowerCase(), warning: EMAIL_WARNING };
  return { kind: 'phone', value: await normalisePhone(trimmed, defaultCountry, field) };
}

/** A sender number: only phone numbers, never an email. */
export async function normalisePhone(input: string, defaultCountry: string, field = 'from'): Promise<string> {
  const trimmed = input.trim();
  const compact = trimmed.replace(PHONE_PUNCTUATION, '');
  if (E164_PATTERN.test(compact)) return compact;
  if (!/^\+?[\d\s().\-\u00a0\u2010-\u2015]+$/.test(trimmed) || !/\d/.test(trimmed)) {
    throw new ValidationError(field, `"${input}" is not a phone number (expected something like +14155552671)`);
  }
  const { parsePhoneNumberFromString } = await loadPhoneLib();
  const country = trimmed.startsWith('+') ? undefined : (defaultCountry.toUpperCase() as Parameters<typeof parsePhoneNumberFromString>[1]);
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (!parsed || !parsed.isValid()) {
    const how = trimmed.startsWith('+') ? '' : ` read as a ${defaultCountry} number (imessage.defaultCountry)`;
    throw new ValidationError(field, `"${input}" is not a valid phone number${how}; use E.164 like +14155552671`);
  }
  return parsed.number;
}
