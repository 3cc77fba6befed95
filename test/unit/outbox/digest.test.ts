import assert from 'node:assert/strict';
import { DIGEST_MAX_CHARS, digestText, dueDigests, quietEndsAt } from '../../../src/core/outbox/digest';
import { parseQuietHours } from '../../../src/core/notify/quiet-hours';

const ranges = (text: string) => {
  const parsed = parseQuietHours(text);
  assert.ok(parsed.ok);
  return parsed.ranges;
};
/** Local time on a fixed day: the quiet hours are local. */
const at = (hh: number, mm = 0, day = 10) => new Date(2026, 2, day, hh, mm).getTime();
const ME = '+14155552671';
const OTHER = '+14155550000';

describe('quiet hours that hold: the digest', () => {
  it('finds when the quiet hours end, across midnight; none outside them or when the whole day is quiet', () => {
    const night = ranges('22:00-07:00');
    assert.equal(quietEndsAt(night, at(23, 30)), at(7, 0, 11));
    assert.equal(quietEndsAt(night, at(6, 59)), at(7, 0));
    assert.equal(quietEndsAt(night, at(12, 0)), undefined);
    assert.equal(quietEndsAt(ranges('00:00-24:00'), at(12, 0)), undefined);
    assert.equal(quietEndsAt(ranges('12:00-13:00, 13:00-14:00'), at(12, 15)), at(14, 0));
  });

  it('holds everything while it is quiet, and at the end of quiet hours sends one digest per recipient', () => {
    const night = ranges('22:00-07:00');
    const held = [
      { to: ME, message: 'build failed', createdAt: at(23, 0) },
      { to: OTHER, message: 'deploy done', createdAt: at(23, 5) },
      { to: ME, message: 'tests passed', createdAt: at(22, 30) },
      { to: ME, message: 'lint failed', createdAt: at(1, 0, 11) },
    ];
    assert.deepEqual(dueDigests(held, night, at(6, 59, 11)), []);
    const end = quietEndsAt(night, at(6, 59, 11))!;
    assert.deepEqual(dueDigests(held, night, end), [
      { to: ME, message: 'While you were away (3): tests passed · build failed · lint failed' },
      { to: OTHER, message: 'deploy done' },
    ]);
    assert.deepEqual(dueDigests([], night, end), []);
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
