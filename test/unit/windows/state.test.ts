// The unread badge every window shows: computed by one function from every live window's file, per
// thread the newest answer of any window's poll; when a window must publish what its poll read;
// and window files read back field by field (anything else is not a window's).
import assert from 'node:assert/strict';
import {
  MAX_THREADS,
  parseWindowState,
  sharedUnread,
  STATE_VERSION,
  type UnreadThread,
  unreadTotal,
  type WindowState,
  worthPublishing,
} from '../../../src/core/windows/state';

const ANA = '+14155552671|+15550000001';
const BEN = '+14155552672|+15550000001';
const t = (key: string, count: number, at: number): UnreadThread => ({ key, to: key.split('|')[0]!, from: '+15550000001', count, at });
const win = (pid: number, unread: UnreadThread[], onScreen: string[] = []): WindowState => ({
  v: STATE_VERSION,
  pid,
  id: `w${pid}`,
  onScreen,
  unread,
});

describe('the unread badge shared by the windows', () => {
  it('takes, per thread, the newest answer of any window, so every window computes the same', () => {
    const a = win(1, [t(ANA, 2, 100), t(BEN, 1, 300)]);
    const b = win(2, [t(ANA, 0, 200)]); // b read Ana's thread after it was read on the phone
    const c = win(3, [t(BEN, 3, 250)]);
    const shared = sharedUnread([a, b, c]);
    assert.deepEqual(shared, [t(BEN, 1, 300)]);
    assert.equal(unreadTotal(shared), 1);
    // Whoever computes it, in whatever order the files were listed.
    assert.deepEqual(sharedUnread([c, b, a]), shared);
    assert.deepEqual(sharedUnread([b, c, a]), shared);
  });

  it('breaks a tie of times by the larger count, the same way everywhere', () => {
    const one = win(1, [t(ANA, 1, 100)]);
    const two = win(2, [t(ANA, 2, 100)]);
    assert.equal(unreadTotal(sharedUnread([one, two])), 2);
    assert.equal(unreadTotal(sharedUnread([two, one])), 2);
  });

  it('a thread only another window polls still counts; no windows, no badge', () => {
    assert.equal(unreadTotal(sharedUnread([win(1, []), win(2, [t(BEN, 4, 10)])])), 4);
    assert.equal(unreadTotal(sharedUnread([])), 0);
  });

  it('publishes an answer when it is new to the window, or the windows together say otherwise', () => {
    const seen = t(ANA, 1, 500);
    assert.equal(worthPublishing(seen, undefined, []), true, 'first answer for the thread');
    assert.equal(worthPublishing(seen, t(ANA, 0, 100), [t(ANA, 0, 100)]), true, 'the count changed');
    assert.equal(worthPublishing(seen, t(ANA, 1, 100), [t(ANA, 1, 100)]), false, 'the same count: no write per poll');
    // Another window's newer answer said 0, ours (newer still) says 1: ours must be heard.
    assert.equal(worthPublishing(seen, t(ANA, 1, 100), []), true);
    assert.equal(worthPublishing(t(ANA, 0, 500), t(ANA, 0, 100), [t(ANA, 2, 300)]), true);
  });
});

describe('window files read back', () => {
  const good = win(4242, [t(ANA, 1, 1_700_000_000_000)], [BEN]);

  it('reads what a window writes', () => {
    assert.deepEqual(parseWindowState(JSON.parse(JSON.stringify(good))), good);
  });

  it('refuses anything else: other versions, unknown fields, bad numbers, control characters, too many threads', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'text',
      { ...good, v: 2 },
      { ...good, extra: true },
      { ...good, pid: 0 },
      { ...good, pid: 1.5 },
      { ...good, id: '../x' },
      { ...good, unread: [{ ...good.unread[0], count: -1 }] },
      { ...good, unread: [{ ...good.unread[0], count: 1e9 }] },
      { ...good, unread: [{ ...good.unread[0], at: Number.NaN }] },
      { ...good, unread: [{ ...good.unread[0], to: '+1415\u202e5552671' }] },
      { ...good, unread: [{ ...good.unread[0], to: '+1415 555' }] },
      { ...good, unread: [{ ...good.unread[0], key: '' }] },
      { ...good, unread: Array.from({ length: MAX_THREADS + 1 }, (_, i) => t(`${i}|x`, 1, 1)) },
      { ...good, onScreen: 'x' },
    ];
    for (const json of bad) assert.equal(parseWindowState(json), undefined, JSON.stringify(json)?.slice(0, 120));
  });
});
