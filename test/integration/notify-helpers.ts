// Helpers for the notification tests: run shell tasks, wait for what the sandbox received.
import * as vscode from 'vscode';
import type { RecordedRequest, Sandbox } from '../../sandbox';

/** Sets an imessage.* user setting (undefined removes it). */
export function setUserSetting(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration('imessage').update(key, value, vscode.ConfigurationTarget.Global);
}

let counter = 0;
/** A task name no other test uses, so log lines can be told apart. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}`;
}

export function shellTask(name: string, command: string): vscode.Task {
  return new vscode.Task(
    { type: 'shell', label: name, command },
    vscode.TaskScope.Workspace,
    name,
    'imessage-test',
    new vscode.ShellExecution(command),
  );
}

/** Runs a task and resolves with its exit code once its process ended. */
export async function runTask(task: vscode.Task): Promise<number | undefined> {
  const ended = taskEnded(task.name);
  await vscode.tasks.executeTask(task);
  return ended;
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends to /send/imessage, once at least `n` arrived. A duplicate arriving later is not waited for (no
 * fixed wait can prove it never comes): tests that need "nothing more" wait for the decision in the log.
 */
export async function sendsAfter(sandbox: Sandbox, n: number, timeoutMs = 20_000): Promise<RecordedRequest[]> {
  const sends = () => sandbox.requests.filter((r) => r.path === '/send/imessage');
  await waitFor(`${n} send(s)`, () => (sends().length >= n ? true : undefined), timeoutMs);
  return sends();
}

export function messageOf(request: RecordedRequest): { to: string; message: string } {
  return request.body as { to: string; message: string };
}

/** Writes the workspace's .vscode/tasks.json and waits until the task service knows every label. */
export async function writeWorkspaceTasks(tasks: { label: string; command: string }[]): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const json = { version: '2.0.0', tasks: tasks.map((t) => ({ type: 'shell', problemMatcher: [], ...t })) };
  await vscode.workspace.fs.writeFile(
    vscode.Uri.joinPath(folder, '.vscode', 'tasks.json'),
    new TextEncoder().encode(JSON.stringify(json, null, 2)),
  );
  const labels = tasks.map((t) => t.label);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const known = new Set((await vscode.tasks.fetchTasks()).map((t) => t.name));
    if (labels.every((l) => known.has(l))) return;
    if (Date.now() > deadline) throw new Error(`tasks.json tasks never appeared: ${labels.filter((l) => !known.has(l)).join(', ')}`);
    await sleep(200);
  }
}

/** Resolves with the first `event` that `accept` accepts. */
function first<E>(event: vscode.Event<E>, accept: (e: E) => boolean): Promise<E> {
  return new Promise((resolve) => {
    const listener = event((e) => {
      if (!accept(e)) return;
      listener.dispose();
      resolve(e);
    });
  });
}

/** Resolves when the task named `name` ended its process. */
export function taskEnded(name: string): Promise<number | undefined> {
  return first(vscode.tasks.onDidEndTaskProcess, (e) => e.execution.task.name === name).then((e) => e.exitCode);
}

/** Resolves with the exit code when `execution` ended. */
export function commandEnded(execution: vscode.TerminalShellExecution): Promise<number | undefined> {
  return first(vscode.window.onDidEndTerminalShellExecution, (e) => e.execution === execution).then((e) => e.exitCode);
}

/** Resolves when a command starts in `terminal`. */
export function commandStarted(terminal: vscode.Terminal): Promise<vscode.TerminalShellExecution> {
  return first(vscode.window.onDidStartTerminalShellExecution, (e) => e.terminal === terminal).then((e) => e.execution);
}

/** Resolves with the exit code of the next command that ends in `terminal`, whatever execution VS Code reports it on. */
export function commandEndedIn(terminal: vscode.Terminal): Promise<number | undefined> {
  return first(vscode.window.onDidEndTerminalShellExecution, (e) => e.terminal === terminal).then((e) => e.exitCode);
}

/** The settings pageEverything sets: a suite that calls it resets them afterwards. */
export const PAGER_KEYS = [
  'notify.onlyWhenUnfocused',
  'notify.minDurationSeconds',
  'notify.quietHours',
  'agent.maxTextsPerSession',
  'agentHooks.approvals',
  'agentHooks.approvalTimeoutSeconds',
];

/** The agent pager texts every event (no focus, duration or quiet-hours rule) and puts every tool call to the user. */
export async function pageEverything(approvalTimeoutSeconds?: number): Promise<void> {
  const values = [false, 0, undefined, 1000, 'always', approvalTimeoutSeconds];
  const settings = vscode.workspace.getConfiguration('imessage');
  for (const [i, key] of PAGER_KEYS.entries()) await settings.update(key, values[i], vscode.ConfigurationTarget.Global);
}

/** Quiet hours from an hour ago to an hour from now (local time, crossing midnight when it must), and their end as "HH:MM". */
export function quietHoursAroundNow(): { range: string; ends: string; endMinute: number } {
  const hhmm = (m: number) =>
    `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, '0')}:${String((m + 1440) % 60).padStart(2, '0')}`;
  const now = new Date();
  const minute = now.getHours() * 60 + now.getMinutes();
  return { range: `${hhmm(minute - 60)}-${hhmm(minute + 60)}`, ends: hhmm(minute + 60), endMinute: (minute + 60) % 1440 };
}
