// One-shot notifications the user armed ("tell me when this finishes"), and the status bar item
// that shows them and cancels them on click.
import * as vscode from 'vscode';
import { forLabel, markdown } from '../../../core/untrusted-text';

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
  private readonly item = vscode.window.createStatusBarItem('imessage.notify.armed', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'iMessage: pending notifications';
    this.item.command = 'imessage.cancelNotification';
    this.onDidChange(() => this.render());
  }

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
    this.item.dispose();
    this.changed.dispose();
  }

  private render() {
    const items = this.list();
    if (items.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = items.length === 1 ? `$(bell) ${forLabel(items[0]!.label, 30)}` : `$(bell) ${items.length} pending`;
    const tooltip = new vscode.MarkdownString('**iMessage** will text you when these finish:\n\n');
    for (const a of items) tooltip.appendMarkdown(markdown`- ${a.kind}: ${a.label}\n`);
    tooltip.appendMarkdown('\nClick to cancel.');
    this.item.tooltip = tooltip;
    this.item.show();
  }
}
