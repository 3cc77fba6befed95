import assert from 'node:assert/strict';
import { readTyped, recipientChoices } from '../../src/core/recipients';

const contacts = { Me: '+14155552671', 'Ops pager': '(415) 555-0000', Anna: 'anna@icloud.com', Broken: '12' };

describe('recipient choices', () => {
  it('lists the default first, then contacts in settings order, then recents most recent first', async () => {
    const choices = await recipientChoices({
      defaultRecipient: '+442071838750',
      contacts: { Me: '+14155552671', Anna: 'anna@icloud.com' },
      recents: ['+14155550001', '+14155550002'],
      defaultCountry: 'US',
    });
    assert.deepEqual(
      choices.map((c) => [c.kind, c.label, c.address]),
      [
        ['default', '+442071838750', '+442071838750'],
        ['contact', 'Me', '+14155552671'],
        ['contact', 'Anna', 'anna@icloud.com'],
        ['recent', '+14155550001', '+14155550001'],
        ['recent', '+14155550002', '+14155550002'],
      ],
    );
  });

  it('lists each address once, under its most useful name', async () => {
    const choices = await recipientChoices({
      defaultRecipient: 'me',
      contacts,
      recents: ['+14155550000', '+14155552671', '+19175550123'],
      defaultCountry: 'US',
    });
    assert.deepEqual(
      choices.map((c) => [c.kind, c.label, c.address ?? null]),
      [
        ['default', 'Me', '+14155552671'],
        ['contact', 'Ops pager', '+14155550000'],
        ['contact', 'Anna', 'anna@icloud.com'],
        ['contact', 'Broken', null],
        ['recent', '+19175550123', '+19175550123'],
      ],
    );
    assert.equal(choices[0]!.detail, '+14155552671');
    assert.equal(choices[3]!.problem, '"12" is not a valid number or iCloud address');
  });

  it('offers nothing when nothing is configured or recent', async () => {
    assert.deepEqual(await recipientChoices({ defaultRecipient: ' ', contacts: {}, recents: [], defaultCountry: 'US' }), []);
  });
});

describe('typed recipients', () => {
  it('reads a national number with the default country and shows its E.164', async () => {
    assert.deepEqual(await readTyped('(415) 555-2671', {}, 'US'), { address: '+14155552671', detail: '+14155552671' });
    assert.deepEqual(await readTyped('020 7183 8750', {}, 'GB'), { address: '+442071838750', detail: '+442071838750' });
  });

  it('accepts contact names and iCloud addresses, the latter with a warning', async () => {
    assert.deepEqual(await readTyped('ops PAGER', contacts, 'US'), { address: '+14155550000', detail: 'Ops pager → +14155550000' });
    const email = await readTyped('Anna', contacts, 'US');
    assert.equal(email.address, 'anna@icloud.com');
    assert.match(email.detail, /iCloud address: delivery is unpredictable/);
    assert.ok(email.warning);
  });

  it('says why an entry is not a recipient, without sending anything', async () => {
    const bad = await readTyped('555', {}, 'us');
    assert.equal(bad.address, undefined);
    assert.equal(bad.detail, 'Not a valid US number (yet): start with + and the country code for another country');
    assert.deepEqual(await readTyped('+44 20', {}, 'US'), { detail: 'Not a valid phone number (yet)' });
    assert.deepEqual(await readTyped('call me', {}, 'US'), { detail: 'Not a phone number, iCloud address or contact name' });
  });
});
