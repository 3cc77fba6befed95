// Questions open in other windows: seen through files in the private channel directory, so that
// codes are needed and unique across windows, and a window never takes a bare reply then.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuestionFiles } from '../../../src/core/agent-hooks/question-files';
import { QuestionBook, type ThreadMessage } from '../../../src/core/agent-hooks/questions';

describe('agent hooks: questions of other windows', () => {
  let channel: string;
  beforeEach(() => (channel = mkdtempSync(join(tmpdir(), 'imessage-channel-'))));
  afterEach(() => rmSync(channel, { recursive: true, force: true }));

  const alive = new Set([100, 200]);
  const window = (pid: number) => new QuestionFiles(channel, pid, (p) => alive.has(p));

  it('each window sees the codes of the others, not its own; closed questions disappear', () => {
    const a = window(100);
    const b = window(200);
    a.add('q1', 'K7R');
    b.add('q1', 'X3P');
    assert.deepEqual(a.foreignCodes(), ['X3P']);
    assert.deepEqual(b.foreignCodes(), ['K7R']);
    a.remove('q1');
    assert.deepEqual(b.foreignCodes(), []);
  });

  if (process.platform !== 'win32') {
    it('files are private (0600 in a 0700 directory)', () => {
      window(100).add('q1', 'K7R');
      assert.equal(statSync(join(channel, 'questions')).mode & 0o777, 0o700);
      const [file] = readdirSync(join(channel, 'questions'));
      assert.equal(statSync(join(channel, 'questions', file!)).mode & 0o777, 0o600);
    });
  }

  it('a window that is gone is not counted, and its file is removed; junk is ignored', () => {
    window(300).add('q1', 'K7R');
    writeFileSync(join(channel, 'questions', 'notes.txt'), 'K7R');
    writeFileSync(join(channel, 'questions', '200-x-q9'), 'not a code');
    assert.deepEqual(window(100).foreignCodes(), []);
    assert.deepEqual(readdirSync(join(channel, 'questions')).sort(), ['200-x-q9', 'notes.txt']);
  });

  it('no directory yet: no other questions', () => {
    assert.deepEqual(new QuestionFiles(join(channel, 'missing'), 1, () => true).foreignCodes(), []);
  });

  it('the book: a first question carries a code when another window has one open, never the same code, and a bare reply is not taken', () => {
    let foreign = ['K2A'];
    const book = new QuestionBook(
      () => 0,
      () => foreign,
    );
    const q = book.openQuestion('approval');
    assert.equal(q.withCode, true);
    assert.notEqual(q.code, 'K2A');
    book.sent(q.id, { thread: 't', text: `Run x? Reply Y ${q.code} to allow.`, at: 1, messageId: 'm' });
    const question: ThreadMessage = { key: 'm', direction: 'out', text: 'Run x?', at: 1, messageId: 'm' };
    const bare: ThreadMessage = { key: 'r1', direction: 'in', text: 'Y', at: 2 };
    const theirs: ThreadMessage = { key: 'r2', direction: 'in', text: 'Y K2A', at: 3 };
    assert.deepEqual(book.readThread('t', [question, bare, theirs], '+14155552671'), { answers: [] });
    foreign = [];
    const ours: ThreadMessage = { key: 'r3', direction: 'in', text: `y ${q.code}`, at: 4 };
    assert.deepEqual(book.readThread('t', [question, bare, theirs, ours], '+14155552671').answers, [
      { id: q.id, answer: { kind: 'decision', decision: { kind: 'allow' } } },
    ]);
  });
});
