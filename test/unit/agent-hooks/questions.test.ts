// One book of open questions for hooks (Y/N) and imessage_ask (free text): each inbound message of
// the user's thread answers at most one question, only after it, never a quote of it; several
// open questions need the code; a reply that could answer several gets one "which one?".
import assert from 'node:assert/strict';
import { QuestionBook, type ThreadMessage } from '../../../src/core/agent-hooks/questions';

const USER = '+14155552671';
const THREAD = 'thread';
/** A fixed sequence for newCode: codes are K2A, K2C, … in order. */
const counter = () => {
  let n = 0;
  return () => (n++ % 7) / 7;
};

let at = 0;
const out = (key: string, text: string, messageId = key): ThreadMessage => ({ key, direction: 'out', text, at: ++at, messageId });
const inbound = (key: string, text: string): ThreadMessage => ({ key, direction: 'in', text, at: ++at });

function asked(book: QuestionBook, kind: 'approval' | 'ask', text: (code: string, withCode: boolean) => string) {
  const q = book.openQuestion(kind);
  const message = out(q.id, text(q.code, q.withCode));
  book.sent(q.id, { thread: THREAD, text: message.text, at: message.at, messageId: message.messageId });
  return { ...q, message };
}

describe('agent hooks: open questions', () => {
  it('one open question: the first reply after it answers it, never one before it', () => {
    const book = new QuestionBook(counter());
    const before = inbound('old', 'yes');
    const q = asked(book, 'ask', () => 'Deploy?');
    assert.equal(q.withCode, false);
    const reading = book.readThread(
      THREAD,
      [before, q.message, out('other', 'unrelated'), inbound('r1', 'yes please'), inbound('r2', 'and more')],
      USER,
    );
    assert.deepEqual(reading, { answers: [{ id: q.id, answer: { kind: 'text', text: 'yes please' } }] });
    assert.equal(book.size, 0, 'answered questions close');
  });

  it('nothing while the question is not in the thread yet (the poll has not seen the send)', () => {
    const book = new QuestionBook(counter());
    const q = asked(book, 'approval', () => 'Claude wants to run `ls`. Reply Y to allow, N to deny.');
    assert.deepEqual(book.readThread(THREAD, [inbound('r', 'Y')], USER), { answers: [] });
    assert.deepEqual(book.readThread(THREAD, [q.message, inbound('r2', 'Y')], USER).answers, [
      { id: q.id, answer: { kind: 'decision', decision: { kind: 'allow' } } },
    ]);
  });

  it('approvals: Y allows, N denies with the reason, anything else is unclear', () => {
    const book = new QuestionBook(counter());
    const text = () => 'Claude wants to run `npm publish`. Reply Y to allow, N to deny.';
    const a = asked(book, 'approval', text);
    assert.deepEqual(book.readThread(THREAD, [a.message, inbound('n', 'N too risky')], USER).answers, [
      { id: a.id, answer: { kind: 'decision', decision: { kind: 'deny', reason: 'too risky' } } },
    ]);
    const b = asked(book, 'approval', text);
    assert.deepEqual(book.readThread(THREAD, [b.message, inbound('m', 'maybe later')], USER).answers, [
      { id: b.id, answer: { kind: 'unclear', text: 'maybe later' } },
    ]);
  });

  it('a second question carries a code, and each reply answers the question whose code it names', () => {
    const book = new QuestionBook(counter());
    const a = asked(book, 'approval', (code, withCode) => `Run \`a\`? Reply Y${withCode ? ` ${code}` : ''} to allow.`);
    const b = asked(book, 'approval', (code, withCode) => `Run \`b\`? Reply Y${withCode ? ` ${code}` : ''} to allow.`);
    assert.equal(a.withCode, false);
    assert.equal(b.withCode, true);
    assert.notEqual(a.code, b.code);
    const thread = [a.message, b.message, inbound('r1', `N ${b.code} not now`), inbound('r2', `y ${a.code.toLowerCase()}`)];
    assert.deepEqual(book.readThread(THREAD, thread, USER).answers, [
      { id: b.id, answer: { kind: 'decision', decision: { kind: 'deny', reason: 'not now' } } },
      { id: a.id, answer: { kind: 'decision', decision: { kind: 'allow' } } },
    ]);
  });

  it('an ask and an approval open: the ask takes the reply that starts with its code, the code taken out', () => {
    const book = new QuestionBook(counter());
    const approval = asked(book, 'approval', () => 'Run `x`? Reply Y to allow, N to deny.');
    const ask = asked(book, 'ask', (code) => `Which branch?\n\n(Another question is open: start your reply with ${code}.)`);
    const reading = book.readThread(THREAD, [approval.message, ask.message, inbound('r', `${ask.code}: release/2.1`)], USER);
    assert.deepEqual(reading.answers, [{ id: ask.id, answer: { kind: 'text', text: 'release/2.1' } }]);
    assert.equal(book.size, 1);
  });

  it('a reply without a code while several are open answers none, and is asked about once, not per read', () => {
    const book = new QuestionBook(counter());
    const a = asked(book, 'ask', () => 'First?');
    const b = asked(book, 'ask', (code) => `Second? (start with ${code})`);
    const thread = [a.message, b.message, inbound('r', 'yes')];
    const first = book.readThread(THREAD, thread, USER);
    assert.deepEqual(first.answers, []);
    assert.deepEqual(
      first.ambiguous?.map((q) => q.id),
      [a.id, b.id],
    );
    assert.deepEqual(book.readThread(THREAD, thread, USER), { answers: [] }, 'the same message is not asked about again');
    assert.deepEqual(book.readThread(THREAD, [...thread, inbound('r2', `${a.code} yes`)], USER).answers, [
      { id: a.id, answer: { kind: 'text', text: 'yes' } },
    ]);
  });

  it('a reply naming two codes is ambiguous too', () => {
    const book = new QuestionBook(counter());
    const a = asked(book, 'approval', () => 'A? Reply Y to allow.');
    const b = asked(book, 'approval', (code) => `B? Reply Y ${code} to allow.`);
    const reading = book.readThread(THREAD, [a.message, b.message, inbound('r', `Y ${a.code} ${b.code}`)], USER);
    assert.deepEqual(reading.answers, []);
    assert.equal(reading.ambiguous?.length, 2);
  });

  it('a reply sent between two questions can only answer the first', () => {
    const book = new QuestionBook(counter());
    const a = asked(book, 'approval', () => 'A? Reply Y to allow.');
    const b = asked(book, 'approval', (code) => `B? Reply Y ${code} to allow.`);
    const reading = book.readThread(THREAD, [a.message, inbound('r', 'Y'), b.message], USER);
    assert.deepEqual(reading.answers, [{ id: a.id, answer: { kind: 'decision', decision: { kind: 'allow' } } }]);
  });

  it('a quote of a question (a forward, a tapback) answers nothing', () => {
    const book = new QuestionBook(counter());
    const q = asked(book, 'approval', () => 'Claude wants to run `rm -rf build`. Reply Y to allow, N to deny.');
    const tapback = inbound('t', 'Liked “Claude wants to run `rm -rf build`. Reply Y to allow, N to deny.”');
    assert.deepEqual(book.readThread(THREAD, [q.message, tapback], USER), { answers: [] });
    assert.equal(book.size, 1);
  });

  it("the code of a question no longer open is a late answer to that one, not this one's", () => {
    const book = new QuestionBook(counter());
    const old = book.openQuestion('approval');
    book.close(old.id);
    const q = asked(book, 'approval', () => 'Run `x`? Reply Y to allow.');
    assert.notEqual(q.code, old.code);
    assert.deepEqual(book.readThread(THREAD, [q.message, inbound('r', `Y ${old.code}`)], USER), { answers: [] });
    assert.equal(book.size, 1);
  });

  it('another thread, or a question not yet sent, is never answered', () => {
    const book = new QuestionBook(counter());
    const unsent = book.openQuestion('approval');
    const q = asked(book, 'approval', () => 'Run `x`? Reply Y to allow.');
    assert.deepEqual(book.readThread('elsewhere', [q.message, inbound('r', 'Y')], USER), { answers: [] });
    assert.deepEqual(book.threads(), [THREAD]);
    assert.deepEqual(
      book.readThread(THREAD, [q.message, inbound('r', `Y ${q.code}`)], USER).answers.map((a) => a.id),
      [q.id],
    );
    assert.equal(book.size, 1, 'the unsent one is still open');
    book.close(unsent.id);
    assert.equal(book.size, 0);
  });

  it('a question sent without a message id is placed by time', () => {
    const book = new QuestionBook(counter());
    const q = book.openQuestion('ask');
    book.sent(q.id, { thread: THREAD, text: 'Ready?', at: 100 });
    const older: ThreadMessage = { key: 'o', direction: 'in', text: 'old', at: 99 };
    const newer: ThreadMessage = { key: 'n', direction: 'in', text: 'ready', at: 101 };
    assert.deepEqual(book.readThread(THREAD, [older, newer], USER).answers, [{ id: q.id, answer: { kind: 'text', text: 'ready' } }]);
  });
});
