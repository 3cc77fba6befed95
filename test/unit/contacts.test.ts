// The one contact resolver, both ways: a name sends to the number it stands for, and that number
// is shown by the name again, however the contact's number was written.
import assert from 'node:assert/strict';
import { ValidationError } from '../../src/core/client/errors';
import { contactNameOf, contactNamed, resolvePhone, resolveRecipient } from '../../src/core/contacts';
import { resolveThread } from '../../src/core/conversation/resolve';

const contacts = {
  Ana: '+1\u00a0415\u2011555\u20112671', // a non-breaking space and non-breaking hyphens, as pasted from a contact card
  Ben: '(415) 555-2672', // national, read with the default country
  Cleo: '+44 20 7183 8750',
  Eve: '415.555.2673', // dots
  Fay: '+1 (415) 555\u20132674', // an en dash
  Dee: 'Dee@iCloud.com',
  'Ana again': '+14155552671', // the same number as Ana, written later: Ana names it
  Broken: '12',
};
const book = { contacts, defaultCountry: 'US' };

describe('contacts: one resolver, both ways', () => {
  const table: { input: string; sendsTo: string; contact?: string; shownAs: string | undefined }[] = [
    { input: 'Ana', sendsTo: '+14155552671', contact: 'Ana', shownAs: 'Ana' },
    { input: 'ana', sendsTo: '+14155552671', contact: 'Ana', shownAs: 'Ana' },
    { input: '  BEN ', sendsTo: '+14155552672', contact: 'Ben', shownAs: 'Ben' },
    { input: 'Cleo', sendsTo: '+442071838750', contact: 'Cleo', shownAs: 'Cleo' },
    { input: 'Eve', sendsTo: '+14155552673', contact: 'Eve', shownAs: 'Eve' },
    { input: 'Fay', sendsTo: '+14155552674', contact: 'Fay', shownAs: 'Fay' },
    { input: 'Dee', sendsTo: 'dee@icloud.com', contact: 'Dee', shownAs: 'Dee' },
    { input: 'Ana again', sendsTo: '+14155552671', contact: 'Ana again', shownAs: 'Ana' },
    // Numbers typed directly are shown by the contact's name too.
    { input: '+14155552672', sendsTo: '+14155552672', shownAs: 'Ben' },
    { input: '415-555-2671', sendsTo: '+14155552671', shownAs: 'Ana' },
    { input: '+1 917 555 0123', sendsTo: '+19175550123', shownAs: undefined },
  ];
  for (const row of table) {
    it(`"${row.input}" sends to ${row.sendsTo} and is shown as ${row.shownAs ?? 'the number'}`, async () => {
      const recipient = await resolveRecipient(row.input, book);
      assert.equal(recipient.value, row.sendsTo);
      assert.equal(recipient.contact, row.contact);
      assert.equal(await contactNameOf(book, recipient.value), row.shownAs);
    });
  }

  it('a thread opened by name or by number carries the contact name', async () => {
    assert.deepEqual(await resolveThread({ to: 'ben' }, book), { spec: { to: '+14155552672' }, name: 'Ben' });
    assert.deepEqual(await resolveThread({ to: '(415) 555 2671', from: 'Cleo' }, book), {
      spec: { to: '+14155552671', from: '+442071838750' },
      name: 'Ana',
    });
  });

  it('a sender is a number only: a contact name resolves, an iCloud contact is refused naming the field', async () => {
    assert.equal(await resolvePhone('Ben', book), '+14155552672');
    await assert.rejects(resolvePhone('Dee', book, 'from'), (e: unknown) => e instanceof ValidationError && e.field === 'from');
  });

  it('a contact whose number is not valid names nothing and fails to send, naming the field', async () => {
    assert.equal(await contactNameOf(book, '12'), undefined);
    await assert.rejects(resolveRecipient('Broken', book, 'to'), (e: unknown) => e instanceof ValidationError && e.field === 'to');
  });

  it('names are matched whole, case-insensitively; no contacts is no names', async () => {
    assert.equal(contactNamed(contacts, 'An'), undefined);
    assert.deepEqual(contactNamed(contacts, ' cleo '), { name: 'Cleo', address: '+44 20 7183 8750' });
    assert.equal(contactNamed(undefined, 'Ana'), undefined);
    assert.equal(await contactNameOf({ defaultCountry: 'US' }, '+14155552671'), undefined);
  });
});
