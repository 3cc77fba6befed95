import assert from 'node:assert/strict';
import { DIGEST_MAX_CHARS, digestText, quietEndsAt } from '../../../src/core/outbox/digest';
import { parseQuietHours } from '../../../src/core/notify/quiet-hours';

const ranges = (text: string) => {
  const parsed = parseQuietHours(text);
  assert.ok(parsed.ok);
  return parsed.ranges;
};
/** Local time on a fixed day: the quiet hours are local. */
const at = (hh: number, mm = 0, day = 10) => new Date(2026, 2, day, hh, mm).getTime();

describe('quiet hours that hold: the digest', () => {
  it('finds when the quiet hours end, across midnight; none outside them or when the whole day is quiet', () => {
    const night = ranges('22:00-07:00');
    assert.equal(quietEndsAt(night, at(23, 30)), at(7, 0, 11));
    assert.equal(quietEndsAt(night, at(6, 59)), at(7, 0));
    assert.equal(quietEndsAt(night, at(12, 0)), undefined);
    assert.equal(quietEndsAt(ranges('00:00-24:00'), at(12, 0)), undefined);
    assert.equal(quietEndsAt(ranges('12:00-13:00, 13:00-14:00'), at(12, 15)), at(14, 0));
  });

  it('caps the digest and says how many texts did not fit', () => {
    const many = Array.from({ length: 50 }, (_, i) => `task "build-${i}" failed with exit code 2 after 3 min`);
    const text = digestText(many);
    assert.ok(text.length <= DIGEST_MAX_CHARS, `${text.length}`);
    assert.match(text, /^While you were away \(50\): task "build-0"/);
    const shown = text.split(' · ').length;
    assert.match(text, new RegExp(` … and ${50 - shown} more$`));
    const long = digestText(['x'.repeat(5_000), 'second'], 200);
    assert.ok(long.length <= 200, `${long.length}`);
    assert.match(long, /^While you were away \(2\): x+… … and 1 more$/);
    assert.equal(digestText(['y'.repeat(5_000)], 100).length <= 100, true);
  });
});
