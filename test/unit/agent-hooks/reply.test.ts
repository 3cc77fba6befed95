// Which question a reply answers: only the user's own number, only after the question, never a
// quote of it, a yes that is only a yes, and the code of exactly one question when several are open.
import assert from 'node:assert/strict';
import { codeNeeded, matchReply, newCode, type OpenQuestion } from '../../../src/core/agent-hooks/reply';

const USER = '+14155552671';
const T0 = Date.parse('2026-12-02T10:00:00Z');
const publish: OpenQuestion = {
  id: 'q1',
  code: 'K7R',
  text: 'Claude wants to run `npm publish` in acme-api. Reply Y to allow, N to deny.',
  sentAt: T0,
};
const push: OpenQuestion = {
  id: 'q2',
  code: 'X3P',
  text: 'Copilot wants to run `git push --force` in web. Reply Y X3P to allow, N X3P to deny.',
  sentAt: T0 + 60_000,
};
const later = T0 + 120_000;
const reply = (text: string, at = later, from = USER) => ({ from, at, text });

describe('agent hooks: reply matching', () => {
  it('yes, y, allow, ok and 👍 (any skin tone, any case, trailing punctuation) allow', () => {
    for (const text of ['yes', 'Y', 'y.', 'YES!', 'allow', 'Ok', '👍', '👍🏽', ' 👍️ ', '(y)']) {
      assert.deepEqual(matchReply([publish], reply(text), USER), { answered: true, questionId: 'q1', decision: { kind: 'allow' } }, text);
    }
  });

  it('no, n, deny and 👎 deny, with the rest of the text as the reason', () => {
    assert.deepEqual(matchReply([publish], reply('N'), USER), { answered: true, questionId: 'q1', decision: { kind: 'deny' } });
    assert.deepEqual(matchReply([publish], reply('no, publish from CI instead'), USER), {
      answered: true,
      questionId: 'q1',
      decision: { kind: 'deny', reason: 'publish from CI instead' },
    });
    for (const text of ['deny', 'NO.', '👎', '👎🏿']) assert.equal(matchReply([publish], reply(text), USER).answered, true, text);
  });

  it('anything else is not an answer, a yes with more words included', () => {
    for (const text of ['', 'maybe', 'yes but not on main', 'yes please', 'sure', 'yeah', '?', 'nope', 'Y N']) {
      assert.deepEqual(matchReply([publish], reply(text), USER), { answered: false, why: 'not-a-decision' }, text);
    }
  });

  it('a stranger’s Y never approves, however the number is written', () => {
    assert.deepEqual(matchReply([publish], reply('Y', later, '+14155550000'), USER), { answered: false, why: 'stranger' });
    assert.deepEqual(matchReply([publish], reply('Y', later, ''), ''), { answered: false, why: 'stranger' });
    assert.equal(matchReply([publish], reply('Y', later, '+1 (415) 555-2671'), USER).answered, true);
  });

  it('a message sent before the question (or at the same instant) does not answer it', () => {
    assert.deepEqual(matchReply([publish], reply('Y', T0 - 1), USER), { answered: false, why: 'before-question' });
    assert.deepEqual(matchReply([publish], reply('Y', T0), USER), { answered: false, why: 'before-question' });
    assert.deepEqual(matchReply([], reply('Y'), USER), { answered: false, why: 'no-open-question' });
  });

  it('a message that quotes the question never approves (a forwarded question, an SMS tapback, a reply with the code quoted)', () => {
    const quotes = [
      `Y ${publish.text}`,
      `Liked “${publish.text}”`,
      `y\n> ${publish.text.toUpperCase().replace(/ /g, '  ')}`,
      `Y X3P ${push.text}`,
    ];
    for (const text of quotes) {
      assert.deepEqual(matchReply([publish, push], reply(text), USER), { answered: false, why: 'quotes-question' }, text);
    }
  });

  it('two open questions are answered separately, each by its code, in any case and position', () => {
    const open = [publish, push];
    assert.deepEqual(matchReply(open, reply('Y K7R'), USER), { answered: true, questionId: 'q1', decision: { kind: 'allow' } });
    assert.deepEqual(matchReply(open, reply('x3p no, not on Friday'), USER), {
      answered: true,
      questionId: 'q2',
      decision: { kind: 'deny', reason: 'not on Friday' },
    });
    assert.deepEqual(matchReply(open, reply('k7r: 👍'), USER), { answered: true, questionId: 'q1', decision: { kind: 'allow' } });
  });

  it('with two open, a reply without a code answers neither; a wrong or second code answers neither', () => {
    const open = [publish, push];
    assert.deepEqual(matchReply(open, reply('Y'), USER), { answered: false, why: 'needs-code' });
    assert.deepEqual(matchReply(open, reply('Y M4T'), USER), { answered: false, why: 'unknown-code' });
    assert.deepEqual(matchReply(open, reply('Y K7R X3P'), USER), { answered: false, why: 'not-a-decision' });
    // The code of a question sent after the reply does not reach back in time.
    assert.deepEqual(matchReply(open, reply('Y X3P', T0 + 30_000), USER), { answered: false, why: 'unknown-code' });
    // Sent while only the first was open, a bare Y answers the first: the second did not exist yet.
    assert.deepEqual(matchReply(open, reply('Y', T0 + 30_000), USER), { answered: true, questionId: 'q1', decision: { kind: 'allow' } });
  });

  it('codes: letter, digit, letter; never one in use; needed once another question is open', () => {
    const taken = new Set<string>();
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 500; i++) {
      const code = newCode(taken, random);
      assert.match(code, /^[ACDEFHJKMPRTWX][234679][ACDEFHJKMPRTWX]$/);
      assert.ok(!taken.has(code));
      taken.add(code);
    }
    assert.throws(() => newCode(['A2A'], () => 0), /no free question code/);
    assert.equal(codeNeeded([]), false);
    assert.equal(codeNeeded([publish]), true);
  });
});
