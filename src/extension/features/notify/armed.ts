// One-shot notifications the user armed ("tell me when this finishes"). The status bar item of
// what waits (ui/status-item.ts) shows them and cancels them on click.
import * as vscode from 'vscode';

export interface Armed {
  readonly id: number;
  /** What the user sees: the task name or command line, or "next command in <terminal>". */
  label: string;
  readonly kind: 'task' | 'terminal';
}

export class ArmedList implements vscode.Disposable {
  private readonly items = new Map<number, Armed>();
  private nextId = 1;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  add(kind: Armed['kind'], label: string): Armed {
    const armed = { id: this.nextId++, kind, label };
    this.items.set(armed.id, armed);
    this.changed.fire();
    return armed;
  }

  relabel(armed: Armed, label: string) {
    if (!this.items.has(armed.id)) return;
    armed.label = label;
    this.changed.fire();
  }

  has(armed: Armed): boolean {
    return this.items.has(armed.id);
  }

  remove(armed: Armed): boolean {
    const removed = this.items.delete(armed.id);
    if (removed) this.changed.fire();
    return removed;
  }

  list(): Armed[] {
    return [...this.items.values()];
  }

  dispose() {
    this.changed.dispose();
  }
}
