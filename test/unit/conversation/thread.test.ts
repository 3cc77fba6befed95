// The thread model: API history folded over polls, our own sends matched onto it, states, tapbacks.
import assert from 'node:assert/strict';
import type { HistoryEntry } from '../../../src/core/history';
import { localMessages, numberSource, threadKey } from '../../../src/core/conversation/local';
import { buildThread, DELAYED_AFTER_MS, emptyApiState, mergeHistory, type LocalMessage } from '../../../src/core/conversation/thread';
import type { HistoryData, HistoryMessage, HistoryReaction } from '../../../src/core/schema';

const OURS = '+15550000001';
const THEM = '+14155552671';
const T0 = 1_780_000_000_000;
const SPEC = { to: THEM, from: OURS };

const out = (message: string, at: number, extra: Partial<HistoryMessage> = {}): HistoryMessage => ({
  to: THEM,
  from: OURS,
  message,
  timestamp: at,
  read: null,
  delivery: { status: 'delivered', delayed: false, timestamp: at + 500 },
  attachments: [],
  ...extra,
});
const inn = (message: string, at: number, extra: Partial<HistoryMessage> = {}): HistoryMessage => ({
  to: OURS,
  from: THEM,
  message,
  timestamp: at,
  read: null,
  delivery: { status: 'delivered', delayed: false, timestamp: at },
  attachments: [],
  ...extra,
});
const data = (conversation: HistoryMessage[], reactions: HistoryReaction[] = [], total = conversation.length): HistoryData => ({
  conversation,
  reactions,
  chat: { total, count: conversation.length },
});
const entry = (to: string, request: object, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: T0,
  source: 'compose',
  api: 'current',
  to,
  request,
  ok: true,
  ...extra,
});
const local = (text: string, at: number, extra: Partial<LocalMessage> = {}): LocalMessage => ({
  id: `${at}:x`,
  at,
  text,
  attachments: [],
  state: 'sent',
  ...extra,
});

describe('conversation thread model', () => {
  describe('merging history', () => {
    it('tells the directions apart by comparing `from` with our number', () => {
      const { state } = mergeHistory(emptyApiState(), data([out('hi', T0), inn('hello', T0 + 1000)]), OURS);
      const thread = buildThread(SPEC, state, [], T0 + 2000);
      assert.deepEqual(
        thread.bubbles.map((b) => [b.direction, b.text]),
        [
          ['out', 'hi'],
          ['in', 'hello'],
        ],
      );
    });

    it('a repeated poll (or a reconnect) adds nothing: same keys, no new arrivals', () => {
      const answer = data([out('hi', T0), inn('hello', T0 + 1000)]);
      const first = mergeHistory(emptyApiState(), answer, OURS);
      assert.equal(first.arrived.length, 1);
      const second = mergeHistory(first.state, structuredClone(answer), OURS);
      assert.equal(second.arrived.length, 0);
      assert.equal(buildThread(SPEC, second.state, []).bubbles.length, 2);
    });

    it('a message that changes state (delivered, then read) stays one bubble and takes the new state', () => {
      const a = mergeHistory(emptyApiState(), data([out('hi', T0)]), OURS).state;
      const b = mergeHistory(a, data([out('hi', T0, { read: T0 + 4000 })]), OURS).state;
      const thread = buildThread(SPEC, b, []);
      assert.equal(thread.bubbles.length, 1);
      assert.equal(thread.bubbles[0]!.state, 'read');
      assert.equal(thread.lastSent, 'read');
    });

    it('two identical messages in the same millisecond stay two, and stay two on the next poll', () => {
      const answer = data([inn('ok', T0), inn('ok', T0)]);
      const first = mergeHistory(emptyApiState(), answer, OURS);
      const second = mergeHistory(first.state, answer, OURS);
      assert.equal(first.arrived.length, 2);
      assert.equal(second.arrived.length, 0);
      assert.equal(buildThread(SPEC, second.state, []).bubbles.length, 2);
    });

    it('keys by the server id when one is sent', () => {
      const a = mergeHistory(emptyApiState(), data([inn('x', T0, { id: 'imsg_1' })]), OURS).state;
      const b = mergeHistory(a, data([inn('x', T0 + 1, { id: 'imsg_1' })]), OURS);
      assert.equal(b.arrived.length, 0);
      assert.equal(buildThread(SPEC, b.state, []).bubbles.length, 1);
    });

    it('a window that moved on keeps what was seen before; only new inbound messages are arrivals', () => {
      const a = mergeHistory(emptyApiState(), data([inn('one', T0), inn('two', T0 + 1)]), OURS).state;
      const b = mergeHistory(a, data([inn('two', T0 + 1), inn('three', T0 + 2)]), OURS);
      assert.deepEqual(
        b.arrived.map((m) => m.text),
        ['three'],
      );
      assert.deepEqual(
        buildThread(SPEC, b.state, []).bubbles.map((m) => m.text),
        ['one', 'two', 'three'],
      );
    });

    it('an outbound message is never an arrival', () => {
      const a = mergeHistory(emptyApiState(), data([]), OURS).state;
      assert.deepEqual(mergeHistory(a, data([out('mine', T0)]), OURS).arrived, []);
    });
  });

  describe('our own sends', () => {
    it('a send the API lists is one bubble, carrying the message id', () => {
      const api = mergeHistory(emptyApiState(), data([out('hi', T0)]), OURS).state;
      const thread = buildThread(SPEC, api, [local('hi', T0 + 200, { messageId: 'imsg_a' })]);
      assert.equal(thread.bubbles.length, 1);
      assert.equal(thread.bubbles[0]!.messageId, 'imsg_a');
      assert.equal(thread.bubbles[0]!.state, 'delivered');
    });

    it('the same text sent twice matches the two API messages one to one', () => {
      const api = mergeHistory(emptyApiState(), data([out('again', T0), out('again', T0 + 5000)]), OURS).state;
      const thread = buildThread(SPEC, api, [
        local('again', T0 + 100, { id: 'a', messageId: 'm1' }),
        local('again', T0 + 5100, { id: 'b', messageId: 'm2' }),
      ]);
      assert.deepEqual(
        thread.bubbles.map((b) => b.messageId),
        ['m1', 'm2'],
      );
    });

    it('pending, sent-not-yet-listed and failed sends are shown in time order with their state', () => {
      const api = mergeHistory(emptyApiState(), data([inn('q?', T0)]), OURS).state;
      const thread = buildThread(SPEC, api, [
        local('nope', T0 + 1, { id: 'f', state: 'failed', error: 'HTTP 400: bad', mayHaveBeenSent: false }),
        local('sent', T0 + 2, { id: 's', messageId: 'imsg_s' }),
        local('going', T0 + 3, { id: 'p', state: 'pending' }),
      ]);
      assert.deepEqual(
        thread.bubbles.map((b) => [b.text, b.state]),
        [
          ['q?', 'delivered'],
          ['nope', 'failed'],
          ['sent', 'sent'],
          ['going', 'pending'],
        ],
      );
      assert.equal(thread.bubbles[1]!.error, 'HTTP 400: bad');
      assert.equal(thread.lastSent, 'pending');
    });

    it('a send older than a cut-off window is not shown as waiting forever', () => {
      const api = mergeHistory(emptyApiState(), data([inn('new', T0 + 60_000)], [], 300), OURS).state;
      assert.deepEqual(
        buildThread(SPEC, api, [local('old', T0)]).bubbles.map((b) => b.text),
        ['new'],
      );
    });

    it('reads sends from the send history: this person, this number or a learned one, never the legacy API', () => {
      const entries = [
        entry(THEM, { to: THEM, from: OURS, message: 'named' }, { at: T0 + 1, messageId: 'a' }),
        entry(THEM, { to: THEM, from: '+15550000009', message: 'other number' }, { at: T0 + 2 }),
        entry(THEM, { to: THEM, message: 'chosen' }, { at: T0 + 3, messageId: 'chosen-id' }),
        entry(THEM, { to: THEM, message: 'chosen elsewhere' }, { at: T0 + 4, messageId: 'elsewhere-id' }),
        entry('+14155550000', { to: '+14155550000', from: OURS, message: 'someone else' }),
        entry(THEM, { to: THEM, from: OURS, message: 'legacy' }, { api: 'legacy' }),
        entry(THEM, { to: THEM, from: OURS, message: 'refused' }, { ok: false, error: 'HTTP 400', mayHaveBeenSent: false }),
      ];
      const learned: Record<string, string> = { 'chosen-id': OURS, 'elsewhere-id': '+15550000009' };
      const got = localMessages(entries, SPEC, (id) => learned[id]);
      assert.deepEqual(
        got.map((l) => [l.text, l.state]),
        [
          ['named', 'sent'],
          ['chosen', 'sent'],
          ['refused', 'failed'],
        ],
      );
      assert.equal(threadKey(SPEC), `${THEM}|${OURS}`);
    });

    it("finds the thread's number: the newest send that named one, else the lookup of the newest that reached the API", () => {
      const chosen = entry(THEM, { to: THEM, message: 'chosen' }, { messageId: 'chosen-id' });
      const named = entry(THEM, { to: THEM, from: OURS, message: 'named' }, { messageId: 'named-id' });
      const notThem = entry('+14155550000', { to: '+14155550000', from: '+15550000009' });
      const legacy = entry(THEM, { to: THEM, from: '+15550000009' }, { api: 'legacy' });
      const refused = entry(THEM, { to: THEM, message: 'refused' }, { ok: false, messageId: 'refused-id' });
      const unnamed = entry(THEM, { to: THEM, from: '' }, { ok: true });
      assert.deepEqual(numberSource([notThem, legacy, refused, unnamed, named, chosen], THEM), { from: OURS });
      assert.deepEqual(numberSource([chosen, named], THEM), { messageId: 'chosen-id' });
      assert.equal(numberSource([notThem, legacy, refused, unnamed], THEM), undefined);
      assert.equal(numberSource([], THEM), undefined);
    });
  });

  describe('states, unread and tapbacks', () => {
    it('delayed only once the API still says so well after the send; failed is failed', () => {
      const delayed = { status: 'delayed', delayed: true, timestamp: T0 };
      const api = mergeHistory(
        emptyApiState(),
        data([out('slow', T0, { delivery: delayed }), out('bad', T0 + 1, { delivery: { status: 'failed', delayed: false } })]),
        OURS,
      ).state;
      assert.deepEqual(
        buildThread(SPEC, api, [], T0 + 1000).bubbles.map((b) => b.state),
        ['sent', 'failed'],
      );
      assert.deepEqual(
        buildThread(SPEC, api, [], T0 + DELAYED_AFTER_MS + 1).bubbles.map((b) => b.state),
        ['delayed', 'failed'],
      );
    });

    it('counts inbound messages we have not read', () => {
      const api = mergeHistory(
        emptyApiState(),
        data([inn('a', T0, { read: T0 + 1 }), inn('b', T0 + 2), inn('c', T0 + 3), out('d', T0 + 4)]),
        OURS,
      ).state;
      assert.equal(buildThread(SPEC, api, []).unread, 2);
    });

    it('replays tapbacks: the latest message with the text at the time, one per person, add replaces, remove removes', () => {
      const r = (reaction: string, on: string, timestamp: number, action: string, from: string): HistoryReaction => ({
        reaction,
        on,
        timestamp,
        action,
        from,
      });
      const api = mergeHistory(
        emptyApiState(),
        data(
          [out('ok', T0), inn('ok', T0 + 10), out('later', T0 + 30)],
          [
            r('like', 'ok', T0 + 5, 'added', THEM), // only the first "ok" existed then
            r('love', 'ok', T0 + 20, 'added', OURS), // the inbound "ok" is the latest now
            r('laugh', 'ok', T0 + 21, 'added', OURS), // replaces our love
            r('question', 'later', T0 + 40, 'added', THEM),
            r('question', 'later', T0 + 41, 'removed', THEM),
          ],
        ),
        OURS,
      ).state;
      const [first, second, third] = buildThread(SPEC, api, []).bubbles;
      assert.deepEqual(first!.tapbacks, [{ reaction: 'like', by: THEM, mine: false }]);
      assert.deepEqual(second!.tapbacks, [{ reaction: 'laugh', by: OURS, mine: true }]);
      assert.deepEqual(third!.tapbacks, []);
    });
  });
});
