// Debug sessions: the top-level ones only (js-debug runs the program in a child session of the one
// the user started; one launch is one text). The debug API reports no exit code, so every end
// reads "ended with an unknown exit code" and counts as a failure in failures mode.
import * as vscode from 'vscode';
import type { Notifier } from './notifier';

export class DebugWatcher implements vscode.Disposable {
  private readonly started = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly notifier: Notifier) {
    this.subscriptions = [
      vscode.debug.onDidStartDebugSession((s) => {
        if (!s.parentSession) this.started.set(s.id, Date.now());
      }),
      vscode.debug.onDidTerminateDebugSession((s) => void this.ended(s)),
    ];
  }

  dispose() {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private async ended(session: vscode.DebugSession) {
    const startedAt = this.started.get(session.id);
    // A child session, or one that started before the watcher did.
    if (startedAt === undefined) return;
    this.started.delete(session.id);
    await this.notifier.finished(
      'debug',
      {
        name: session.name,
        exitCode: undefined,
        durationMs: Date.now() - startedAt,
        workspace: vscode.workspace.name ?? '',
        cwd: session.workspaceFolder?.uri.fsPath ?? '',
        output: '',
      },
      false,
    );
  }
}
