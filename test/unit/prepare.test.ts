import assert from 'node:assert/strict';
import { ValidationError } from '../../src/core/client/errors';
import { prepareSend } from '../../src/core/prepare';
import { redact } from '../../src/core/redact';
import { readSettings } from '../../src/core/settings';

const defaults = { defaultCountry: 'US', defaultRecipient: '', from: '' };

describe('prepareSend', () => {
  it('normalises every number and applies defaults from settings', async () => {
    const { request, warnings } = await prepareSend(
      { message: 'hi', fallback: { when: ['imessage_fails'], from: '(415) 555-0000' } },
      { defaultCountry: 'US', defaultRecipient: '415 555 2671', from: '+1 555 000 0001' },
    );
    assert.deepEqual(request, {
      to: '+14155552671',
      from: '+15550000001',
      message: 'hi',
      fallback: { when: ['imessage_fails'], from: '+14155550000' },
    });
    assert.deepEqual(warnings, []);
  });

  it('keeps an explicit null from (let Contiguity pick) over the setting', async () => {
    const { request } = await prepareSend({ to: '+14155552671', message: 'hi', from: null }, { ...defaults, from: '+15550000001' });
    assert.equal(request.from, null);
  });

  it('warns for email recipients and names the field for bad input', async () => {
    assert.equal((await prepareSend({ to: 'a@icloud.com', message: 'x' }, defaults)).warnings.length, 1);
    await assert.rejects(
      prepareSend({ message: 'x' }, defaults),
      (e: unknown) => e instanceof ValidationError && e.field === 'to' && /defaultRecipient/.test(e.message),
    );
    await assert.rejects(prepareSend('hello', defaults), (e: unknown) => e instanceof ValidationError && e.field === 'request');
    await assert.rejects(
      prepareSend({ to: '+14155552671', message: 'x', from: 'nope' }, defaults),
      (e: unknown) => e instanceof ValidationError && e.field === 'from',
    );
  });
});

describe('contacts', () => {
  const contacts = { Me: '+14155552671', 'Ops pager': '(415) 555-0000', Anna: 'anna@icloud.com' };

  it('resolves a contact name (any case) wherever a recipient is accepted', async () => {
    assert.equal((await prepareSend({ to: 'me', message: 'x' }, { ...defaults, contacts })).request.to, '+14155552671');
    assert.equal(
      (await prepareSend({ message: 'x' }, { ...defaults, defaultRecipient: 'OPS PAGER', contacts })).request.to,
      '+14155550000',
    );
    assert.equal(
      (await prepareSend({ to: '+14155552671', message: 'x', from: 'Me' }, { ...defaults, contacts })).request.from,
      '+14155552671',
    );
    const email = await prepareSend({ to: 'anna', message: 'x' }, { ...defaults, contacts });
    assert.equal(email.request.to, 'anna@icloud.com');
    assert.equal(email.warnings.length, 1);
  });

  it('leaves numbers alone and names the field for an unknown name', async () => {
    assert.equal((await prepareSend({ to: '415 555 2671', message: 'x' }, { ...defaults, contacts })).request.to, '+14155552671');
    await assert.rejects(
      prepareSend({ to: 'Bob', message: 'x' }, { ...defaults, contacts }),
      (e: unknown) => e instanceof ValidationError && e.field === 'to' && /"Bob"/.test(e.message),
    );
  });
});

describe('settings', () => {
  it('defaults and types every setting', () => {
    const result = readSettings({});
    assert.ok(result.ok);
    assert.equal(result.settings.baseUrl, 'https://api.contiguity.com');
    assert.equal(result.settings.timeoutMs, 15000);
  });

  it('refuses plain http except for loopback, naming the setting', () => {
    assert.ok(readSettings({ baseUrl: 'http://127.0.0.1:4010' }).ok);
    assert.ok(readSettings({ baseUrl: 'http://localhost:4010/v1' }).ok);
    assert.ok(readSettings({ baseUrl: 'http://[::1]:4010' }).ok);
    const bad = readSettings({ baseUrl: 'http://api.contiguity.com' });
    assert.ok(!bad.ok);
    assert.equal(bad.setting, 'imessage.api.baseUrl');
    assert.match(bad.message, /in clear/);
    assert.ok(!readSettings({ baseUrl: 'https://user:pw@api.contiguity.com' }).ok);
    assert.ok(!readSettings({ baseUrl: 'ftp://x' }).ok);
    assert.ok(!readSettings({ timeoutMs: 5 }).ok);
    assert.ok(!readSettings({ defaultCountry: 'USA' }).ok);
  });
});

describe('redact', () => {
  it('removes the token, anything token-shaped and Authorization values', () => {
    const token = 'contiguity_sk_live_abcdefghijklmnopqrstuvwxyz0123';
    assert.doesNotMatch(redact(`token=${token}`, [token]), /abcdefghij/);
    assert.equal(redact('x contiguity_sk_other_123 y'), 'x «redacted» y');
    assert.equal(redact('Authorization: Bearer secret-value-1'), 'Authorization: Bearer «redacted»');
    assert.equal(redact('{"authorization":"Token secret-value-1"}'), '{"authorization":"Token «redacted»"}');
    assert.equal(redact('plain message about a Bearer bond'), 'plain message about a Bearer bond');
    assert.equal(redact('opaque-token-without-prefix here', ['opaque-token-without-prefix']), '«redacted» here');
  });
});
