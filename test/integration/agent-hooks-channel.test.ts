// The agent hooks' channel in a real host: the user's setting (never the hostile workspace's) makes
// the window register in the private directory, and the hook command, spawned as Claude Code runs
// it, reaches this window through the launcher and gets its answer.
import * as assert from 'node:assert/strict';
import { chmodSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { channelDir, type WindowRegistration } from '../../src/core/agent-hooks/channel-protocol';
import { readRegistrations } from '../../src/core/agent-hooks/channel/registration';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import { hookFixture } from '../fixtures/agent-hooks';
import { runAsAgent } from '../fixtures/hook-command';
import { readOutputLog } from './output-log';
import { until } from './until';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const extensionPath = () => vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;

describe('agent hooks: the channel from the hook command to this window', function () {
  this.timeout(60_000);
  const dir = channelDir();
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const ours = () => readRegistrations(dir).find((r) => r.pid === process.pid);
  let registration: WindowRegistration;
  let launcher: string;
  // This suite runs bundled from out/: the fixtures are read from the extension's own folder (the checkout).
  const stop = () => hookFixture('claude.stop.json', join(extensionPath(), 'test', 'fixtures', 'agent-hooks'));

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    // The hostile workspace sets imessage.agentHooks.enabled to true: only the user's value counts.
    assert.equal(settings().inspect('agentHooks.enabled')?.workspaceValue, undefined);
    assert.equal(ours(), undefined, 'the workspace setting did not open the channel');
    await settings().update('agentHooks.enabled', true, vscode.ConfigurationTarget.Global);
    registration = await until('this window to register', ours);
    const log = await readOutputLog((text) => /Agent hooks: this window listens at .*; agents call /.test(text));
    launcher = /Agent hooks: this window listens at .*; agents call (.+)$/m.exec(log)![1]!.trim();
  });

  after(async () => {
    await settings().update('agentHooks.enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  const hook = (stdin: string, args = ['--agent', 'claude', '--event', 'Stop']) =>
    runAsAgent('sh', [launcher, ...args], { stdin, env: { IMESSAGE_HOOK_DIR: dir }, timeoutMs: 30_000 });

  it('registers this window, its folders and its socket in a private directory', () => {
    assert.equal(lstatSync(dir).mode & 0o777, 0o700);
    assert.equal(lstatSync(registration.socket).isSocket(), true);
    assert.equal(registration.socket.startsWith(`${dir}/`), true);
    assert.deepEqual(
      registration.folders,
      (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    );
  });

  it('writes the launcher, 0700, which runs this version of dist/hook.js', () => {
    assert.equal(lstatSync(launcher).mode & 0o777, 0o700);
    assert.ok(lstatSync(join(extensionPath(), 'dist', 'hook.js')).isFile());
  });

  it("Claude Code's Stop: exit 0, no output", async () => {
    const run = await hook(stop());
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
  });

  it('bad input: exit 0, one line on stderr naming the field', async () => {
    const run = await hook('{"hook_event_name":"Stop","cwd":"not/absolute"}');
    assert.deepEqual([run.status, run.stdout], [0, '']);
    assert.equal(run.stderr, 'imessage-hook: Claude Code hook input (Stop): cwd must be an absolute path\n');
  });

  it('refuses a channel directory that others can open, and says so', async () => {
    await settings().update('agentHooks.enabled', undefined, vscode.ConfigurationTarget.Global);
    await until('the registration to go', () => ours() === undefined);
    const prompts: PromptRequest[] = [];
    const stopAnswering = answerPromptsForTests((request) => void prompts.push(request));
    chmodSync(dir, 0o755);
    try {
      await settings().update('agentHooks.enabled', true, vscode.ConfigurationTarget.Global);
      const told = await until('the warning', () => prompts.find((p) => p.message.startsWith('Agent hooks could not start')));
      assert.equal(told.severity, 'warning');
      assert.match(told.message, /is open to others \(mode 755\); refusing it: it must be 700/);
      assert.equal(ours(), undefined);
    } finally {
      stopAnswering();
      chmodSync(dir, 0o700);
    }
    await settings().update('agentHooks.enabled', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('agentHooks.enabled', true, vscode.ConfigurationTarget.Global);
    registration = await until('this window to register again', ours);
  });

  it('turned off: the registration goes, and the hook says no window is running', async () => {
    await settings().update('agentHooks.enabled', undefined, vscode.ConfigurationTarget.Global);
    await until('the registration to go', () => ours() === undefined);
    const run = await hook(stop());
    assert.deepEqual([run.status, run.stdout], [0, '']);
    assert.match(run.stderr, /^imessage-hook: no VS Code window with agent hooks on/);
    await settings().update('agentHooks.enabled', true, vscode.ConfigurationTarget.Global);
    registration = await until('this window to register again', ours);
  });
});
