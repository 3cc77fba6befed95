// Notebook cells and debug sessions ending, in a real host against the sandbox. No Jupyter kernel
// exists offline: the test registers its own controller for Jupyter notebooks (the built-in ipynb
// extension reads and writes the file); a cell's text says how it ends and how long it ran, and
// the controller back-dates its start. Debug sessions are Node programs under the built-in js-debug.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import { messageOf, sendsAfter, uniqueName, waitFor } from './notify-helpers';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const KEYS = ['notify.notebooks', 'notify.debug', 'notify.minDurationSeconds', 'notify.onlyWhenUnfocused', 'notify.recipient'];

describe('notify: notebook cells and debug sessions', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const set = (key: string, value: unknown) => settings().update(key, value, vscode.ConfigurationTarget.Global);
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri;

  before(async () => {
    sandbox = await startSandbox();
    await set('api.baseUrl', sandbox.url);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
  });

  beforeEach(async () => {
    await set('notify.minDurationSeconds', 3);
    await set('notify.onlyWhenUnfocused', false);
    await set('notify.recipient', TO);
    sandbox.reset();
  });

  after(async () => {
    for (const key of ['api.baseUrl', ...KEYS]) await set(key, undefined);
    await sandbox.close();
  });

  describe('notebook cells', () => {
    let controller: vscode.NotebookController;
    let order = 0;
    /** Cells whose run the controller ended. */
    let ended = 0;

    before(() => {
      controller = vscode.notebooks.createNotebookController('imessage-test-kernel', 'jupyter-notebook', 'iMessage test kernel');
      controller.supportedLanguages = ['plaintext', 'python'];
      // "ok 5" succeeds after 5 s, "fail 1" fails after 1 s (the start is back-dated: no waiting).
      controller.executeHandler = (cells) => {
        for (const cell of cells) {
          const [verdict, seconds] = cell.document.getText().trim().split(/\s+/);
          const execution = controller.createNotebookCellExecution(cell);
          execution.executionOrder = ++order;
          const now = Date.now();
          execution.start(now - Number(seconds) * 1000);
          execution.end(verdict === 'ok', now);
          ended++;
        }
      };
    });

    after(() => controller.dispose());

    afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    /** Opens a new .ipynb with these cells under the test kernel, runs every cell, waits until all ended. */
    async function runNotebook(cells: string[]): Promise<string> {
      const name = `${uniqueName('cells')}.ipynb`;
      const uri = vscode.Uri.joinPath(folder(), name);
      const ipynb = {
        cells: cells.map((source) => ({ cell_type: 'code', source: [source], metadata: {}, outputs: [], execution_count: null })),
        metadata: { language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(ipynb)));
      const notebook = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(notebook);
      controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
      await vscode.commands.executeCommand('notebook.selectKernel', { id: controller.id, extension: EXTENSION_ID });
      const target = ended + cells.length;
      await vscode.commands.executeCommand('notebook.execute', notebook.uri);
      await waitFor('every cell to end', () => (ended >= target ? true : undefined));
      return name;
    }

    it('always: exactly one text per cell that ran at least the minimum, with the notebook, cell number, result and duration', async () => {
      await set('notify.notebooks', 'always');
      const name = await runNotebook(['ok 5', 'fail 4', 'ok 1', 'fail 2']);
      // Every cell's decision is made (and logged) before the sends are counted.
      await readOutputLog((t) => t.includes(`No notification for notebook "${name} cell 3" (exit 0, 1s): it ran for less than 3 s.`));
      await readOutputLog((t) => t.includes(`No notification for notebook "${name} cell 4" (exit failed, 2s): it ran for less than 3 s.`));
      const sends = await sendsAfter(sandbox, 2);
      assert.deepEqual(
        sends.map((s) => messageOf(s)),
        [
          { to: TO, message: `**✅ ${name} cell 1** finished in 5s` },
          { to: TO, message: `**❌ ${name} cell 2** failed in 4s` },
        ],
      );
    });

    it('failures: only the failed cell', async () => {
      await set('notify.notebooks', 'failures');
      const name = await runNotebook(['ok 5', 'fail 6']);
      await readOutputLog((t) => t.includes(`No notification for notebook "${name} cell 1" (exit 0, 5s): it succeeded and only failures`));
      const sends = await sendsAfter(sandbox, 1);
      assert.deepEqual(
        sends.map((s) => messageOf(s).message),
        [`**❌ ${name} cell 2** failed in 6s`],
      );
    });

    it('off: nothing is sent', async () => {
      await set('notify.notebooks', 'off');
      const name = await runNotebook(['fail 9']);
      await readOutputLog((t) => t.includes(`No notification for notebook "${name} cell 1" (exit failed, 9s): notifications are off.`));
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('debug sessions', () => {
    /** Starts a Node program under js-debug; resolves when the session the test started has ended. */
    async function debugProgram(name: string, source: string): Promise<void> {
      const program = vscode.Uri.joinPath(folder(), `${name}.js`);
      await vscode.workspace.fs.writeFile(program, new TextEncoder().encode(source));
      let top: vscode.DebugSession | undefined;
      const done = new Promise<void>((resolve) => {
        const listener = vscode.debug.onDidTerminateDebugSession((s) => {
          if (s !== top) return;
          listener.dispose();
          resolve();
        });
      });
      const started = vscode.debug.onDidStartDebugSession((s) => {
        if (s.name === name && !s.parentSession) top = s;
      });
      try {
        const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], {
          type: 'node',
          request: 'launch',
          name,
          program: program.fsPath,
          runtimeExecutable: process.execPath,
          console: 'internalConsole',
        });
        assert.ok(ok, 'the debug session started');
        await done;
      } finally {
        started.dispose();
      }
    }

    it('a debug session that ends sends exactly one text with its name, "unknown exit code" and duration', async () => {
      await set('notify.debug', 'always');
      await set('notify.minDurationSeconds', 1);
      const name = uniqueName('debugged');
      await debugProgram(name, 'setTimeout(() => process.exit(3), 1500);\n');
      const sends = await sendsAfter(sandbox, 1);
      assert.equal(sends.length, 1, 'one text for the launch, none for its child session');
      const { to, message } = messageOf(sends[0]!);
      assert.equal(to, TO);
      assert.match(message, new RegExp(`^\\*\\*⚠️ ${name}\\*\\* ended with an unknown exit code in \\d+s$`));
    });

    it('a debug session shorter than the minimum sends nothing', async () => {
      await set('notify.debug', 'always');
      await set('notify.minDurationSeconds', 60);
      const name = uniqueName('quick-debug');
      await debugProgram(name, 'process.exit(0);\n');
      await readOutputLog((t) => t.includes(`No notification for debug "${name}" (exit unknown,`));
      assert.equal(sandbox.requests.length, 0);
    });
  });
});
