// From what a person types (a contact name or a number, as everywhere else) to the numbers of a
// thread. The history endpoint takes phone numbers only, so an iCloud email names no thread.
import { ValidationError } from '../client/errors';
import { type ContactBook, contactNameOf, resolvePhone, resolveRecipient } from '../contacts';
import type { ThreadSpec } from './local';

export interface ResolvedThread {
  spec: ThreadSpec;
  /** The contact the number belongs to, when one does. */
  name?: string;
}

export async function resolveThread(input: { to: string; from?: string | undefined }, book: ContactBook): Promise<ResolvedThread> {
  const recipient = await resolveRecipient(input.to, book, 'to');
  if (recipient.kind === 'email') throw new ValidationError('to', 'is an email address: conversations are read by phone number');
  const spec: ThreadSpec = { to: recipient.value };
  const from = input.from?.trim();
  if (from) spec.from = await resolvePhone(from, book, 'from');
  const name = recipient.contact ?? (await contactNameOf(book, recipient.value));
  return name ? { spec, name } : { spec };
}
