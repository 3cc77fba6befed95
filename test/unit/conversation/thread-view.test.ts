// What the panel's page receives of a thread: the line under the last sent message, the error kept beside the bubbles.
import assert from 'node:assert/strict';
import type { Bubble, Thread } from '../../../src/core/conversation/thread';
import { pageThread } from '../../../src/extension/features/compose/thread-view';

const bubble = (direction: 'in' | 'out', state: Bubble['state'], extra: Partial<Bubble> = {}): Bubble => ({
  key: `${direction}${state}`,
  direction,
  text: 't',
  attachments: [],
  at: 1,
  state,
  tapbacks: [],
  ...extra,
});
const view = (bubbles: Bubble[], extra: { error?: string; offline?: string; updatedAt?: number } = { updatedAt: 1 }) => ({
  key: 'k',
  thread: { to: '+1', bubbles, unread: 0 } as Thread,
  ...extra,
});

describe('conversation page view', () => {
  it('writes the state of the last sent message under it, with the time it was read', () => {
    assert.equal(pageThread(view([bubble('out', 'delivered'), bubble('in', 'delivered')]), 'Ana').status, 'Delivered');
    assert.equal(pageThread(view([bubble('out', 'read', { readAt: 5 })]), 'Ana', () => '10:42').status, 'Read 10:42');
    assert.equal(pageThread(view([bubble('out', 'pending')]), 'Ana').status, 'Sending…');
    assert.equal(pageThread(view([bubble('in', 'delivered')]), 'Ana').status, undefined);
  });

  it('keeps the bubbles beside the error of a failed poll, and says when nothing was read yet', () => {
    const page = pageThread(view([bubble('in', 'read')], { error: 'HTTP 500', updatedAt: 1 }), 'Ana');
    assert.equal(page.error, 'HTTP 500');
    assert.equal(page.bubbles.length, 1);
    assert.equal(page.loading, false);
    assert.equal(pageThread(undefined, 'Ana').loading, true);
  });

  it('while the API cannot be reached, the page gets the one offline notice, and the bubbles stay', () => {
    const page = pageThread(view([bubble('in', 'read')], { offline: 'Offline: …', updatedAt: 1 }), 'Ana');
    assert.equal(page.offline, 'Offline: …');
    assert.equal(page.error, undefined);
    assert.equal(page.bubbles.length, 1);
  });

  it('sends the page only what it draws: tapbacks without who, failures with why', () => {
    const [b] = pageThread(
      view([bubble('out', 'failed', { error: 'HTTP 400', tapbacks: [{ reaction: 'like', by: '+1', mine: false }], messageId: 'm' })]),
      'Ana',
    ).bubbles;
    assert.deepEqual(b, {
      key: 'outfailed',
      direction: 'out',
      text: 't',
      attachments: [],
      at: 1,
      state: 'failed',
      tapbacks: [{ reaction: 'like', mine: false }],
      error: 'HTTP 400',
    });
  });
});
