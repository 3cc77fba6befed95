import assert from 'node:assert/strict';
import { EMAIL_WARNING, normalisePhone, normaliseRecipient, phoneMetadataLoads } from '../../src/core/address';
import { ValidationError } from '../../src/core/client/errors';

async function rejects(promise: Promise<unknown>, field: string, input: string) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ValidationError);
    assert.equal(err.field, field);
    assert.ok(err.message.includes(input), `"${err.message}" should name the input "${input}"`);
    return true;
  });
}

describe('recipient normalisation', () => {
  it('checks E.164 against its country (metadata loaded once), and refuses impossible numbers', async () => {
    assert.deepEqual(await normaliseRecipient('+14155552671', 'US'), { kind: 'phone', value: '+14155552671' });
    assert.deepEqual(await normaliseRecipient('  +447911123456 ', 'US'), { kind: 'phone', value: '+447911123456' });
    assert.equal(await normalisePhone('+1 (415) 555-2671', 'US'), '+14155552671');
    // Right shape, wrong length or no such range: these used to be sent.
    await rejects(normaliseRecipient('+1415555267', 'US'), 'to', '+1415555267');
    await rejects(normaliseRecipient('+10000000', 'US'), 'to', '+10000000');
    await rejects(normaliseRecipient('+447700900123', 'US'), 'to', '+447700900123');
    // A sender number only has to be possible: the API checks it against the account's leases.
    assert.equal(await normalisePhone('+15550000001', 'US', 'from'), '+15550000001');
    await rejects(normalisePhone('+1555000000', 'US', 'from'), 'from', '+1555000000');
    assert.equal(phoneMetadataLoads.count, 1, 'the metadata is loaded once');
  });

  it('reads national formats with the default country', async () => {
    assert.equal((await normaliseRecipient('(415) 555-2671', 'US')).value, '+14155552671');
    assert.equal((await normaliseRecipient('415.555.2671', 'us')).value, '+14155552671');
    assert.equal((await normaliseRecipient('07911 123456', 'GB')).value, '+447911123456');
    assert.equal((await normaliseRecipient('030 123456', 'DE')).value, '+4930123456');
    assert.equal(phoneMetadataLoads.count, 1, 'the metadata is loaded once and reused');
  });

  it('accepts an iCloud email with a warning', async () => {
    assert.deepEqual(await normaliseRecipient('Me@iCloud.com', 'US'), { kind: 'email', value: 'me@icloud.com', warning: EMAIL_WARNING });
  });

  it('refuses anything else with an error naming the input', async () => {
    await rejects(normaliseRecipient('bob', 'US'), 'to', 'bob');
    await rejects(normaliseRecipient('555-12', 'US'), 'to', '555-12');
    await rejects(normaliseRecipient('+1 555', 'US'), 'to', '+1 555');
    await rejects(normaliseRecipient('12345678901234567890', 'US'), 'to', '12345678901234567890');
    await rejects(normalisePhone('me@icloud.com', 'US', 'from'), 'from', 'me@icloud.com');
    await assert.rejects(normaliseRecipient('   ', 'US'), /to is empty/);
  });
});
