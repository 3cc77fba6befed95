// Contact names (the `imessage.contacts` setting) are accepted wherever a recipient is: in args,
// in settings, typed into a picker. A name resolves to the number or iCloud address it stands for.

export type Contacts = Readonly<Record<string, string>>;

/** The contact's address when `input` is a contact name (case-insensitive), else undefined. */
export function lookupContact(contacts: Contacts, input: string): { name: string; address: string } | undefined {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return undefined;
  for (const [name, address] of Object.entries(contacts)) {
    if (name.trim().toLowerCase() === wanted) return { name, address };
  }
  return undefined;
}

/** `input` with a contact name replaced by its address; anything else unchanged. */
export function resolveContact(contacts: Contacts, input: string): string {
  return lookupContact(contacts, input)?.address ?? input;
}
