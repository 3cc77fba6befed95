import assert from 'node:assert/strict';
import type { BubbleView, ThreadView } from '../../../src/shared/compose';
import { announcement, NewMessages } from '../../../src/webview/compose/new-messages';

const bubble = (key: string, direction: 'in' | 'out' = 'in'): BubbleView => ({
  key,
  direction,
  text: key,
  attachments: [],
  at: 0,
  state: 'delivered',
  tapbacks: [],
});
const thread = (title: string, keys: (string | BubbleView)[], loading = false): ThreadView => ({
  title,
  bubbles: keys.map((k) => (typeof k === 'string' ? bubble(k) : k)),
  unread: 0,
  loading,
});
const keys = (bubbles: BubbleView[]) => bubbles.map((b) => b.key);

describe('new messages to announce in the conversation', () => {
  it('the first render of a thread is what was there: nothing is new', () => {
    const seen = new NewMessages();
    assert.deepEqual(seen.arrived(thread('Ana', ['a', 'b'])), []);
  });

  it('a reply is new once: the same thread rendered again (a poll, a tapback) announces nothing', () => {
    const seen = new NewMessages();
    seen.arrived(thread('Ana', ['a']));
    assert.deepEqual(keys(seen.arrived(thread('Ana', ['a', 'b']))), ['b']);
    assert.deepEqual(seen.arrived(thread('Ana', ['a', 'b'])), []);
    assert.deepEqual(seen.arrived(thread('Ana', ['a', 'b'])), []);
  });

  it('only incoming messages: our own sends are not announced', () => {
    const seen = new NewMessages();
    seen.arrived(thread('Ana', ['a']));
    assert.deepEqual(keys(seen.arrived(thread('Ana', ['a', bubble('mine', 'out'), 'c']))), ['c']);
  });

  it('the history arriving after "loading", a switch of recipient, or no thread: nothing is new', () => {
    const seen = new NewMessages();
    assert.deepEqual(seen.arrived(thread('Ana', [], true)), []);
    assert.deepEqual(seen.arrived(thread('Ana', ['a', 'b'])), []);
    assert.deepEqual(seen.arrived(thread('Ben', ['x', 'y'])), []);
    assert.deepEqual(seen.arrived(null), []);
    assert.deepEqual(seen.arrived(thread('Ben', ['x', 'y', 'z'])), [], 'back after no thread: the first render again');
    assert.deepEqual(keys(seen.arrived(thread('Ben', ['x', 'y', 'z', 'w']))), ['w']);
  });

  it('says one message in full (cut when long), several by number', () => {
    assert.equal(announcement('Ana', [{ text: ' No\n problem ', attachments: 0 }]), 'New message from Ana: No problem');
    assert.equal(announcement('Ana', [{ text: 'Look', attachments: 2 }]), 'New message from Ana: Look (2 attachments)');
    assert.equal(announcement('Ana', [{ text: '', attachments: 1 }]), 'New message from Ana: 1 attachment');
    const long = announcement('Ana', [{ text: 'x'.repeat(500), attachments: 0 }]);
    assert.equal(long, `New message from Ana: ${'x'.repeat(139)}…`);
    assert.equal(
      announcement('Ana', [
        { text: 'a', attachments: 0 },
        { text: 'b', attachments: 0 },
      ]),
      '2 new messages from Ana',
    );
    assert.equal(announcement('Ana', []), '');
  });
});
