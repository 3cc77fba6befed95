// What a recipient picker offers, in order: the default recipient, the contacts, then recent
// recipients not already listed; and how a typed entry reads once normalised. Pure, so the order
// and the wording are unit-tested and any picker (QuickPick, webview) shows the same thing.
import { type Contacts, contactNamed, resolveRecipient } from './contacts';

export type ChoiceKind = 'default' | 'contact' | 'recent';

export interface RecipientChoice {
  kind: ChoiceKind;
  /** What the user reads first: a contact name, or the address itself. */
  label: string;
  /** What is sent to: E.164 or an iCloud address; undefined when `problem` says why it cannot be. */
  address?: string;
  /** Why this entry cannot be sent to (a contact or default with a bad number). */
  problem?: string;
  /** Shown under the label: the normalised address, a warning for iCloud addresses. */
  detail: string;
}

export interface ChoiceSources {
  defaultRecipient: string;
  contacts: Contacts;
  /** Most recent first, as the sender recorded them (already normalised). */
  recents: readonly string[];
  defaultCountry: string;
}

export interface TypedRecipient {
  /** The address to send to, when the entry is valid. */
  address?: string;
  /** The normalised address, or why the entry is not valid, in words for the picker's detail line. */
  detail: string;
  /** Set for an iCloud address: allowed, but delivery is unpredictable. */
  warning?: string;
}

/**
 * Reads what the user typed (a contact name, E.164, a national number or an iCloud address).
 * `named`: say which contact a name stood for (off where the row is already labelled with it).
 */
export async function readTyped(value: string, contacts: Contacts, defaultCountry: string, named = true): Promise<TypedRecipient> {
  const contact = contactNamed(contacts, value);
  try {
    const recipient = await resolveRecipient(value, { contacts, defaultCountry }, 'to');
    const prefix = contact && named ? `${contact.name} → ` : '';
    if (recipient.kind === 'email') {
      return {
        address: recipient.value,
        detail: `${prefix}${recipient.value} (iCloud address: delivery is unpredictable)`,
        warning: recipient.warning,
      };
    }
    return { address: recipient.value, detail: `${prefix}${recipient.value}` };
  } catch {
    // Short enough for one line of a picker; the sender names the field in full if it gets this far.
    if (contact) return { detail: `${named ? `${contact.name}: ` : ''}"${contact.address}" is not a valid number or iCloud address` };
    const trimmed = value.trim();
    if (!/^\+?[\d\s().\-\u00a0\u2010-\u2015]+$/.test(trimmed)) return { detail: 'Not a phone number, iCloud address or contact name' };
    if (trimmed.startsWith('+')) return { detail: 'Not a valid phone number (yet)' };
    return { detail: `Not a valid ${defaultCountry.toUpperCase()} number (yet): start with + and the country code for another country` };
  }
}

/** Every recipient to offer, each address once, in the order the user expects them. */
export async function recipientChoices(sources: ChoiceSources): Promise<RecipientChoice[]> {
  const choices: RecipientChoice[] = [];
  const seen = new Set<string>();
  const add = async (kind: ChoiceKind, label: string, value: string) => {
    const typed = await readTyped(value, sources.contacts, sources.defaultCountry, false);
    if (typed.address !== undefined) {
      if (seen.has(typed.address)) return;
      seen.add(typed.address);
    }
    const choice: RecipientChoice = { kind, label, detail: typed.detail };
    if (typed.address === undefined) choice.problem = typed.detail;
    else choice.address = typed.address;
    choices.push(choice);
  };

  if (sources.defaultRecipient.trim()) {
    const contact = contactNamed(sources.contacts, sources.defaultRecipient);
    await add('default', contact?.name ?? sources.defaultRecipient.trim(), sources.defaultRecipient);
  }
  for (const name of Object.keys(sources.contacts)) await add('contact', name, name);
  // A recent that is also the default or a contact is already listed, under its name.
  for (const recent of sources.recents) await add('recent', recent, recent);
  return choices;
}
