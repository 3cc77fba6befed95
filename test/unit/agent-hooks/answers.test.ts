// The answer each agent reads for each decision, from the documented inputs: the exact stdout and
// exit code. No decision, and every event that is not a permission event, is exit 0 with no output.
import assert from 'node:assert/strict';
import { answerFor, type Decision } from '../../../src/core/agent-hooks/answers';
import { parseHookInput, type HookHint } from '../../../src/core/agent-hooks/formats';
import type { HookEvent } from '../../../src/core/agent-hooks/events';
import { fixtureFiles, hookFixture } from '../../fixtures/agent-hooks';

function eventOf(file: string, hint: HookHint = {}): HookEvent {
  const parsed = parseHookInput(hookFixture(file), hint);
  assert.ok(parsed.result === 'event', `${file}: ${JSON.stringify(parsed)}`);
  return parsed.event;
}

const allow: Decision = { kind: 'allow' };
const deny: Decision = { kind: 'deny', reason: 'use the staging registry' };
const ask: Decision = { kind: 'ask' };
const none: Decision = { kind: 'none' };
const nothing = { exitCode: 0, stdout: '' };

/** stdout as the agent parses it. */
function read(event: HookEvent, decision: Decision): unknown {
  const answer = answerFor(event, decision);
  assert.equal(answer.exitCode, 0);
  return answer.stdout === '' ? '' : JSON.parse(answer.stdout);
}

describe('agent hooks: answers', () => {
  it('VS Code and Claude Code PreToolUse: hookSpecificOutput.permissionDecision, with the reason', () => {
    for (const event of [eventOf('vscode.pre-tool-use.terminal.json'), eventOf('claude.pre-tool-use.json')]) {
      const out = (decision: string, reason?: string) => ({
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: decision,
          ...(reason ? { permissionDecisionReason: reason } : {}),
        },
      });
      assert.deepEqual(read(event, allow), out('allow'));
      assert.deepEqual(read(event, deny), out('deny', 'use the staging registry'));
      assert.deepEqual(read(event, { kind: 'deny' }), out('deny', 'The user denied this by iMessage.'));
      assert.deepEqual(read(event, ask), out('ask', 'No answer by iMessage: the user decides here.'));
      assert.deepEqual(read(event, { kind: 'ask', reason: 'Quiet hours' }), out('ask', 'Quiet hours'));
      assert.deepEqual(answerFor(event, none), nothing);
    }
  });

  it('Claude Code PermissionRequest: hookSpecificOutput.decision.behavior; "ask" leaves its dialog to decide', () => {
    const event = eventOf('claude.permission-request.json');
    assert.deepEqual(read(event, allow), { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
    assert.deepEqual(read(event, deny), {
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'use the staging registry' } },
    });
    assert.deepEqual(answerFor(event, ask), nothing);
    assert.deepEqual(answerFor(event, none), nothing);
  });

  it('Copilot CLI preToolUse (camelCase and PascalCase): top-level permissionDecision; a deny always has its required reason', () => {
    for (const event of [
      eventOf('copilot-cli.pre-tool-use.camel.json', { event: 'preToolUse' }),
      eventOf('copilot-cli.pre-tool-use.snake.json', { agent: 'copilot-cli' }),
    ]) {
      assert.deepEqual(read(event, allow), { permissionDecision: 'allow' });
      assert.deepEqual(read(event, deny), { permissionDecision: 'deny', permissionDecisionReason: 'use the staging registry' });
      assert.deepEqual(read(event, { kind: 'deny', reason: '  ' }), {
        permissionDecision: 'deny',
        permissionDecisionReason: 'The user denied this by iMessage.',
      });
      assert.deepEqual(read(event, ask), {
        permissionDecision: 'ask',
        permissionDecisionReason: 'No answer by iMessage: the user decides here.',
      });
      assert.deepEqual(answerFor(event, none), nothing);
    }
  });

  it('Copilot CLI permissionRequest: behavior and message; "ask" is no output, which falls through to its prompt', () => {
    const event = eventOf('copilot-cli.permission-request.camel.json', { event: 'permissionRequest' });
    assert.deepEqual(read(event, allow), { behavior: 'allow' });
    assert.deepEqual(read(event, deny), { behavior: 'deny', message: 'use the staging registry' });
    assert.deepEqual(answerFor(event, ask), nothing);
  });

  it('never answers an event that is not a permission request, whatever the decision (Codex notify, finishes, waits, starts)', () => {
    const hints: Record<string, HookHint> = {
      'copilot-cli.agent-stop.camel.json': { event: 'agentStop' },
      'copilot-cli.user-prompt-submitted.camel.json': { event: 'userPromptSubmitted' },
    };
    const events = fixtureFiles()
      .map((file) => parseHookInput(hookFixture(file), hints[file] ?? {}))
      .flatMap((parsed) => (parsed.result === 'event' && parsed.event.kind !== 'permission' ? [parsed.event] : []));
    const decisions: Decision[] = [allow, deny, ask, none];
    for (const event of events) {
      assert.deepEqual(
        decisions.map((d) => answerFor(event, d)),
        decisions.map(() => nothing),
        `${event.agent} ${event.event}`,
      );
    }
    assert.ok(events.length >= 10, `${events.length} non-permission fixtures`);
  });

  it('a reason is the user’s words made plain, capped, and redacted; it never breaks the JSON', () => {
    const event = eventOf('claude.pre-tool-use.json');
    const reason = (text: string) =>
      (read(event, { kind: 'deny', reason: text }) as { hookSpecificOutput: { permissionDecisionReason: string } }).hookSpecificOutput
        .permissionDecisionReason;
    assert.equal(reason('no \u001b[31mred\u001b[0m\u202e "quoted"\n}'), 'no red⟨RLO⟩ "quoted" }');
    assert.equal(reason('x'.repeat(5000)).length, 500);
    assert.equal(reason('use contiguity_sk_live_abcdef1234567890 instead'), 'use «redacted» instead');
  });
});
