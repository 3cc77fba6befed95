// Recipients are sent in E.164. A number typed the way people write it is read with the
// default country; the phone metadata is loaded only then, since E.164 needs none.
import { E164_PATTERN } from './schema';
import { ValidationError } from './client/errors';

export type Recipient = { kind: 'phone'; value: string } | { kind: 'email'; value: string; warning: string };

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
  if (E164_PATTERN.test(trimmed)) return { kind: 'phone', value: await checkE164(trimmed, input, field, 'valid') };
  if (EMAIL.test(trimmed)) return { kind: 'email', value: trimmed.toLowerCase(), warning: EMAIL_WARNING };
  return { kind: 'phone', value: await normalisePhone(trimmed, defaultCountry, field) };
}

/** A sender number: only phone numbers, never an email. */
export async function normalisePhone(input: string, defaultCountry: string, field = 'from'): Promise<string> {
  const trimmed = input.trim();
  const compact = trimmed.replace(PHONE_PUNCTUATION, '');
  if (E164_PATTERN.test(compact)) return checkE164(compact, input, field, 'possible');
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

/** E.164 numbers already checked this session: the common case (the same few recipients) stays a map lookup. */
const checkedE164 = new Map<string, { possible: boolean; valid: boolean }>();

/**
 * An E.164 number must be a number of its country: `+1415555267` (a digit short) or `+10000000`
 * have the right shape but reach nobody, or the wrong person. Recipients must be valid (a real
 * number range); a sender number (`from`, the user's own lease, which the API checks against the
 * account) must be possible (the right length). Needs the metadata, loaded once.
 */
async function checkE164(number: string, input: string, field: string, level: 'possible' | 'valid'): Promise<string> {
  let known = checkedE164.get(number);
  if (known === undefined) {
    const { parsePhoneNumberFromString } = await loadPhoneLib();
    const parsed = parsePhoneNumberFromString(number);
    known = { possible: parsed?.isPossible() === true, valid: parsed?.isValid() === true };
    if (checkedE164.size > 1000) checkedE164.clear();
    checkedE164.set(number, known);
  }
  if (!known[level]) {
    throw new ValidationError(
      field,
      `"${input.trim()}" is not a valid phone number: wrong length or no such number range for its country code`,
    );
  }
  return number;
}
