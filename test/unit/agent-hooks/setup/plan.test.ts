// The whole change: which files, what they become, which get a backup, and which agents are left
// alone and why. Our own files in ~/.copilot/hooks are written whole and deleted on removal.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { COPILOT_FILE, VSCODE_FILE } from '../../../../src/core/agent-hooks/setup/copilot';
import { entriesFor, isOurCommand, offers } from '../../../../src/core/agent-hooks/setup/entries';
import { locations, planRemoval, planSetup, type Plan } from '../../../../src/core/agent-hooks/setup/plan';

const HOME = '/home/ana';
const LAUNCHER = '/home/ana/.config/Code/User/globalStorage/imessage-sender.imessage-sender/bin/imessage-hook';
const where = locations(HOME);

function files(plan: Plan, into: Map<string, string>): Map<string, string> {
  for (const c of plan.changes) {
    if (c.after === undefined) into.delete(c.file);
    else into.set(c.file, c.after);
  }
  return into;
}

describe('agent hooks setup: the plan', () => {
  it('each agent has one user-level file; COPILOT_HOME and CODEX_HOME move only their own agent', () => {
    assert.deepEqual(where, {
      claude: join(HOME, '.claude', 'settings.json'),
      'copilot-cli': join(HOME, '.copilot', 'hooks', COPILOT_FILE),
      vscode: join(HOME, '.copilot', 'hooks', VSCODE_FILE),
      codex: join(HOME, '.codex', 'config.toml'),
    });
    const moved = locations(HOME, { COPILOT_HOME: '/c', CODEX_HOME: '/x' });
    assert.equal(moved['copilot-cli'], join('/c', 'hooks', COPILOT_FILE));
    assert.equal(moved.vscode, where.vscode);
    assert.equal(moved.codex, join('/x', 'config.toml'));
  });

  it('Windows: the launcher in double quotes, which cmd.exe and Git Bash read; PowerShell calls it with &', () => {
    const win = 'C:\\Users\\Ana Lee\\AppData\\Roaming\\Code\\User\\globalStorage\\x\\bin\\imessage-hook.cmd';
    const [entry] = entriesFor('vscode', ['finished'], win, 'win32');
    assert.equal(entry!.command, `"${win}" --agent vscode --event Stop --timeout 30`);
    assert.equal(entry!.powershell, `& '${win}' --agent vscode --event Stop --timeout 30`);
    assert.ok(isOurCommand(entry!.command));
  });

  it('VS Code offers no waiting event, Codex only finished', () => {
    assert.equal(offers('vscode', 'waiting'), false);
    assert.equal(offers('codex', 'approvals'), false);
    assert.equal(offers('claude', 'waiting'), true);
  });

  it('writes Copilot CLI and VS Code files of their own, and backs up only files that hold the user’s settings', () => {
    const existing = new Map([[where.claude, '{ "model": "opus" }\n']]);
    const plan = planSetup({
      where,
      launcher: LAUNCHER,
      agents: ['claude', 'copilot-cli', 'vscode', 'codex'],
      events: ['finished', 'approvals'],
      read: (f) => existing.get(f),
    });
    assert.deepEqual(plan.refused, []);
    assert.deepEqual(
      plan.changes.map((c) => [c.agent, c.before === undefined ? 'new' : 'edit', c.backup]),
      [
        ['claude', 'edit', true],
        ['copilot-cli', 'new', false],
        ['vscode', 'new', false],
        ['codex', 'new', false],
      ],
    );
    const copilot = JSON.parse(plan.changes[1]!.after!) as {
      version: number;
      hooks: Record<string, { bash: string; powershell: string; timeoutSec: number }[]>;
    };
    assert.equal(copilot.version, 1);
    assert.deepEqual(Object.keys(copilot.hooks), ['agentStop', 'permissionRequest']);
    assert.deepEqual(copilot.hooks.permissionRequest, [
      {
        type: 'command',
        bash: `${LAUNCHER} --agent copilot-cli --event permissionRequest --timeout 300`,
        powershell: `& '${LAUNCHER}' --agent copilot-cli --event permissionRequest --timeout 300`,
        timeoutSec: 300,
      },
    ]);
    const vscode = JSON.parse(plan.changes[2]!.after!) as { hooks: Record<string, unknown[]> };
    assert.deepEqual(vscode.hooks.PreToolUse, [
      { type: 'command', command: `${LAUNCHER} --agent vscode --event PreToolUse --timeout 300`, timeout: 300 },
    ]);
    assert.ok(isOurCommand(copilot.hooks.agentStop![0]!.powershell));
  });

  it('applied twice plans nothing; removal deletes our files and takes our entries out of the shared ones', () => {
    const disk = new Map([
      [where.claude, '{ "model": "opus" }\n'],
      [where.codex, 'model = "o3"\n'],
    ]);
    const setup = () =>
      planSetup({
        where,
        launcher: LAUNCHER,
        agents: ['claude', 'copilot-cli', 'vscode', 'codex'],
        events: ['finished'],
        read: (f) => disk.get(f),
      });
    files(setup(), disk);
    assert.deepEqual(setup().changes, []);
    const removal = planRemoval({ where, read: (f) => disk.get(f) });
    assert.deepEqual(
      removal.changes.map((c) => [c.agent, c.after === undefined ? 'delete' : 'edit']),
      [
        ['claude', 'edit'],
        ['copilot-cli', 'delete'],
        ['vscode', 'delete'],
        ['codex', 'edit'],
      ],
    );
    files(removal, disk);
    assert.deepEqual(JSON.parse(disk.get(where.claude)!), { model: 'opus' });
    assert.deepEqual([...disk.keys()], [where.claude, where.codex]);
    assert.equal(disk.get(where.codex), 'model = "o3"\n');
    assert.deepEqual(planRemoval({ where, read: (f) => disk.get(f) }).changes, []);
  });

  it('an agent whose file cannot be edited is left alone, the others go ahead', () => {
    const disk = new Map([[where.codex, 'notify = ["say", "done"]\n']]);
    const plan = planSetup({ where, launcher: LAUNCHER, agents: ['claude', 'codex'], events: ['finished'], read: (f) => disk.get(f) });
    assert.deepEqual(
      plan.changes.map((c) => c.agent),
      ['claude'],
    );
    assert.equal(plan.refused.length, 1);
    assert.equal(plan.refused[0]!.agent, 'codex');
    assert.match(plan.refused[0]!.error, /already has a notify program/);
  });

  it('choosing fewer events for an agent takes the others out (Codex without finished loses its line)', () => {
    const disk = new Map<string, string>();
    files(planSetup({ where, launcher: LAUNCHER, agents: ['copilot-cli', 'codex'], events: ['finished'], read: (f) => disk.get(f) }), disk);
    const none = planSetup({
      where,
      launcher: LAUNCHER,
      agents: ['copilot-cli', 'codex'],
      events: ['approvals'],
      read: (f) => disk.get(f),
    });
    assert.deepEqual(
      none.changes.map((c) => [c.agent, c.after]),
      [
        [
          'copilot-cli',
          `${JSON.stringify({ version: 1, hooks: { permissionRequest: [{ type: 'command', bash: `${LAUNCHER} --agent copilot-cli --event permissionRequest --timeout 300`, powershell: `& '${LAUNCHER}' --agent copilot-cli --event permissionRequest --timeout 300`, timeoutSec: 300 }] } }, null, 2)}\n`,
        ],
        ['codex', ''],
      ],
    );
  });
});
