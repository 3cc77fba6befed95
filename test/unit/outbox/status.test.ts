import assert from 'node:assert/strict';
import { statusView, waitingActions, type WaitingState } from '../../../src/core/outbox/status';
import type { WaitReason } from '../../../src/core/outbox/items';

const empty: WaitingState = { outbox: [], armed: [], unread: [] };
/** One of each: an outbox text, a one-shot, a thread with 2 unread replies and one read. */
const busy: WaitingState = {
  outbox: [{ id: 'a', to: '+14155552671', label: 'build', reason: 'offline' }],
  armed: [{ kind: 'task', label: 'test' }],
  unread: [
    { key: 'k1', to: '+15550001', count: 2 },
    { key: 'k2', to: '+15550002', count: 0 },
  ],
};
const text = (id: string, label: string, reason: WaitReason = 'offline') => ({ id, to: '+14155552671', label, reason });

describe('status bar item of what waits', () => {
  it('hides when nothing waits (no unread replies counts as nothing)', () => {
    assert.equal(statusView(empty), undefined);
    assert.equal(statusView({ ...empty, unread: [{ key: 'k', to: '+1', count: 0 }] }), undefined);
  });

  it('names a lone outbox text and why it waits; counts several with every reason', () => {
    assert.equal(statusView({ ...empty, outbox: [text('a', 'task "build"')] })!.text, '$(clock) task "build" (offline)');
    const two = statusView({ ...empty, outbox: [text('a', 'x'), text('b', 'y', 'rate-limited')] })!;
    assert.equal(two.text, '$(clock) 2 waiting (offline, rate limited)');
    assert.equal(
      statusView({ ...empty, outbox: [text('a', 'x', 'quiet'), text('b', 'y', 'queued')] })!.text,
      '$(clock) 2 waiting (quiet hours, after an earlier text)',
    );
    assert.match(two.tooltip, /\*\*2 texts in the outbox\*\*/);
    assert.match(two.tooltip, /- x to \\\+14155552671 \(offline\)/);
    assert.match(two.tooltip, /- y to \\\+14155552671 \(rate limited\)/);
  });

  it('shows armed one-shots and unread replies beside the outbox', () => {
    const view = statusView({ ...busy, unread: [...busy.unread, { key: 'k3', to: '+15550003', count: 1 }] })!;
    assert.equal(view.text, '$(clock) build (offline)  $(bell) test  $(mail) 3 unread');
    assert.doesNotMatch(view.tooltip, /15550002/);
    assert.match(view.tooltip, /\*\*1 one-shot notification\*\* armed/);
    assert.match(view.tooltip, /\*\*3 unread replies\*\*/);
    assert.equal(
      statusView({
        ...empty,
        armed: [
          { kind: 'task', label: 'a' },
          { kind: 'terminal', label: 'b' },
        ],
      })!.text,
      '$(bell) 2 armed',
    );
  });

  it('shows outside text as typed: no icon in the item, no link or markup in the tooltip, long labels cut', () => {
    const hostile = '$(alert) [click](command:imessage.clearToken) **now**\u202e' + 'x'.repeat(200);
    const view = statusView({ ...empty, outbox: [{ id: 'a', to: '<img src=x>', label: hostile, reason: 'offline' }] })!;
    assert.ok(view.text.startsWith('$(clock) \\$(alert) [click]'), view.text);
    assert.ok(view.text.length < 80, `${view.text.length} characters`);
    assert.doesNotMatch(view.text, /\u202e/);
    assert.doesNotMatch(view.tooltip, /\]\(command:|(?<!\\)<img|(?<!\\)\*\*now/);
    assert.match(view.tooltip, /\\\[click\\\]\\\(command\\:imessage\\\.clearToken\\\)/);
    assert.match(view.tooltip, /⟨RLO⟩/);
  });

  it('offers send now and discard per outbox text, open per unread thread, cancel per one-shot', () => {
    const actions = waitingActions(busy);
    assert.deepEqual(
      actions.map((a) => [a.kind, a.label]),
      [
        ['send-now', '$(send) Send now: build to +14155552671'],
        ['discard', '$(trash) Discard: build to +14155552671'],
        ['open', '$(mail) Open the conversation with +15550001 (2 unread)'],
        ['cancel', '$(bell-slash) Cancel: task test'],
      ],
    );
    assert.deepEqual(
      waitingActions({ ...empty, outbox: [{ ...text('a', '$(x)') }] })[0]!.label,
      '$(send) Send now: \\$(x) to +14155552671',
    );
  });
});
