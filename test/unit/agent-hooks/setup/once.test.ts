// One agent event, one text. The files setup writes are read here the way each agent reads them
// (sources in src/core/agent-hooks/setup/entries.ts): Claude Code runs ~/.claude/settings.json;
// Copilot CLI runs every ~/.copilot/hooks/*.json, camelCase events with camelCase input and
// PascalCase ones with snake_case input; VS Code runs ~/.copilot/hooks with camelCase names made
// PascalCase and matchers ignored, and ~/.claude/settings.json when chat.useClaudeHooks is on.
// Each entry that runs gets that agent's documented input (test/fixtures/agent-hooks) and is
// handled as the window does: parseHookInput with the entry's --agent/--event, then fromOwnEntry.
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { parseHookInput } from '../../../../src/core/agent-hooks/formats';
import { fromOwnEntry } from '../../../../src/core/agent-hooks/own-entry';
import { type SetupAgent, type SetupEvent, SETUP_AGENTS } from '../../../../src/core/agent-hooks/setup/entries';
import { locations, planSetup } from '../../../../src/core/agent-hooks/setup/plan';
import { hookFixture } from '../../../fixtures/agent-hooks';

const where = locations('/home/ana');
const LAUNCHER = '/home/ana/.config/Code/User/globalStorage/imessage-sender.imessage-sender/bin/imessage-hook';

type Hooks = Record<string, { matcher?: string; command?: string; bash?: string; hooks?: { command: string }[] }[]>;
interface Run {
  command: string;
  /** The name the entry was configured under, as the agent matched it. */
  configured: string;
  matcher?: string;
}

function written(agents: readonly SetupAgent[], events: readonly SetupEvent[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of planSetup({ where, launcher: LAUNCHER, agents, events, read: () => undefined }).changes) files.set(c.file, c.after!);
  return files;
}

const hooksIn = (files: Map<string, string>, file: string): Hooks =>
  files.has(file) ? (parse(files.get(file)!) as { hooks: Hooks }).hooks : {};

function claudeEntries(files: Map<string, string>): Run[] {
  return Object.entries(hooksIn(files, where.claude)).flatMap(([configured, groups]) =>
    groups.flatMap((g) => g.hooks!.map((h) => ({ command: h.command, configured, matcher: g.matcher }))),
  );
}

function copilotDirEntries(files: Map<string, string>): Run[] {
  return [where['copilot-cli'], where.vscode].flatMap((file) =>
    Object.entries(hooksIn(files, file)).flatMap(([configured, list]) =>
      list.map((h) => ({ command: (h.bash ?? h.command)!, configured, matcher: h.matcher })),
    ),
  );
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);
const matches = (matcher: string | undefined, value: string) => matcher === undefined || new RegExp(`^(?:${matcher})$`).test(value);

/** What each agent runs for one of its events, and the input each entry gets. */
type Fired = { runs: Run[]; input: (run: Run) => string };
const AGENT_EVENTS: Record<string, (files: Map<string, string>, o: { useClaudeHooks: boolean }) => Fired> = {
  'Claude Code Stop': (f) => ({
    runs: claudeEntries(f).filter((r) => r.configured === 'Stop'),
    input: () => hookFixture('claude.stop.json'),
  }),
  'Claude Code Notification idle_prompt': (f) => ({
    runs: claudeEntries(f).filter((r) => r.configured === 'Notification' && matches(r.matcher, 'idle_prompt')),
    input: () => hookFixture('claude.notification.idle-prompt.json'),
  }),
  'Claude Code Notification permission_prompt': (f) => ({
    runs: claudeEntries(f).filter((r) => r.configured === 'Notification' && matches(r.matcher, 'permission_prompt')),
    input: () => hookFixture('claude.notification.permission-prompt.json'),
  }),
  'Claude Code PermissionRequest': (f) => ({
    runs: claudeEntries(f).filter((r) => r.configured === 'PermissionRequest'),
    input: () => hookFixture('claude.permission-request.json'),
  }),
  'Claude Code PreToolUse': (f) => ({
    runs: claudeEntries(f).filter((r) => r.configured === 'PreToolUse'),
    input: () => hookFixture('claude.pre-tool-use.json'),
  }),
  'Copilot CLI agent stop': (f) => ({
    runs: copilotDirEntries(f).filter((r) => r.configured === 'agentStop' || r.configured === 'Stop'),
    input: (r) => hookFixture(r.configured === 'Stop' ? 'copilot-cli.stop.snake.json' : 'copilot-cli.agent-stop.camel.json'),
  }),
  'Copilot CLI notification permission_prompt': (f) => ({
    runs: copilotDirEntries(f).filter((r) => /^[nN]otification$/.test(r.configured) && matches(r.matcher, 'permission_prompt')),
    input: () => hookFixture('copilot-cli.notification.json'),
  }),
  'Copilot CLI permission request': (f) => ({
    runs: copilotDirEntries(f).filter((r) => /^[pP]ermissionRequest$/.test(r.configured)),
    input: () => hookFixture('copilot-cli.permission-request.camel.json'),
  }),
  'Copilot CLI tool call': (f) => ({
    runs: copilotDirEntries(f).filter((r) => /^[pP]reToolUse$/.test(r.configured)),
    input: (r) =>
      hookFixture(r.configured === 'PreToolUse' ? 'copilot-cli.pre-tool-use.snake.json' : 'copilot-cli.pre-tool-use.camel.json'),
  }),
  'VS Code Stop': (f, o) => ({
    runs: [...copilotDirEntries(f), ...(o.useClaudeHooks ? claudeEntries(f) : [])].filter((r) => pascal(r.configured) === 'Stop'),
    input: () => hookFixture('vscode.stop.json'),
  }),
  'VS Code PreToolUse': (f, o) => ({
    runs: [...copilotDirEntries(f), ...(o.useClaudeHooks ? claudeEntries(f) : [])].filter((r) => pascal(r.configured) === 'PreToolUse'),
    input: () => hookFixture('vscode.pre-tool-use.json'),
  }),
};

/** How many of the entries that ran act on the event (the rest answer nothing and text no one). */
function acted(fired: Fired): number {
  return fired.runs.filter((run) => {
    const [, agent, event] = /--agent (\S+) --event (\S+)/.exec(run.command)!;
    return fromOwnEntry(parseHookInput(fired.input(run), { agent, event }), agent).result === 'event';
  }).length;
}

function counts(agents: readonly SetupAgent[], events: readonly SetupEvent[], useClaudeHooks: boolean): Record<string, number> {
  const files = written(agents, events);
  return Object.fromEntries(Object.entries(AGENT_EVENTS).map(([name, fire]) => [name, acted(fire(files, { useClaudeHooks }))]));
}

describe('agent hooks setup: each agent event is handled by exactly one entry', () => {
  for (const useClaudeHooks of [false, true]) {
    it(`every agent, every event${useClaudeHooks ? ', with chat.useClaudeHooks on' : ''}`, () => {
      assert.deepEqual(counts(SETUP_AGENTS, ['finished', 'waiting', 'approvals'], useClaudeHooks), {
        'Claude Code Stop': 1,
        'Claude Code Notification idle_prompt': 1,
        // Texted once, by PermissionRequest, with the Y/N question.
        'Claude Code Notification permission_prompt': 0,
        'Claude Code PermissionRequest': 1,
        'Claude Code PreToolUse': 0,
        'Copilot CLI agent stop': 1,
        'Copilot CLI notification permission_prompt': 0,
        'Copilot CLI permission request': 1,
        'Copilot CLI tool call': 0,
        'VS Code Stop': 1,
        'VS Code PreToolUse': 1,
      });
    });
  }

  it('waiting without approvals texts the permission prompt notification', () => {
    const got = counts(['claude', 'copilot-cli'], ['waiting'], false);
    assert.equal(got['Claude Code Notification permission_prompt'], 1);
    assert.equal(got['Copilot CLI notification permission_prompt'], 1);
    assert.equal(got['Claude Code Stop'], 0);
  });

  it('an agent that was not chosen is never texted for, though VS Code runs the Claude hooks', () => {
    const got = counts(['claude'], ['finished', 'approvals'], true);
    assert.equal(got['Claude Code Stop'], 1);
    assert.equal(got['VS Code Stop'], 0);
    assert.equal(got['VS Code PreToolUse'], 0);
    assert.equal(counts(['vscode'], ['finished'], false)['Copilot CLI agent stop'], 0);
  });

  it('Codex: one notify program, the launcher with --agent codex', () => {
    const toml = written(['codex'], ['finished']).get(where.codex)!;
    const argv = JSON.parse(/^notify = (.*)$/m.exec(toml)![1]!) as string[];
    assert.deepEqual(argv, [LAUNCHER, '--agent', 'codex']);
    const codexJson = hookFixture('codex.agent-turn-complete.json');
    assert.equal(fromOwnEntry(parseHookInput(codexJson, { agent: argv[2] }), argv[2]).result, 'event');
  });
});
