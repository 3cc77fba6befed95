import assert from 'node:assert/strict';
import { delayedText, due, expired, heads, newItemId, nextAttemptAt, parseItem, type OutboxItem } from '../../../src/core/outbox/items';

const item = (over: Partial<OutboxItem>): OutboxItem => ({
  id: newItemId(over.createdAt ?? 0, () => 0.5),
  to: '+14155552671',
  message: 'Build done',
  source: 'notify.task',
  label: 'task "build"',
  createdAt: 0,
  attempts: 0,
  nextAt: 0,
  reason: 'offline',
  ...over,
});

describe('outbox items', () => {
  it('ids sort by creation time', () => {
    assert.ok(newItemId(999) < newItemId(1000));
    const sameMillisecond = Array.from({ length: 50 }, () => newItemId(1000));
    assert.deepEqual([...sameMillisecond].sort(), sameMillisecond, 'written in one millisecond, sorted in the order written');
    assert.match(newItemId(Date.now()), /^\d{13}-[a-z0-9]{8}$/);
  });

  it('only the oldest text of each recipient is a head, and only due heads go', () => {
    const a1 = item({ id: '0000000000001-aaaaaaaa', createdAt: 1, nextAt: 50 });
    const a2 = item({ id: '0000000000002-aaaaaaaa', createdAt: 2, nextAt: 0 });
    const b1 = item({ id: '0000000000003-aaaaaaaa', createdAt: 3, to: '+15550001111', nextAt: 0 });
    assert.deepEqual(heads([b1, a2, a1]), [a1, b1]);
    assert.deepEqual(due([b1, a2, a1], 10), [b1]); // a2 waits behind a1 although it is due itself
    assert.deepEqual(due([b1, a2, a1], 50), [a1, b1]);
  });

  it('backs off from 5 s doubling to 5 min, with jitter, and never sooner than Retry-After', () => {
    assert.equal(
      nextAttemptAt(1000, 1, 0, () => 1),
      6000,
    );
    assert.equal(
      nextAttemptAt(1000, 1, 0, () => 0),
      1000 + 3750,
    );
    assert.equal(
      nextAttemptAt(0, 3, 0, () => 1),
      20_000,
    );
    assert.equal(
      nextAttemptAt(0, 30, 0, () => 1),
      300_000,
    );
    assert.equal(
      nextAttemptAt(0, 1, 60_000, () => 1),
      60_000,
    );
  });

  it('items older than the maximum age expire', () => {
    const old = item({ createdAt: 0 });
    const young = item({ createdAt: 100 });
    assert.deepEqual(expired([old, young], 1100, 1000), [old]);
  });

  it('a text a minute or more late says how late', () => {
    assert.equal(delayedText('Done', 0, 59_999), 'Done');
    assert.equal(delayedText('Done', 0, 14 * 60_000 + 5), 'Done (delayed 14 min)');
    assert.equal(delayedText('Done', 0, 185 * 60_000), 'Done (delayed 3 h 5 min)');
  });

  it('reads back only well-formed items', () => {
    const good = item({});
    assert.deepEqual(parseItem(JSON.parse(JSON.stringify(good))), good);
    for (const bad of [
      null,
      'x',
      { ...good, id: '../x' },
      { ...good, message: '' },
      { ...good, reason: 'bored' },
      { ...good, attempts: -1 },
    ]) {
      assert.equal(parseItem(bad), undefined, JSON.stringify(bad));
    }
  });
});
