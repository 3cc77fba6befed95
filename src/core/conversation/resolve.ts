// From what a person types (a contact name or a number, as everywhere else) to the numbers of a
// thread. The history endpoint takes phone numbers only, so an iCloud email names no thread.
import { normalisePhone, normaliseRecipient } from '../address';
import { ValidationError } from '../client/errors';
import { type Contacts, lookupContact } from '../contacts';
import type { ThreadSpec } from './local';

export interface ResolvedThread {
  spec: ThreadSpec;
  /** The contact the number belongs to, when one does. */
  name?: string;
}

export async function resolveThread(
  input: { to: string; from?: string | undefined },
  settings: { contacts: Contacts; defaultCountry: string },
): Promise<ResolvedThread> {
  const contact = lookupContact(settings.contacts, input.to);
  const recipient = await normaliseRecipient(contact?.address ?? input.to, settings.defaultCountry, 'to');
  if (recipient.kind === 'email') throw new ValidationError('to', 'is an email address: conversations are read by phone number');
  const spec: ThreadSpec = { to: recipient.value };
  const from = input.from?.trim();
  if (from) spec.from = await normalisePhone(lookupContact(settings.contacts, from)?.address ?? from, settings.defaultCountry, 'from');
  const name = contact?.name ?? contactNameOf(settings.contacts, recipient.value);
  return name ? { spec, name } : { spec };
}

/** The contact whose address is exactly this number (addresses as written in E.164). */
export function contactNameOf(contacts: Contacts, e164: string): string | undefined {
  return Object.entries(contacts).find(([, address]) => address.replace(/[\s().-]/g, '') === e164)?.[0];
}
