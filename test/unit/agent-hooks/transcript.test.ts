// The agent's last message from the tail of a Claude Code transcript: the last assistant record's
// text blocks, sub-agents and tool-only records skipped, a cut first line never read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lastAssistantText } from '../../../src/core/agent-hooks/transcript';

const fixture = readFileSync(new URL('../../fixtures/agent-hooks/claude.transcript.jsonl', import.meta.url), 'utf8');

describe('agent hooks: transcript tail', () => {
  it('the last assistant text, its text blocks joined; thinking, tool calls, sub-agents and other records skipped', () => {
    assert.equal(lastAssistantText(fixture, false), 'Fixed the time zone bug in parseDate.\nAll 212 tests pass now.');
  });

  it('a tail cut inside the file does not read its first, partial line', () => {
    const lines = fixture.trimEnd().split('\n');
    const last = lines.findIndex((l) => l.includes('All 212 tests'));
    // The tail starts in the middle of the record that holds the answer: that record is gone, the one before counts.
    const tail = [lines[last]!.slice(40), ...lines.slice(last + 1)].join('\n');
    assert.equal(lastAssistantText(tail, true), undefined);
    const longer = [lines[3]!.slice(10), ...lines.slice(4, last)].join('\n');
    assert.equal(lastAssistantText(longer, true), undefined, 'only the sub-agent and the cut line before it');
    assert.equal(lastAssistantText(lines.slice(2, last).join('\n'), true), "I'll start by running the tests.");
  });

  it('content given as a string, and nothing for broken or hostile lines', () => {
    assert.equal(lastAssistantText('{"type":"assistant","message":{"role":"assistant","content":"  done  "}}\n', false), 'done');
    for (const tail of [
      '',
      'not json',
      '{"type":"assistant"',
      '{"type":"assistant","message":null}',
      '{"type":"assistant","message":{"role":"user","content":"x"}}',
      '["assistant"]',
      '{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":7}]}}',
    ]) {
      assert.equal(lastAssistantText(tail, false), undefined, tail);
    }
  });
});
