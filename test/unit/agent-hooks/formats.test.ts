// Every agent's hook input, as its docs show it (test/fixtures/agent-hooks, each naming its source),
// becomes one event, an explicit "ignored", or an error naming the field; nothing else gets through.
import assert from 'node:assert/strict';
import type { HookEvent, ParseResult } from '../../../src/core/agent-hooks/events';
import { MAX_HOOK_INPUT_BYTES } from '../../../src/core/agent-hooks/fields';
import { parseHookInput, type HookHint } from '../../../src/core/agent-hooks/formats';
import { fixtureFiles, hookFixture as fixture } from '../../fixtures/agent-hooks';

const acme = '/home/ana/src/acme-api';
const vscode = { agent: 'vscode', cwd: acme, sessionId: 'session-identifier', transcriptPath: '/path/to/transcript.json' } as const;
const claude = {
  agent: 'claude',
  cwd: '/Users/ana/src/acme-api',
  sessionId: 'abc123',
  transcriptPath: '/Users/ana/.claude/projects/acme-api/00893aaf-19fa-41d2-8238-13269b9b3ca0.jsonl',
} as const;
const copilot = { agent: 'copilot-cli', cwd: acme, sessionId: '9f1c2d3e-0000-4000-8000-000000000001', fieldCase: 'camel' } as const;
const copilotTranscript = '/home/ana/.copilot/session-state/9f1c2d3e/events.jsonl';

const event = (base: Partial<HookEvent>, fields: Partial<HookEvent>): ParseResult => ({
  result: 'event',
  event: { ...base, ...fields } as HookEvent,
});
const command = (name: string, summary: string) => ({ tool: { name, summary, isCommand: true } });
const unused = 'not an event the pager acts on';

const CASES: [file: string, hint: HookHint, expected: ParseResult][] = [
  [
    'vscode.pre-tool-use.json',
    {},
    event(vscode, { kind: 'permission', event: 'PreToolUse', tool: { name: 'editFiles', summary: 'src/main.ts', isCommand: false } }),
  ],
  // VS Code also runs ~/.claude/settings.json hooks: the input's shape wins over the hint.
  [
    'vscode.pre-tool-use.terminal.json',
    { agent: 'claude' },
    event(vscode, { kind: 'permission', event: 'PreToolUse', ...command('runTerminalCommand', 'npm publish') }),
  ],
  ['vscode.stop.json', {}, event(vscode, { kind: 'finished', event: 'Stop' })],
  ['vscode.user-prompt-submit.json', {}, event(vscode, { kind: 'started', event: 'UserPromptSubmit' })],
  ['vscode.session-start.json', {}, { result: 'ignored', agent: 'vscode', event: 'SessionStart', why: unused }],
  [
    'claude.pre-tool-use.json',
    { agent: 'claude', event: 'PreToolUse' },
    event(claude, {
      kind: 'permission',
      event: 'PreToolUse',
      cwd: '/home/user/my-project',
      transcriptPath: '/home/user/.claude/projects/my-project/transcript.jsonl',
      ...command('Bash', 'npm test'),
    }),
  ],
  [
    'claude.pre-tool-use.write.json',
    {},
    event(claude, {
      kind: 'permission',
      event: 'PreToolUse',
      cwd: 'C:\\project',
      transcriptPath: 'C:\\Users\\ana\\.claude\\projects\\project\\abc123.jsonl',
      tool: { name: 'Write', summary: 'C:\\project\\src\\index.ts', isCommand: false },
    }),
  ],
  [
    'claude.permission-request.json',
    {},
    event(claude, { kind: 'permission', event: 'PermissionRequest', ...command('Bash', 'rm -rf node_modules') }),
  ],
  [
    'claude.notification.permission-prompt.json',
    {},
    event(claude, { kind: 'waiting', event: 'Notification', waitingFor: 'permission', message: 'Claude needs your permission' }),
  ],
  [
    'claude.notification.idle-prompt.json',
    {},
    event(claude, { kind: 'waiting', event: 'Notification', waitingFor: 'input', message: 'Claude is waiting for your input' }),
  ],
  [
    'claude.notification.auth-success.json',
    {},
    { result: 'ignored', agent: 'claude', event: 'Notification', why: 'notification_type auth_success' },
  ],
  [
    'claude.stop.json',
    {},
    event(claude, {
      kind: 'finished',
      event: 'Stop',
      transcriptPath: '~/.claude/projects/acme-api/00893aaf-19fa-41d2-8238-13269b9b3ca0.jsonl',
      lastMessage: "I've completed the refactoring. Here's a summary...",
    }),
  ],
  ['claude.user-prompt-submit.json', {}, event(claude, { kind: 'started', event: 'UserPromptSubmit' })],
  ['claude.post-tool-use.json', {}, { result: 'ignored', agent: 'claude', event: 'PostToolUse', why: unused }],
  [
    'copilot-cli.pre-tool-use.camel.json',
    { agent: 'copilot-cli', event: 'preToolUse' },
    event(copilot, { kind: 'permission', event: 'preToolUse', ...command('bash', 'npm publish') }),
  ],
  [
    'copilot-cli.pre-tool-use.snake.json',
    { agent: 'copilot-cli' },
    event(copilot, { kind: 'permission', event: 'PreToolUse', fieldCase: 'snake', ...command('Bash', 'git push --force') }),
  ],
  [
    'copilot-cli.permission-request.camel.json',
    { agent: 'copilot-cli', event: 'permissionRequest' },
    event(copilot, {
      kind: 'permission',
      event: 'permissionRequest',
      tool: { name: 'web_fetch', summary: 'https://registry.npmjs.org/acme-api', isCommand: false },
    }),
  ],
  [
    'copilot-cli.agent-stop.camel.json',
    { agent: 'copilot-cli', event: 'agentStop' },
    event(copilot, { kind: 'finished', event: 'agentStop', transcriptPath: copilotTranscript }),
  ],
  // The input's own event name wins over the one the command was given.
  [
    'copilot-cli.stop.snake.json',
    { agent: 'copilot-cli', event: 'agentStop' },
    event(copilot, { kind: 'finished', event: 'Stop', fieldCase: 'snake', transcriptPath: copilotTranscript }),
  ],
  // camelCase fields with hook_event_name: Copilot CLI's notification, told apart from Claude's without a hint.
  [
    'copilot-cli.notification.json',
    {},
    event(copilot, { kind: 'waiting', event: 'notification', waitingFor: 'permission', message: 'Copilot needs permission to run bash' }),
  ],
  [
    'copilot-cli.notification.shell-completed.json',
    { agent: 'copilot-cli', event: 'notification' },
    { result: 'ignored', agent: 'copilot-cli', event: 'notification', why: 'notification_type shell_completed' },
  ],
  [
    'copilot-cli.user-prompt-submitted.camel.json',
    { agent: 'copilot-cli', event: 'userPromptSubmitted' },
    event(copilot, { kind: 'started', event: 'userPromptSubmitted' }),
  ],
  [
    'copilot-cli.session-end.camel.json',
    { agent: 'copilot-cli', event: 'sessionEnd' },
    { result: 'ignored', agent: 'copilot-cli', event: 'sessionEnd', why: unused },
  ],
  [
    'codex.agent-turn-complete.json',
    { agent: 'codex' },
    event(
      { agent: 'codex', cwd: '/Users/alice/projects/example', sessionId: 'b5f6c1c2-1111-2222-3333-444455556666' },
      { kind: 'finished', event: 'agent-turn-complete', lastMessage: 'Rename complete and verified `cargo build` succeeds.' },
    ),
  ],
];

describe('agent hooks: each agent’s documented input', () => {
  for (const [file, hint, expected] of CASES) {
    it(`${file}${hint.agent ? ` (run as ${hint.agent}${hint.event ? ` ${hint.event}` : ''})` : ''}`, () => {
      assert.deepEqual(parseHookInput(fixture(file), hint), expected);
    });
  }

  it('covers every fixture, and every fixture names the doc it comes from', () => {
    const files = fixtureFiles();
    assert.deepEqual(files, CASES.map(([f]) => f).sort());
    for (const file of files) fixture(file);
  });
});

describe('agent hooks: hostile and broken input', () => {
  const stop = (fields: Record<string, unknown>) => JSON.stringify({ hook_event_name: 'Stop', cwd: '/w', session_id: 's', ...fields });
  const invalid = (text: string, hint: HookHint = {}) => {
    const parsed = parseHookInput(text, hint);
    assert.equal(parsed.result, 'invalid', JSON.stringify(parsed));
    return parsed.result === 'invalid' ? parsed.error : '';
  };

  it('refuses input over 1 MiB before parsing it, counted in UTF-8 bytes', () => {
    const padding = (n: number) => stop({ last_assistant_message: 'é'.repeat(n) });
    const fits = padding(Math.floor((MAX_HOOK_INPUT_BYTES - 200) / 2));
    assert.equal(parseHookInput(fits).result, 'event');
    // Under the limit in characters, over it in bytes: 'é' is 2 bytes.
    const over = padding(Math.ceil(MAX_HOOK_INPUT_BYTES / 2));
    assert.ok(over.length < MAX_HOOK_INPUT_BYTES * 1.01);
    assert.equal(invalid(over), 'hook input is over 1,048,576 bytes (1 MiB); nothing was read');
    assert.equal(invalid('x'.repeat(MAX_HOOK_INPUT_BYTES * 3)), 'hook input is over 1,048,576 bytes (1 MiB); nothing was read');
  });

  it('refuses deep nesting without parsing it (a 500 000-level array is not read)', () => {
    const started = Date.now();
    assert.equal(
      invalid(`{"hook_event_name":"Stop","cwd":"/w","x":${'['.repeat(500_000)}${']'.repeat(500_000)}}`),
      'hook input nests too deep to be a hook input',
    );
    assert.ok(Date.now() - started < 1000, 'rejected in a linear scan');
    // Copilot CLI's string-encoded arguments are scanned too: a deep string is no summary, not a crash.
    const deepArgs = JSON.stringify({
      sessionId: 's',
      cwd: '/w',
      toolName: 'bash',
      toolArgs: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    });
    const parsed = parseHookInput(deepArgs, { agent: 'copilot-cli', event: 'preToolUse' });
    assert.ok(parsed.result === 'event');
    assert.deepEqual(parsed.event.tool, { name: 'bash', summary: '', isCommand: false });
  });

  it('says what is wrong with input that is not a JSON object', () => {
    assert.equal(invalid(''), 'hook input is empty: the agent passes JSON on stdin (Codex: as the last argument)');
    assert.equal(invalid('  \n'), 'hook input is empty: the agent passes JSON on stdin (Codex: as the last argument)');
    assert.equal(invalid('{"hook_event_name": "Stop", '), 'hook input is not valid JSON');
    assert.equal(invalid('[1, 2]'), 'hook input must be a JSON object, not an array');
    assert.equal(invalid('"Stop"'), 'hook input must be a JSON object, not a string');
    assert.equal(invalid('null'), 'hook input must be a JSON object, not null');
    assert.equal(invalid('{}'), 'hook input names no event (hook_event_name, hookEventName or type) and no agent was given');
  });

  it('names the agent, the event and the field, as the agent spells it', () => {
    const cases: [string, HookHint, string][] = [
      [stop({ cwd: undefined }), {}, 'Claude Code hook input (Stop): cwd is missing'],
      [stop({ cwd: 42 }), {}, 'Claude Code hook input (Stop): cwd must be a string, not a number'],
      [stop({ cwd: 'src/app' }), {}, 'Claude Code hook input (Stop): cwd must be an absolute path'],
      [stop({ cwd: '/w\u0000/../etc' }), {}, 'Claude Code hook input (Stop): cwd must not contain control characters'],
      [stop({ cwd: `/${'a'.repeat(5000)}` }), {}, 'Claude Code hook input (Stop): cwd must be at most 4096 characters'],
      [stop({ session_id: ['s'] }), {}, 'Claude Code hook input (Stop): session_id must be a string, not an array'],
      [stop({ transcript_path: {} }), {}, 'Claude Code hook input (Stop): transcript_path must be a string, not an object'],
      [stop({ last_assistant_message: 7 }), {}, 'Claude Code hook input (Stop): last_assistant_message must be a string, not a number'],
      [stop({ hook_event_name: 3 }), {}, 'Claude Code hook input: hook_event_name must be a string, not a number'],
      [stop({ hook_event_name: '' }), {}, 'Claude Code hook input: hook_event_name must not be empty'],
      [stop({ hook_event_name: 'PreToolUse' }), {}, 'Claude Code hook input (PreToolUse): tool_name is missing'],
      [stop({ hook_event_name: 'Notification' }), {}, 'Claude Code hook input (Notification): notification_type is missing'],
      [
        stop({ hook_event_name: 'Notification', notification_type: 'idle_prompt', message: 1 }),
        {},
        'Claude Code hook input (Notification): message must be a string, not a number',
      ],
      ['{"hookEventName":"Stop","cwd":"/w","sessionId":5}', {}, 'VS Code hook input (Stop): sessionId must be a string, not a number'],
      ['{"hookEventName":"PreToolUse","cwd":"/w","tool_name":""}', {}, 'VS Code hook input (PreToolUse): tool_name must not be empty'],
      [
        '{"sessionId":"s","cwd":"/w","toolName":"bash"}',
        { agent: 'copilot-cli' },
        'Copilot CLI hook input has no event name: camelCase events send none, so the hook command must be given it (for example: copilot-cli preToolUse)',
      ],
      [
        '{"sessionId":"s","cwd":"/w","toolName":7}',
        { agent: 'copilot-cli', event: 'preToolUse' },
        'Copilot CLI hook input (preToolUse): toolName must be a string, not a number',
      ],
      ['{"type":"agent-turn-complete","thread-id":"t"}', { agent: 'codex' }, 'Codex notify input (agent-turn-complete): cwd is missing'],
      [
        '{"type":"agent-turn-complete","cwd":"/w","last-assistant-message":["a"]}',
        {},
        'Codex notify input (agent-turn-complete): last-assistant-message must be a string, not an array',
      ],
      ['{"cwd":"/w"}', { agent: 'claude' }, 'Claude Code hook input: hook_event_name is missing'],
      ['{"cwd":"/w"}', { agent: 'mallory' }, 'unknown agent "mallory": use vscode, claude, copilot-cli, codex'],
    ];
    for (const [text, hint, error] of cases) assert.equal(invalid(text, hint), error, text.slice(0, 80));
  });

  it('ignores, without an error, well-formed events and notification types it does not use, whatever else they carry', () => {
    assert.deepEqual(parseHookInput('{"hook_event_name":"SessionEnd","cwd":42}'), {
      result: 'ignored',
      agent: 'claude',
      event: 'SessionEnd',
      why: 'not an event the pager acts on',
    });
    assert.deepEqual(parseHookInput('{"type":"approval-requested","cwd":"/w"}', { agent: 'codex' }), {
      result: 'ignored',
      agent: 'codex',
      event: 'approval-requested',
      why: 'not an event the pager acts on',
    });
    // "__proto__" and friends are event names like any other, not lookups on the table.
    assert.equal(parseHookInput('{"hook_event_name":"__proto__","cwd":"/w"}').result, 'ignored');
    assert.equal(parseHookInput('{"hook_event_name":"constructor","cwd":"/w"}').result, 'ignored');
    // Codex's newer hooks.json input (Claude's shape) is not relied on until verified: only notify counts.
    assert.equal(parseHookInput(stop({}), { agent: 'codex' }).result, 'ignored');
  });

  it('keeps a Codex turn with no last message (null or empty) as a finish without one', () => {
    for (const last of [null, '', '   ']) {
      const parsed = parseHookInput(JSON.stringify({ type: 'agent-turn-complete', cwd: '/w', 'last-assistant-message': last }));
      assert.ok(parsed.result === 'event');
      assert.equal(parsed.event.lastMessage, undefined);
    }
  });

  it('reads only what a tool call does, never its whole input: a command, else a file or URL, else nothing', () => {
    const tool = (input: unknown) => {
      const parsed = parseHookInput(JSON.stringify({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'T', tool_input: input }));
      assert.ok(parsed.result === 'event');
      return parsed.event.tool;
    };
    assert.deepEqual(tool({ command: 'ls', file_path: '/x' }), { name: 'T', summary: 'ls', isCommand: true });
    assert.deepEqual(tool({ url: 'https://example.com' }), { name: 'T', summary: 'https://example.com', isCommand: false });
    assert.deepEqual(tool({ files: ['a.ts', 'b.ts', 3, 'c.ts', 'd.ts'] }), { name: 'T', summary: 'a.ts, b.ts, c.ts', isCommand: false });
    assert.deepEqual(tool({ command: { nested: 'ls' } }), { name: 'T', summary: '', isCommand: false });
    assert.deepEqual(tool('not json'), { name: 'T', summary: '', isCommand: false });
    assert.deepEqual(tool(undefined), { name: 'T', summary: '', isCommand: false });
    assert.equal(tool({ command: 'x'.repeat(50_000) })!.summary.length, 2000);
  });
});
