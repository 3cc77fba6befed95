import assert from 'node:assert/strict';
import { clockTime, heldUntil, inQuietHours, ownRecipient, quietRanges } from '../../../src/core/notify/automatic';

const settings = (s: {
  notifyRecipient?: string;
  defaultRecipient?: string;
  notifyQuietHours?: string;
  notifyDuringQuietHours?: 'drop' | 'digest';
}) => ({
  notifyRecipient: '',
  defaultRecipient: '',
  notifyQuietHours: '',
  notifyDuringQuietHours: 'drop' as const,
  ...s,
});

describe('automatic texts (notifications, agent tools)', () => {
  it('go to imessage.notify.recipient, else imessage.defaultRecipient, else nobody', () => {
    assert.equal(ownRecipient(settings({ notifyRecipient: 'Me', defaultRecipient: '+14155552671' })), 'Me');
    assert.equal(ownRecipient(settings({ notifyRecipient: '  ', defaultRecipient: ' +14155552671 ' })), '+14155552671');
    assert.equal(ownRecipient(settings({})), undefined);
  });

  it('keep quiet hours, crossing midnight, in local time', () => {
    const night = settings({ notifyQuietHours: '22:00-07:00' });
    assert.deepEqual(quietRanges(night), [{ start: 22 * 60, end: 7 * 60 }]);
    assert.equal(inQuietHours(night, new Date(2026, 0, 1, 23, 30)), true);
    assert.equal(inQuietHours(night, new Date(2026, 0, 1, 6, 59)), true);
    assert.equal(inQuietHours(night, new Date(2026, 0, 1, 7, 0)), false);
    assert.equal(inQuietHours(settings({}), new Date(2026, 0, 1, 3, 0)), false);
  });

  it('hold a text due in quiet hours until they end only with "digest", and never when the whole day is quiet', () => {
    const at = new Date(2026, 0, 1, 23, 30).getTime();
    const end = new Date(2026, 0, 2, 7, 0).getTime();
    assert.equal(heldUntil(settings({ notifyQuietHours: '22:00-07:00', notifyDuringQuietHours: 'digest' }), at), end);
    assert.equal(clockTime(end), '07:00');
    assert.equal(heldUntil(settings({ notifyQuietHours: '22:00-07:00' }), at), undefined, '"drop" (the default) holds nothing');
    assert.equal(heldUntil(settings({ notifyQuietHours: '00:00-24:00', notifyDuringQuietHours: 'digest' }), at), undefined);
    assert.equal(heldUntil(settings({ notifyQuietHours: '22:00-07:00', notifyDuringQuietHours: 'digest' }), end), undefined, 'not quiet');
  });
});
