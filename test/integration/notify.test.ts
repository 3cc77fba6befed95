// Notifications when tasks and terminal commands finish, in a real host against the sandbox
// (with its 1/s, burst 5 pacing on, as the real API has).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import {
  commandEnded,
  commandEndedIn,
  commandStarted,
  messageOf,
  runTask,
  sendsAfter,
  shellTask,
  taskEnded,
  uniqueName,
  waitFor,
  writeWorkspaceTasks,
} from './notify-helpers';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const NOTIFY_KEYS = [
  'tasks',
  'terminal',
  'minDurationSeconds',
  'onlyWhenUnfocused',
  'ignoreExitCodes',
  'recipient',
  'quietHours',
  'template',
];

/** What ${duration} looks like for a few seconds of work on a busy machine. */
const DURATION = '(?:<1s|\\d+s)';
const BURST = Array.from({ length: 10 }, (_, i) => `burst-${i}`);

describe('notify', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const set = (key: string, value: unknown) => settings().update(key, value, vscode.ConfigurationTarget.Global);

  before(async () => {
    sandbox = await startSandbox(); // pacing on: 1/s, burst 5 per number
    await set('api.baseUrl', sandbox.url);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    // tasks.json tasks are told apart by label, so ten of them can run at once (tasks made
    // through the API with an unregistered type share one identity and queue behind each other).
    await writeWorkspaceTasks([
      ...BURST.map((label) => ({ label, command: 'sleep 1; exit 1' })),
      { label: 'oneshot', command: 'sleep 1; exit 0' },
      { label: 'oneshot-long', command: 'sleep 4; exit 0' },
    ]);
  });

  beforeEach(async () => {
    // Focus in a headless browser may be either way: every test states the rules it relies on.
    await set('notify.tasks', 'always');
    await set('notify.minDurationSeconds', 0);
    await set('notify.onlyWhenUnfocused', false);
    await set('notify.recipient', TO);
    for (const key of ['notify.ignoreExitCodes', 'notify.quietHours', 'notify.template', 'notify.terminal']) await set(key, undefined);
    sandbox.reset();
  });

  after(async () => {
    for (const key of ['api.baseUrl', ...NOTIFY_KEYS.map((k) => `notify.${k}`)]) await set(key, undefined);
    await sandbox.close();
  });

  it('a shell task that exits 3 sends exactly one text with its name, exit code and duration', async () => {
    const name = uniqueName('build');
    assert.equal(await runTask(shellTask(name, 'sleep 1; exit 3')), 3);
    const sends = await sendsAfter(sandbox, 1);
    assert.equal(sends.length, 1);
    const { to, message } = messageOf(sends[0]!);
    assert.equal(to, TO);
    assert.match(message, new RegExp(`^\\*\\*❌ ${name}\\*\\* failed with exit code 3 in ${DURATION}$`));
    assert.equal(sends[0]!.status, 200);
  });

  it('failures: a success is not notified, a failure is', async () => {
    await set('notify.tasks', 'failures');
    const ok = uniqueName('ok');
    await runTask(shellTask(ok, 'exit 0'));
    await skipped('task', ok, 0, 'it succeeded and only failures are notified.');
    const bad = uniqueName('bad');
    await runTask(shellTask(bad, 'exit 1'));
    const sends = await sendsAfter(sandbox, 1);
    assert.equal(sends.length, 1);
    assert.ok(messageOf(sends[0]!).message.includes(bad));
  });

  it('off: nothing is sent', async () => {
    await set('notify.tasks', 'off');
    const off = uniqueName('off');
    await runTask(shellTask(off, 'exit 1'));
    await skipped('task', off, 1, 'notifications are off.');
    assert.equal(sandbox.requests.length, 0);
  });

  it('a task shorter than minDurationSeconds is not notified', async () => {
    await set('notify.minDurationSeconds', 30);
    const quick = uniqueName('quick');
    await runTask(shellTask(quick, 'exit 1'));
    await skipped('task', quick, 1, 'it ran for less than 30 s.');
    await set('notify.minDurationSeconds', 1);
    const slow = uniqueName('slow');
    await runTask(shellTask(slow, 'sleep 1.2; exit 1'));
    assert.equal((await sendsAfter(sandbox, 1)).length, 1);
  });

  it('ignored exit codes: 130 by default, and whatever the setting lists', async () => {
    const interrupted = uniqueName('interrupted');
    await runTask(shellTask(interrupted, 'exit 130'));
    await skipped('task', interrupted, 130, 'exit code 130 is ignored.');
    await set('notify.ignoreExitCodes', [7]);
    const seven = uniqueName('seven');
    await runTask(shellTask(seven, 'exit 7'));
    await skipped('task', seven, 7, 'exit code 7 is ignored.');
    await runTask(shellTask(uniqueName('now130'), 'exit 130'));
    const sends = await sendsAfter(sandbox, 1);
    assert.equal(sends.length, 1);
    assert.match(messageOf(sends[0]!).message, /exit code 130/);
  });

  it('quiet hours hold automatic notifications back', async () => {
    await set('notify.quietHours', '00:00-24:00');
    const night = uniqueName('night');
    await runTask(shellTask(night, 'exit 1'));
    await skipped('task', night, 1, 'it is quiet hours.');
    assert.equal(sandbox.requests.length, 0);
  });

  it('onlyWhenUnfocused follows the window focus state', async () => {
    await set('notify.onlyWhenUnfocused', true);
    const name = uniqueName('focus');
    await runTask(shellTask(name, 'exit 1'));
    if (vscode.window.state.focused) {
      await skipped('task', name, 1, 'the window is focused.');
      assert.equal(sandbox.requests.length, 0);
    } else {
      assert.equal((await sendsAfter(sandbox, 1)).length, 1);
    }
  });

  it('the template fills every placeholder', async () => {
    await set('notify.template', 'T ${name}|${icon}|${status}|${exitCode}|${duration}|${workspace}|${cwd}|${output}');
    const name = uniqueName('tpl');
    await runTask(shellTask(name, 'exit 5'));
    const [send] = await sendsAfter(sandbox, 1);
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    assert.match(
      messageOf(send!).message,
      new RegExp(`^T ${name}\\|❌\\|failed with exit code 5\\|5\\|(<1s|\\ds)\\|${vscode.workspace.name}\\|${escape(folder)}\\|$`),
    );
  });

  it('an invalid template is reported naming the setting, and nothing is sent', async () => {
    await settings().update('notify.template', '${nmae} done', vscode.ConfigurationTarget.Global);
    await runTask(shellTask(uniqueName('badtpl'), 'exit 1'));
    await readOutputLog((t) => /failed: imessage\.notify\.template has an unknown placeholder \$\{nmae\}/.test(t));
    assert.equal(sandbox.requests.length, 0);
  });

  it('failed notifications are logged every time but shown once', async () => {
    // Start from a notification that got through: a failure streak from an earlier test ends there.
    await runTask(shellTask(uniqueName('before'), 'exit 1'));
    await sendsAfter(sandbox, 1);
    await vscode.commands.executeCommand('imessage.clearToken');
    try {
      const [a, b] = [uniqueName('fail-a'), uniqueName('fail-b')];
      await runTask(shellTask(a, 'exit 1'));
      await runTask(shellTask(b, 'exit 1'));
      const log = await readOutputLog((t) => t.includes(`task "${b}"`) && /task "fail-b[^\n]*failed: No Contiguity API token/.test(t));
      assert.match(
        log,
        new RegExp(`Notification about task "${a}"[^\\n]*failed: No Contiguity API token is set[^\\n]*\\(shown to the user\\)`),
      );
      assert.match(log, new RegExp(`Notification about task "${b}"[^\\n]*\\(not shown again until a notification gets through\\)`));
    } finally {
      await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    }
    // A success ends the streak: the next failure is shown again.
    await runTask(shellTask(uniqueName('recovered'), 'exit 1'));
    await sendsAfter(sandbox, 2);
    await set('notify.recipient', 'not a number');
    const c = uniqueName('fail-c');
    await runTask(shellTask(c, 'exit 1'));
    await readOutputLog((t) => new RegExp(`Notification about task "${c}"[^\\n]*\\(shown to the user\\)`).test(t));
  });

  describe('one-shot: run a task and notify', () => {
    beforeEach(async () => {
      // Rules that would stop any automatic notification: a one-shot ignores them all.
      await set('notify.tasks', 'off');
      await set('notify.minDurationSeconds', 999);
      await set('notify.quietHours', '00:00-24:00');
    });

    it('runs the named task and notifies when it ends, whatever the rules', async () => {
      const ended = taskEnded('oneshot');
      assert.deepEqual(await vscode.commands.executeCommand('imessage.runTaskAndNotify', { task: 'oneshot' }), { task: 'oneshot' });
      assert.equal(await ended, 0);
      const sends = await sendsAfter(sandbox, 1);
      assert.equal(sends.length, 1);
      assert.match(messageOf(sends[0]!).message, new RegExp(`^\\*\\*✅ oneshot\\*\\* finished in ${DURATION}$`));
    });

    it('cancelNotification disarms it: nothing is sent', async () => {
      const ended = taskEnded('oneshot-long');
      await vscode.commands.executeCommand('imessage.runTaskAndNotify', { task: 'oneshot-long' });
      assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 1);
      await ended;
      // Disarmed, it falls back to the rules, which say no (tasks are off in this group).
      await skipped('task', 'oneshot-long', 0, 'notifications are off.');
      assert.equal(sandbox.requests.length, 0);
      assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 0);
    });

    it('an unknown task name is an error naming it; nothing runs', async () => {
      assert.equal(await vscode.commands.executeCommand('imessage.runTaskAndNotify', { task: 'nope' }), undefined);
      await readOutputLog((t) => t.includes('imessage.runTaskAndNotify failed: No task named "nope". Tasks: burst-0'));
      assert.equal(sandbox.requests.length, 0);
    });
  });

  it('a burst of 10 task ends is paced: all 10 delivered, zero 429s', async () => {
    const t0 = Date.now();
    const tasks = (await vscode.tasks.fetchTasks()).filter((t) => BURST.includes(t.name));
    assert.equal(tasks.length, 10);
    const ended = Promise.all(BURST.map(taskEnded));
    await Promise.all(tasks.map((t) => vscode.tasks.executeTask(t)));
    await ended;
    const sends = await sendsAfter(sandbox, 10, 40_000);
    assert.equal(sends.length, 10, 'exactly one send per task');
    assert.deepEqual(
      sends.map((s) => s.status),
      Array(10).fill(200),
      'no 429 (or anything else) from the sandbox',
    );
    assert.deepEqual(new Set(sends.map((s) => messageOf(s).message.match(/burst-\d/)![0])), new Set(BURST));
    assert.equal(sandbox.sent.length, 10);
    const span = sends.at(-1)!.at - sends[0]!.at;
    console.log(`      10 notifications arrived over ${span} ms, all delivered ${Date.now() - t0} ms after the tasks started`);
  });

  describe('terminal commands (bash with shell integration)', () => {
    let terminal: vscode.Terminal;
    const name = 'imessage-bash';

    before(async function () {
      this.timeout(40_000);
      terminal = vscode.window.createTerminal({ name, shellPath: '/bin/bash' });
      terminal.show();
      await waitFor('shell integration in bash', () => terminal.shellIntegration, 30_000);
    });

    after(() => terminal.dispose());

    /**
     * A relaunched terminal keeps its Terminal and shell integration objects, and VS Code 1.139 fires
     * no event when the new shell reaches its prompt (onDidChangeTerminalShellIntegration does not
     * fire again): the one wait on time left in these tests, for text typed too early is lost.
     */
    const newShellReady = () => new Promise((r) => setTimeout(r, 1000));

    beforeEach(async () => {
      await set('notify.tasks', 'off');
      await set('notify.terminal', 'always');
    });

    it('a command ending sends its command line, exit code and last lines of output', async () => {
      await set('notify.template', '${name}|${exitCode}|${cwd}\n${output}');
      const command = "printf 'first\\nsecond\\nlast line\\n'; sleep 1; (exit 4)";
      const execution = terminal.shellIntegration!.executeCommand(command);
      assert.equal(await commandEnded(execution), 4);
      const sends = await sendsAfter(sandbox, 1);
      assert.equal(sends.length, 1);
      const { to, message } = messageOf(sends[0]!);
      assert.equal(to, TO);
      const [head, ...output] = message.split('\n');
      assert.match(head!, new RegExp(`^${escape(command)}\\|4\\|/`));
      assert.deepEqual(output.slice(-3), ['first', 'second', 'last line']);
    });

    it('failures mode: a successful command is not notified', async () => {
      await set('notify.terminal', 'failures');
      const execution = terminal.shellIntegration!.executeCommand('true');
      assert.equal(await commandEnded(execution), 0);
      await skipped('terminal', 'true', 0, 'it succeeded and only failures are notified.');
      assert.equal(sandbox.requests.length, 0);
    });

    it('notifyOnCompletion arms the next command, whatever the rules', async () => {
      await set('notify.terminal', 'off');
      await set('notify.quietHours', '00:00-24:00');
      terminal.show();
      const armed = await vscode.commands.executeCommand('imessage.notifyOnCompletion', { terminal: name });
      assert.deepEqual(armed, { label: `next command in ${name}`, shellIntegration: true });
      const execution = terminal.shellIntegration!.executeCommand('sleep 1');
      assert.equal(await commandEnded(execution), 0);
      const sends = await sendsAfter(sandbox, 1);
      assert.equal(sends.length, 1);
      assert.match(messageOf(sends[0]!).message, new RegExp(`^\\*\\*✅ sleep 1\\*\\* finished in ${DURATION}$`));
    });

    it('notifyOnCompletion arms the command already running in the active terminal', async () => {
      await set('notify.terminal', 'off');
      terminal.show();
      const started = commandStarted(terminal);
      const execution = terminal.shellIntegration!.executeCommand('sleep 2; (exit 2)');
      await started;
      assert.equal(vscode.window.activeTerminal, terminal);
      assert.deepEqual(await vscode.commands.executeCommand('imessage.notifyOnCompletion'), {
        label: 'sleep 2; (exit 2)',
        shellIntegration: true,
      });
      assert.equal(await commandEnded(execution), 2);
      const sends = await sendsAfter(sandbox, 1);
      assert.equal(sends.length, 1);
      assert.match(
        messageOf(sends[0]!).message,
        new RegExp(`^\\*\\*❌ sleep 2; \\(exit 2\\)\\*\\* failed with exit code 2 in ${DURATION}$`),
      );
    });

    it('a one-shot on a running command survives a relaunch of the terminal: it moves to the next command, and the user is told', async () => {
      await set('notify.terminal', 'off');
      const prompts: PromptRequest[] = [];
      const stopAnswering = answerPromptsForTests((p) => void prompts.push(p));
      try {
        terminal.show();
        const before = await terminal.processId;
        const started = commandStarted(terminal);
        terminal.shellIntegration!.executeCommand('sleep 60');
        await started;
        assert.deepEqual(await vscode.commands.executeCommand('imessage.notifyOnCompletion', { terminal: name }), {
          label: 'sleep 60',
          shellIntegration: true,
        });
        terminal.show();
        await vscode.commands.executeCommand('workbench.action.terminal.relaunch');
        const warning = await waitFor('the warning', () => prompts.find((p) => p.message.includes('was restarted')), 20_000);
        assert.equal(warning.severity, 'warning');
        assert.match(
          warning.message,
          new RegExp(`terminal "${name}" was restarted while "sleep 60" ran.*next command in "${name}" finishes instead`),
        );
        assert.notEqual(await terminal.processId, before);
        await waitFor('shell integration in the new shell', () => terminal.shellIntegration, 30_000);
        await newShellReady();
        const ended = commandEndedIn(terminal);
        terminal.sendText('sleep 1; (exit 5)');
        assert.equal(await ended, 5);
        const sends = await sendsAfter(sandbox, 1);
        assert.equal(sends.length, 1, 'exactly one text');
        // VS Code 1.139 reports this command's end on the dead execution, with no start event: its duration is unknown.
        assert.match(
          messageOf(sends[0]!).message,
          new RegExp(`^\\*\\*❌ sleep 1; \\(exit 5\\)\\*\\* failed with exit code 5 in (?:an unknown time|${DURATION})$`),
        );
        assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 0, 'nothing left armed');
      } finally {
        stopAnswering();
      }
    });

    it('a one-shot armed for the next command still fires after a relaunch', async () => {
      await set('notify.terminal', 'off');
      terminal.show();
      assert.deepEqual(await vscode.commands.executeCommand('imessage.notifyOnCompletion', { terminal: name }), {
        label: `next command in ${name}`,
        shellIntegration: true,
      });
      const before = await terminal.processId;
      await vscode.commands.executeCommand('workbench.action.terminal.relaunch');
      for (const deadline = Date.now() + 20_000; (await terminal.processId) === before;) {
        if (Date.now() > deadline) throw new Error('the terminal was not relaunched');
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitFor('shell integration in the new shell', () => terminal.shellIntegration, 30_000);
      await newShellReady();
      const ended = commandEndedIn(terminal);
      terminal.sendText('sleep 1; (exit 7)');
      assert.equal(await ended, 7);
      const sends = await sendsAfter(sandbox, 1);
      assert.equal(sends.length, 1, 'exactly one text');
      assert.match(
        messageOf(sends[0]!).message,
        new RegExp(`^\\*\\*❌ sleep 1; \\(exit 7\\)\\*\\* failed with exit code 7 in ${DURATION}$`),
      );
      assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 0, 'nothing left armed');
    });

    it('closing a terminal with an armed one-shot tells the user that no text will come', async () => {
      await set('notify.terminal', 'off');
      const prompts: PromptRequest[] = [];
      const stopAnswering = answerPromptsForTests((p) => void prompts.push(p));
      const doomed = vscode.window.createTerminal({ name: 'imessage-doomed', shellPath: '/bin/bash' });
      try {
        await waitFor('shell integration', () => doomed.shellIntegration, 30_000);
        await vscode.commands.executeCommand('imessage.notifyOnCompletion', { terminal: 'imessage-doomed' });
        doomed.dispose();
        const warning = await waitFor('the warning', () => prompts.find((p) => p.message.includes('was closed')), 20_000);
        assert.equal(
          warning.message,
          'The terminal "imessage-doomed" was closed: no text will come for "next command in imessage-doomed".',
        );
        assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 0);
        assert.equal(sandbox.requests.length, 0);
      } finally {
        stopAnswering();
        doomed.dispose();
      }
    });

    it('a cancelled one-shot sends nothing', async () => {
      // Failures only: the success below is one the rules log a decision for, and an armed one-shot would send.
      await set('notify.terminal', 'failures');
      await vscode.commands.executeCommand('imessage.notifyOnCompletion', { terminal: name });
      assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 1);
      const command = `true ${uniqueName('cancelled')}`;
      await commandEnded(terminal.shellIntegration!.executeCommand(command));
      await skipped('terminal', command, 0, 'it succeeded and only failures are notified.');
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('a terminal without shell integration (dash)', () => {
    let terminal: vscode.Terminal;
    const name = 'imessage-dash';

    before(() => {
      terminal = vscode.window.createTerminal({ name, shellPath: '/bin/sh' });
    });

    after(() => terminal.dispose());

    it('notifyOnCompletion arms it but warns, naming the terminal and how to enable shell integration', async () => {
      const result = await vscode.commands.executeCommand('imessage.notifyOnCompletion', { terminal: name });
      assert.deepEqual(result, { label: `next command in ${name}`, shellIntegration: false });
      await readOutputLog((t) =>
        t.includes(
          `The terminal "${name}" has not reported shell integration: if it has none, VS Code cannot tell when its commands finish`,
        ),
      );
      assert.equal(await vscode.commands.executeCommand('imessage.cancelNotification', { all: true }), 1);
    });

    it('using it while terminal notifications are on explains how to enable shell integration', async () => {
      await set('notify.tasks', 'off');
      await set('notify.terminal', 'always');
      terminal.show();
      terminal.sendText('echo typed');
      await readOutputLog((t) => t.includes(`Terminal "${name}" has no shell integration: its commands cannot be notified.`), 20_000);
      assert.equal(sandbox.requests.length, 0);
    });
  });
});

/** Waits for the log line that says why a finished task or command was not notified. */
function skipped(kind: 'task' | 'terminal', name: string, exitCode: number, reason: string) {
  const line = new RegExp(`No notification for ${kind} "${escape(name)}" \\(exit ${exitCode}, [^)]*\\): ${escape(reason)}`);
  return readOutputLog((t) => line.test(t), 15_000);
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
