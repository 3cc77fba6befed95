// Tasks that run a process: timed from onDidStartTaskProcess to onDidEndTaskProcess. Task
// terminals are not shell-integrated, so a task notification has no output tail.
import * as vscode from 'vscode';
import type { Armed, ArmedList } from './armed';
import type { Notifier } from './notifier';

export class TaskWatcher implements vscode.Disposable {
  private readonly started = new Map<vscode.TaskExecution, number>();
  private readonly armed = new Map<vscode.TaskExecution, Armed>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly notifier: Notifier,
    private readonly armedList: ArmedList,
    private readonly log: (line: string) => void,
  ) {
    this.subscriptions = [
      // Both events arrive late when the extension host is busy; the earlier one is closer to the truth.
      vscode.tasks.onDidStartTask((e) => this.markStart(e.execution)),
      vscode.tasks.onDidStartTaskProcess((e) => this.markStart(e.execution)),
      vscode.tasks.onDidEndTaskProcess((e) => void this.ended(e)),
      // A task that never started a process (or was cancelled before) must not stay armed.
      vscode.tasks.onDidEndTask((e) =>
        setTimeout(() => {
          this.started.delete(e.execution);
          this.disarm(e.execution);
        }, 1000),
      ),
    ];
  }

  /** One-shot: notify when this execution ends, whatever the rules say. */
  arm(execution: vscode.TaskExecution): Armed {
    const armed = this.armedList.add('task', execution.task.name);
    this.armed.set(execution, armed);
    return armed;
  }

  dispose() {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private markStart(execution: vscode.TaskExecution) {
    if (!this.started.has(execution)) this.started.set(execution, Date.now());
  }

  private disarm(execution: vscode.TaskExecution) {
    const armed = this.armed.get(execution);
    this.armed.delete(execution);
    if (armed) this.armedList.remove(armed);
  }

  private async ended(e: vscode.TaskProcessEndEvent) {
    const startedAt = this.started.get(e.execution);
    this.started.delete(e.execution);
    const armed = this.armed.get(e.execution);
    // A disarmed (cancelled) one-shot falls back to the automatic rules.
    const isArmed = armed !== undefined && this.armedList.has(armed);
    this.disarm(e.execution);
    const task = e.execution.task;
    // The task API reports no exit code exactly when the task was terminated: the user stopped it.
    if (e.exitCode === undefined) {
      this.log(`Task "${task.name}" was terminated: no notification.`);
      return;
    }
    await this.notifier.finished(
      'task',
      {
        name: task.name,
        exitCode: e.exitCode,
        durationMs: startedAt === undefined ? Number.NaN : Date.now() - startedAt,
        workspace: vscode.workspace.name ?? '',
        cwd: taskCwd(task),
        output: '',
      },
      isArmed,
    );
  }
}

function taskCwd(task: vscode.Task): string {
  const folder = typeof task.scope === 'object' ? task.scope.uri.fsPath : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '');
  const execution = task.execution;
  const cwd = execution && 'options' in execution ? execution.options?.cwd : undefined;
  return cwd ? cwd.replace(/\$\{workspaceFolder\}/g, folder) : folder;
}
