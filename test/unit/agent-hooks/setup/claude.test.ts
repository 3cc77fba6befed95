// ~/.claude/settings.json: setup adds exactly our hooks and keeps everything else (other hooks,
// keys, comments); applying twice changes nothing; removal gives back the same settings; a file we
// cannot read safely is refused with the file and the field named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { applyClaude, removeOurs } from '../../../../src/core/agent-hooks/setup/claude';
import { entriesFor, type SetupEvent } from '../../../../src/core/agent-hooks/setup/entries';

const FILE = '/home/ana/.claude/settings.json';
const LAUNCHER = '/home/ana/.config/Code/User/globalStorage/imessage-sender.imessage-sender/bin/imessage-hook';
const EXISTING = readFileSync(join(__dirname, '../../../fixtures/agent-hooks/setup/claude-settings.jsonc'), 'utf8');
const ALL: SetupEvent[] = ['finished', 'waiting', 'approvals'];

const json = (text: string | undefined) =>
  parse(text ?? '{}') as { hooks?: Record<string, { matcher?: string; hooks: { command: string; timeout?: number }[] }[]> };

function applied(text: string | undefined, events: SetupEvent[] = ALL, launcher = LAUNCHER): string {
  const result = applyClaude(text, entriesFor('claude', events, launcher), FILE);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.text!;
}

function removed(text: string): string {
  const result = removeOurs(text, FILE);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.text!;
}

describe('agent hooks setup: ~/.claude/settings.json', () => {
  it('adds one group per chosen event, calling the launcher with --agent claude, --event and the entry timeout', () => {
    const hooks = json(applied(EXISTING)).hooks!;
    const ours = (event: string) => hooks[event]!.filter((g) => g.hooks.some((h) => h.command.includes(LAUNCHER)));
    assert.deepEqual(ours('Stop')[0]!.hooks, [
      { type: 'command', command: `${LAUNCHER} --agent claude --event Stop --timeout 30`, timeout: 30 },
    ]);
    assert.deepEqual(ours('PermissionRequest')[0]!.hooks[0], {
      type: 'command',
      command: `${LAUNCHER} --agent claude --event PermissionRequest --timeout 300`,
      timeout: 300,
    });
    // With approvals texted (Y/N), the permission prompt notification is not texted a second time.
    assert.equal(ours('Notification')[0]!.matcher, 'idle_prompt|elicitation_dialog|elicitation_url_dialog|agent_needs_input');
    assert.equal(ours('PreToolUse').length, 0);
  });

  it('keeps every other hook, key and comment', () => {
    const text = applied(EXISTING);
    const before = json(EXISTING);
    const after = json(text);
    assert.deepEqual(after.hooks!.Stop![0], before.hooks!.Stop![0]);
    assert.deepEqual(after.hooks!.PreToolUse, before.hooks!.PreToolUse);
    const { hooks: _a, ...restAfter } = after as Record<string, unknown>;
    const { hooks: _b, ...restBefore } = before as Record<string, unknown>;
    assert.deepEqual(restAfter, restBefore);
    assert.match(text, /\/\/ Play a sound when Claude stops\./);
    assert.match(text, /^\/\/ A user's ~\/\.claude\/settings\.json/);
  });

  it('applied twice, adds nothing the second time (byte for byte)', () => {
    const once = applied(EXISTING);
    assert.equal(applied(once), once);
  });

  it('removal gives back the same settings as JSON, comments kept', () => {
    const back = removed(applied(EXISTING));
    assert.deepEqual(json(back), json(EXISTING));
    assert.match(back, /\/\/ Play a sound when Claude stops\./);
  });

  it('removal takes out only our hook from a group it shares with the user', () => {
    const shared = JSON.stringify({
      hooks: {
        Stop: [
          {
            hooks: [
              { type: 'command', command: 'say done' },
              { type: 'command', command: `${LAUNCHER} --agent claude --event Stop` },
            ],
          },
        ],
      },
    });
    assert.deepEqual(json(removed(shared)), { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }] } });
  });

  it('an event list that held only our group goes with it, even one the user had left empty', () => {
    // Nothing marks who made a list: an empty list and a missing one mean the same to Claude Code.
    assert.deepEqual(json(removed(applied('{ "hooks": { "Stop": [], "Notification": [] } }', ['finished']))), {
      hooks: { Notification: [] },
    });
  });

  it('creates the file when there is none, and removal empties it back to {}', () => {
    const created = applied(undefined, ['finished']);
    assert.deepEqual(Object.keys(json(created).hooks!), ['Stop']);
    assert.ok(created.endsWith('}\n'));
    assert.deepEqual(json(removed(created)), {});
    assert.deepEqual(removeOurs(undefined, FILE), { ok: true, text: undefined });
  });

  it('a new choice of events replaces ours (the launcher moved too) instead of adding to them', () => {
    const first = applied(EXISTING, ALL, '/old/place/imessage-hook');
    const next = json(applied(first, ['finished']));
    const commands = Object.values(next.hooks!).flatMap((groups) => groups.flatMap((g) => g.hooks.map((h) => h.command)));
    assert.deepEqual(
      commands.filter((c) => c.includes('imessage-hook')),
      [`${LAUNCHER} --agent claude --event Stop --timeout 30`],
    );
    assert.equal(next.hooks!.PermissionRequest, undefined);
  });

  it('quotes a launcher path with spaces (macOS Application Support) for the shell', () => {
    const mac = '/Users/ana/Library/Application Support/Code/User/globalStorage/x/bin/imessage-hook';
    const text = applied(undefined, ['finished'], mac);
    assert.equal(json(text).hooks!.Stop![0]!.hooks[0]!.command, `'${mac}' --agent claude --event Stop --timeout 30`);
    assert.equal(json(applied(text, ['finished'], mac)).hooks!.Stop!.length, 1);
  });

  it('keeps tabs and CRLF line ends when the file uses them', () => {
    const text = applied('{\r\n\t"model": "opus"\r\n}\r\n', ['finished']);
    assert.match(text, /\r\n\t"hooks": \{\r\n\t\t"Stop"/);
    assert.doesNotMatch(text.replaceAll('\r\n', ''), /\n/);
  });

  for (const [why, text, says] of [
    ['that is not JSON', '{ "model": "opus", ', /settings\.json: is not valid JSON \(.* at line 1\)/],
    ['that is not an object', '["hooks"]', /settings\.json: is not a JSON object/],
    ['whose hooks is not an object', '{ "hooks": [] }', /settings\.json: "hooks" is not an object/],
    ['whose hooks.Stop is not a list', '{ "hooks": { "Stop": {} } }', /settings\.json: "hooks\.Stop" is not a list/],
  ] as const) {
    it(`refuses a file ${why}, naming the file and the field, and changes nothing`, () => {
      for (const result of [applyClaude(text, entriesFor('claude', ALL, LAUNCHER), FILE), removeOurs(text, FILE)]) {
        assert.equal(result.ok, false);
        assert.match(result.ok ? '' : result.error, says);
        assert.match(result.ok ? '' : result.error, new RegExp(`^${FILE.replaceAll('.', '\\.')}: .*Nothing was changed`));
      }
    });
  }
});
