// "iMessage: Set Up Agent Notifications…" and its removal, in a real extension host, against a
// home folder of the test's own (IMESSAGE_AGENT_HOME, set by scripts/host/run-suite.mjs) that
// already has a ~/.claude/settings.json with other hooks and a ~/.codex/config.toml.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import { until } from './until';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const HOME = process.env.IMESSAGE_AGENT_HOME!;
const CLAUDE = path.join(HOME, '.claude', 'settings.json');
const CODEX = path.join(HOME, '.codex', 'config.toml');
const COPILOT = path.join(HOME, '.copilot', 'hooks', 'imessage-sender.json');
const VSCODE = path.join(HOME, '.copilot', 'hooks', 'imessage-sender-vscode.json');
const CLAUDE_SETTINGS = `{
  // the user's own
  "model": "opus",
  "hooks": {
    "Stop": [{ "hooks": [{ "type": "command", "command": "say done" }] }],
    "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "~/guard.sh" }] }]
  }
}
`;
const CODEX_CONFIG = 'model = "o3"\n\n[tui]\nnotifications = true\n';
/** The launcher lives in the extension's global storage, which survives updates. */
const LAUNCHER = new RegExp(`globalStorage/${EXTENSION_ID.replaceAll('.', '\\.')}/bin/imessage-hook`);

type Applied = { written: string[]; deleted: string[]; backups: string[]; refused: string[] } | undefined;
const ALL = { agents: ['claude', 'copilot-cli', 'vscode', 'codex'], events: ['finished', 'waiting', 'approvals'] };
const read = (file: string) => fs.readFileSync(file, 'utf8');
/** The settings as data: whole-line comments dropped (jsonc-parser's UMD build does not bundle into the suite). */
const parse = (text: string): unknown => JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
const backupsOf = (file: string) =>
  fs
    .readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(`${path.basename(file)}.imessage-backup-`))
    .map((f) => path.join(path.dirname(file), f));

describe('agent hooks setup: apply and remove against a temporary home', () => {
  const prompts: PromptRequest[] = [];
  let answers: (string | undefined)[] = [];
  let stopAnswering: () => void;

  before(async () => {
    assert.ok(HOME, 'the runner passes IMESSAGE_AGENT_HOME');
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    stopAnswering = answerPromptsForTests((request) => {
      prompts.push(request);
      return request.modal ? answers.shift() : undefined;
    });
  });

  after(() => stopAnswering());

  beforeEach(() => {
    fs.rmSync(HOME, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(CLAUDE), { recursive: true });
    fs.mkdirSync(path.dirname(CODEX), { recursive: true });
    fs.writeFileSync(CLAUDE, CLAUDE_SETTINGS);
    fs.writeFileSync(CODEX, CODEX_CONFIG);
    prompts.length = 0;
    answers = [];
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // What setup turns on stays within this suite.
    for (const key of ['agentHooks.enabled', 'agentHooks.approvals']) {
      await vscode.workspace.getConfiguration('imessage').update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  const userValue = (key: string) => vscode.workspace.getConfiguration('imessage').inspect(key)?.globalValue;

  it('shows every file and the exact change before writing; cancelled, writes nothing', async () => {
    answers = ['Show Changes', undefined];
    const applied = (await vscode.commands.executeCommand('imessage.setUpAgentNotifications', ALL)) as Applied;
    assert.equal(applied, undefined);
    const dialogs = prompts.filter((p) => p.modal);
    assert.equal(dialogs.length, 2, 'asked again after showing the changes');
    const [dialog] = dialogs;
    assert.equal(dialog!.modal, true);
    assert.deepEqual(dialog!.actions, ['Apply', 'Show Changes']);
    for (const line of [
      `Claude Code: edit (backup first): ${CLAUDE}`,
      `Copilot CLI: create: ${COPILOT}`,
      `VS Code agent: create: ${VSCODE}`,
      `Codex: edit (backup first): ${CODEX}`,
    ]) {
      assert.ok(dialog!.detail!.includes(line), `the dialog lists "${line}"`);
    }
    // One read-only diff per file: what it holds now, and what it would hold.
    const diffs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .map((t) => t.input)
      .filter((i) => i instanceof vscode.TabInputTextDiff);
    assert.equal(diffs.length, 4);
    const claudeDiff = diffs.find((d) => d.modified.path.endsWith('/settings.json'))!;
    assert.equal(claudeDiff.modified.scheme, 'imessage-agent-hooks');
    assert.equal((await vscode.workspace.openTextDocument(claudeDiff.original)).getText(), CLAUDE_SETTINGS);
    assert.match((await vscode.workspace.openTextDocument(claudeDiff.modified)).getText(), LAUNCHER);
    assert.equal(read(CLAUDE), CLAUDE_SETTINGS);
    assert.equal(read(CODEX), CODEX_CONFIG);
    assert.equal(fs.existsSync(COPILOT), false);
    assert.deepEqual(backupsOf(CLAUDE), []);
  });

  it('apply writes every file with the launcher path, backs up the user’s files, and a second run changes nothing', async () => {
    answers = ['Apply'];
    const applied = (await vscode.commands.executeCommand('imessage.setUpAgentNotifications', ALL)) as Applied;
    assert.deepEqual(applied!.written, [CLAUDE, COPILOT, VSCODE, CODEX]);
    assert.deepEqual(applied!.refused, []);
    assert.equal(userValue('agentHooks.enabled'), true, 'the window listens for the hook');
    assert.equal(userValue('agentHooks.approvals'), 'whenAway', 'approval entries come with approvals on, when away');

    const claude = parse(read(CLAUDE)) as { model: string; hooks: Record<string, { hooks: { command: string; timeout: number }[] }[]> };
    assert.equal(claude.model, 'opus');
    assert.deepEqual(claude.hooks.PreToolUse, [{ matcher: 'Bash', hooks: [{ type: 'command', command: '~/guard.sh' }] }]);
    assert.equal(claude.hooks.Stop![0]!.hooks[0]!.command, 'say done');
    const ours = claude.hooks.Stop![1]!.hooks[0]!;
    assert.match(ours.command, LAUNCHER);
    assert.match(ours.command, / --agent claude --event Stop --timeout 30$/);
    assert.match(claude.hooks.PermissionRequest![0]!.hooks[0]!.command, / --agent claude --event PermissionRequest --timeout 300$/);
    assert.match(read(CLAUDE), /\/\/ the user's own/);

    assert.match(read(COPILOT), LAUNCHER);
    assert.match(read(VSCODE), LAUNCHER);
    const notify = /^notify = (\[.*\])$/m.exec(read(CODEX))!;
    assert.match(JSON.parse(notify[1]!)[0], LAUNCHER);
    assert.ok(read(CODEX).indexOf('notify') < read(CODEX).indexOf('[tui]'), 'a root key, before the first table');

    assert.deepEqual(applied!.backups, [...backupsOf(CLAUDE), ...backupsOf(CODEX)]);
    assert.equal(read(backupsOf(CLAUDE)[0]!), CLAUDE_SETTINGS);
    assert.equal(read(backupsOf(CODEX)[0]!), CODEX_CONFIG);

    const files = [CLAUDE, COPILOT, VSCODE, CODEX].map(read);
    const again = (await vscode.commands.executeCommand('imessage.setUpAgentNotifications', ALL)) as Applied;
    assert.deepEqual(again, { written: [], deleted: [], backups: [], refused: [] });
    assert.deepEqual([CLAUDE, COPILOT, VSCODE, CODEX].map(read), files);
    assert.equal(prompts.filter((p) => p.modal).length, 1, 'nothing to change: no dialog');
  });

  it('remove takes out exactly what setup added', async () => {
    answers = ['Apply', 'Remove'];
    await vscode.commands.executeCommand('imessage.setUpAgentNotifications', ALL);
    const removed = (await vscode.commands.executeCommand('imessage.removeAgentNotifications')) as Applied;
    assert.ok(removed, JSON.stringify(prompts));
    assert.deepEqual(removed!.deleted, [COPILOT, VSCODE]);
    // Removal edits the user's files too: a second copy of each, beside the first.
    assert.equal(backupsOf(CLAUDE).length, 2);
    assert.equal(backupsOf(CODEX).length, 2);
    assert.deepEqual(parse(read(CLAUDE)), parse(CLAUDE_SETTINGS));
    assert.match(read(CLAUDE), /\/\/ the user's own/);
    assert.equal(read(CODEX), CODEX_CONFIG);
    assert.equal(fs.existsSync(COPILOT), false);
    assert.equal(fs.existsSync(VSCODE), false);
    assert.equal(userValue('agentHooks.enabled'), undefined);
    assert.equal(userValue('agentHooks.approvals'), undefined);
  });

  it('a settings file it cannot read safely is left untouched, and the error names it', async () => {
    const broken = '{ "model": "opus", ';
    fs.writeFileSync(CLAUDE, broken);
    const applied = await vscode.commands.executeCommand('imessage.setUpAgentNotifications', { agents: ['claude'], events: ['finished'] });
    assert.equal(applied, undefined);
    const error = await until('the error', () => prompts.find((p) => p.severity === 'error'));
    assert.match(error.message, new RegExp(`${CLAUDE.replaceAll('.', '\\.')}: is not valid JSON .*Nothing was changed`));
    assert.equal(read(CLAUDE), broken);
    assert.deepEqual(backupsOf(CLAUDE), []);
  });
});
