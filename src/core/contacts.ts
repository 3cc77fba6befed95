// Contact names (the `imessage.contacts` setting) are accepted wherever a recipient is: in args,
// in settings, typed into a picker. This is the one resolver, both ways: a name to the number or
// iCloud address it stands for, normalised as sending normalises it; and a number back to its
// name, comparing the contact's address normalised the same way (however it was written:
// "(415) 555-2672", "+1 415‑555‑2671" with a non-breaking space and a Unicode dash).
import { normalisePhone, normaliseRecipient, type Recipient } from './address';

export type Contacts = Readonly<Record<string, string>>;

/** What resolving needs from the settings; no contacts is a book with no names. */
export interface ContactBook {
  contacts?: Contacts | undefined;
  defaultCountry: string;
}

/** The contact `input` names (case-insensitive), or undefined. */
export function contactNamed(contacts: Contacts | undefined, input: string): { name: string; address: string } | undefined {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return undefined;
  for (const [name, address] of Object.entries(contacts ?? {})) {
    if (name.trim().toLowerCase() === wanted) return { name, address };
  }
  return undefined;
}

/**
 * What `input` (a contact name, a number as people write it, or an iCloud address) sends to.
 * `contact` is the name when `input` was one. Throws a ValidationError naming `field`.
 */
export async function resolveRecipient(input: string, book: ContactBook, field = 'to'): Promise<Recipient & { contact?: string }> {
  const contact = contactNamed(book.contacts, input);
  const recipient = await normaliseRecipient(contact?.address ?? input, book.defaultCountry, field);
  return contact ? { ...recipient, contact: contact.name } : recipient;
}

/** A number only (a sender, `from`): a contact name or a number, in E.164. Throws a ValidationError naming `field`. */
export async function resolvePhone(input: string, book: ContactBook, field = 'from'): Promise<string> {
  return normalisePhone(contactNamed(book.contacts, input)?.address ?? input, book.defaultCountry, field);
}

/** Every contact by its address as sent (E.164, or a lower-case iCloud address); a contact whose address is not valid is left out. */
export async function contactNames(book: ContactBook): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [name, address] of Object.entries(book.contacts ?? {})) {
    try {
      const { value } = await normaliseRecipient(address, book.defaultCountry);
      // The first contact written for a number names it, as a name lookup finds the first.
      if (!names.has(value)) names.set(value, name);
    } catch {
      // An address that cannot be sent to names nothing; sending to it says why.
    }
  }
  return names;
}

/** The contact whose address is `address` (as sent: E.164 or an iCloud address), or undefined. */
export async function contactNameOf(book: ContactBook, address: string): Promise<string | undefined> {
  return (await contactNames(book)).get(address);
}
