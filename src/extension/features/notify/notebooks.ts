// Notebook cells, from any kernel: a cell's execution summary gets its end time and success when
// the run ends. Notebooks have no exit codes: success is 0, failure is 'failed'.
import * as vscode from 'vscode';
import type { Notifier } from './notifier';

export class NotebookWatcher implements vscode.Disposable {
  /** The run last notified per cell: a summary can be reported again with the same run in it. */
  private readonly notified = new WeakMap<vscode.NotebookCell, string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly notifier: Notifier) {
    this.subscription = vscode.workspace.onDidChangeNotebookDocument((e) => {
      for (const change of e.cellChanges) {
        if (change.executionSummary) void this.changed(e.notebook, change.cell, change.executionSummary);
      }
    });
  }

  dispose() {
    this.subscription.dispose();
  }

  private async changed(notebook: vscode.NotebookDocument, cell: vscode.NotebookCell, summary: vscode.NotebookCellExecutionSummary) {
    const { timing, success } = summary;
    // Still running (no end yet), or cleared.
    if (!timing || success === undefined) return;
    const run = `${summary.executionOrder}@${timing.endTime}`;
    if (this.notified.get(cell) === run) return;
    this.notified.set(cell, run);
    await this.notifier.finished(
      'notebook',
      {
        name: `${notebookName(notebook)} cell ${cell.index + 1}`,
        exitCode: success ? 0 : 'failed',
        durationMs: timing.endTime - timing.startTime,
        workspace: vscode.workspace.name ?? '',
        cwd: notebook.uri.scheme === 'file' ? vscode.Uri.joinPath(notebook.uri, '..').fsPath : '',
        output: '',
      },
      false,
    );
  }
}

function notebookName(notebook: vscode.NotebookDocument): string {
  return notebook.uri.path.split('/').pop() || notebook.uri.toString();
}
