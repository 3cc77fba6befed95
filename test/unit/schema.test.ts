import assert from 'node:assert/strict';
import { validateSendRequest } from '../../src/core/client/client';
import { ValidationError } from '../../src/core/client/errors';
import { errorEnvelope, fieldName, successEnvelope, topLevelError } from '../../src/core/schema';

function rejects(request: unknown, field: string, reason?: RegExp) {
  assert.throws(
    () => validateSendRequest(request),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError, `expected ValidationError, got ${String(err)}`);
      assert.equal(err.field, field);
      if (reason) assert.match(err.reason, reason);
      return true;
    },
  );
}

describe('send request schema', () => {
  it('accepts the smallest request and every documented field', () => {
    assert.deepEqual(validateSendRequest({ to: '+14155552671', message: 'hi' }), { to: '+14155552671', message: 'hi' });
    const full = {
      to: '+14155552671',
      from: '+15550000001',
      message: 'hi',
      fallback: { when: ['imessage_unsupported', 'imessage_fails'], from: null },
      attachments: ['https://example.com/a/cat.png'],
      fast_track: true,
    };
    assert.deepEqual(validateSendRequest(full), full);
    assert.deepEqual(validateSendRequest({ to: '+14155552671', from: null, fallback: null, attachments: null, message: 'x' }).from, null);
  });

  it('tolerates an iCloud email recipient', () => {
    assert.equal(validateSendRequest({ to: 'someone@icloud.com', message: 'hi' }).to, 'someone@icloud.com');
  });

  it('names the field that is wrong', () => {
    rejects({ message: 'hi' }, 'to');
    rejects({ to: '4155552671', message: 'hi' }, 'to', /E\.164/);
    rejects({ to: 42, message: 'hi' }, 'to');
    rejects({ to: '+14155552671', message: 'hi', from: '555' }, 'from', /E\.164/);
    rejects({ to: '+14155552671' }, 'message', /required unless there are attachments/);
    rejects({ to: '+14155552671', message: '   ' }, 'message');
    rejects({ to: '+14155552671', message: 'hi', fast_track: 'yes' }, 'fast_track');
    rejects({ to: '+14155552671', message: 'hi', extra: 1 }, 'extra', /not a field/);
  });

  it('checks fallback rules', () => {
    rejects({ to: '+14155552671', message: 'hi', fallback: { when: [] } }, 'fallback.when', /at least one/);
    rejects({ to: '+14155552671', message: 'hi', fallback: { when: ['always'] } }, 'fallback.when[0]');
    rejects({ to: '+14155552671', message: 'hi', fallback: {} }, 'fallback.when');
    rejects({ to: '+14155552671', message: 'hi', fallback: { when: ['imessage_fails'], from: 'x' } }, 'fallback.from');
    rejects({ to: '+14155552671', message: 'hi', fallback: { when: ['imessage_fails'], via: 'sms' } }, 'fallback.via');
  });

  it('checks attachments: https, a file extension, at most ten', () => {
    assert.equal(validateSendRequest({ to: '+14155552671', attachments: ['https://x.io/f.pdf'] }).message, undefined);
    rejects({ to: '+14155552671', attachments: ['http://x.io/f.png'] }, 'attachments[0]', /https/);
    rejects({ to: '+14155552671', attachments: ['https://x.io/f.png', 'https://x.io/folder/'] }, 'attachments[1]', /file extension/);
    rejects({ to: '+14155552671', attachments: ['notaurl'] }, 'attachments[0]', /not a URL/);
    rejects({ to: '+14155552671', attachments: ['not a url'] }, 'attachments[0]', /a space \(U\+0020\) at position 4/);
    rejects(
      { to: '+14155552671', attachments: Array.from({ length: 11 }, (_, i) => `https://x.io/${i}.png`) },
      'attachments',
      /at most 10/,
    );
    rejects({ to: '+14155552671', attachments: [] }, 'message');
  });
});

describe('response schemas', () => {
  it('reads the documented envelopes and tolerates new fields', () => {
    const ok = {
      id: 'req_abcdefghijklmnop',
      timestamp: 1772129047728,
      api_version: 'v2026.2.26',
      object: 'response',
      data: { message_id: 'imsg_1' },
      extra: true,
    };
    assert.equal(successEnvelope.parse(ok).extra, true);
    const err = {
      id: 'err_abcdefghijklmnop',
      timestamp: 1785698220563,
      api_version: 'v2026.8.2',
      object: 'error',
      data: { error: 'Bad Request', status: 400, agreement_url: 'https://api.contiguity.com/entitlements/fast_track' },
    };
    assert.equal(errorEnvelope.parse(err).data.agreement_url, 'https://api.contiguity.com/entitlements/fast_track');
    assert.equal(topLevelError.parse({ message: 'bad', status: 400 }).message, 'bad');
    assert.equal(successEnvelope.safeParse(err).success, false);
  });

  it('names nested fields the way the UI shows them', () => {
    assert.equal(fieldName(['attachments', 2]), 'attachments[2]');
    assert.equal(fieldName(['fallback', 'when', 0]), 'fallback.when[0]');
    assert.equal(fieldName([]), '');
  });
});
