// The launcher agents' hook files call: written where updates do not move it, rewritten only when
// its content changes, and it runs the hook; with the hook gone it still exits 0 with one line.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as vscode from 'vscode';
import { launcherPath } from '../../../src/core/agent-hooks/channel-protocol';
import { ensureLauncher, launcherScript } from '../../../src/extension/features/agent-hooks/launcher';
import { hookFixture } from '../../fixtures/agent-hooks';
import { builtHook, channelDirForTest, replyOf, runAsAgent, startWindow } from '../../fixtures/hook-command';

const contextAt = (storage: string, extension: string) =>
  ({ globalStorageUri: { fsPath: storage }, extensionUri: { fsPath: extension } }) as unknown as vscode.ExtensionContext;

describe('the hook launcher', function () {
  this.timeout(20_000);
  let root: string;
  let extension: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'imessage-launcher-'));
    // The built extension, under a path a shell would split or unquote.
    extension = join(root, "it's an extension $HOME");
    symlinkSync(dirname(dirname(builtHook())), extension);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is written 0700 at launcherPath(globalStorage), and rewritten only when its content changes', async () => {
    const storage = join(root, 'storage');
    const file = await ensureLauncher(contextAt(storage, extension));
    assert.equal(file, launcherPath(storage));
    assert.equal(lstatSync(file).mode & 0o777, 0o700);
    const written = lstatSync(file);
    assert.equal(await ensureLauncher(contextAt(storage, extension)), file);
    assert.equal(lstatSync(file).ino, written.ino, 'the same content is not written again');
    await ensureLauncher(contextAt(storage, join(root, 'moved')));
    assert.notEqual(lstatSync(file).ino, written.ino);
    assert.match(readFileSync(file, 'utf8'), /moved/);
  });

  it("runs the hook with the editor's Node, and the hook reaches the window", async () => {
    const dir = channelDirForTest();
    const window = await startWindow(dir, async () => replyOf('{"ok":true}', ''));
    try {
      const file = await ensureLauncher(contextAt(join(root, 'storage'), extension));
      const stdin = hookFixture('claude.stop.json');
      for (const [command, args] of [
        ['sh', [file]],
        [file, []],
      ] as const) {
        const run = await runAsAgent(command, [...args, '--agent', 'claude'], {
          stdin,
          env: { IMESSAGE_HOOK_DIR: dir },
          timeoutMs: 10_000,
        });
        assert.deepEqual([run.status, run.stdout, run.stderr], [0, '{"ok":true}', ''], command);
      }
    } finally {
      await window.close();
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('whose hook.js is gone exits 0 with one line on stderr', async () => {
    const gone = join(root, 'uninstalled');
    mkdirSync(gone);
    const file = await ensureLauncher(contextAt(join(root, 'storage'), gone));
    const run = await runAsAgent('sh', [file, '--agent', 'claude'], { stdin: hookFixture('claude.stop.json'), timeoutMs: 5_000 });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /^imessage-hook: the iMessage Sender extension is no longer at [^\n]+uninstalled\/dist\/hook\.js; open VS Code to update this launcher\n$/,
    );
  });

  it('whose editor is gone exits 0 with one line on stderr', async () => {
    const file = join(root, 'launcher');
    writeFileSync(file, launcherScript('linux', join(root, 'old-editor', 'node'), builtHook()));
    const run = await runAsAgent('sh', [file], { timeoutMs: 5_000 });
    assert.deepEqual([run.status, run.stdout], [0, '']);
    assert.match(run.stderr, /^imessage-hook: the editor is no longer at [^\n]+old-editor\/node; open VS Code to update this launcher\n$/);
  });

  it('on Windows is a .cmd that sets ELECTRON_RUN_AS_NODE and passes every argument (not run here: no Windows)', () => {
    const script = launcherScript('win32', 'C:\\Code\\Code.exe', 'C:\\ext\\dist\\hook.js');
    assert.match(script, /^@echo off\r\n/);
    assert.match(script, /\r\nset ELECTRON_RUN_AS_NODE=1\r\n"C:\\Code\\Code\.exe" "C:\\ext\\dist\\hook\.js" %\*\r\nexit \/b 0\r\n$/);
  });
});
