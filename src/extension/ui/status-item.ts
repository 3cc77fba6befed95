// The one status bar item that shows what waits: texts in the outbox (and why), armed one-shot
// notifications, unread replies. It reads only what the services and the notify feature publish as
// events, is made on first use (never at activation), and hides when nothing waits. What it says is
// decided in core/outbox/status; a click offers the actions (imessage.showWaiting).
import * as vscode from 'vscode';
import { statusView, waitingActions, type StatusView, type WaitingState } from '../../core/outbox/status';
import { perActivation, type Services } from '../services';
import { says } from '../../core/untrusted-text';
import { tell } from './prompts';

/** The armed one-shots as the notify feature publishes them (the ui cannot name its types). */
export interface ArmedSource<T extends { label: string; kind: string }> {
  list(): T[];
  remove(armed: T): boolean;
  readonly onDidChange: vscode.Event<void>;
}

type AnyArmed = ArmedSource<{ label: string; kind: string }>;

export class StatusItem implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private armed: AnyArmed | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<StatusView | undefined>();
  /** What the item shows after each change, undefined while hidden (the status bar cannot be read back; tests wait on this). */
  readonly onDidRender = this.changed.event;
  private shown: StatusView | undefined;

  constructor(private readonly services: Services) {
    this.subscriptions.push(
      services.outbox.onDidChange(() => this.render()),
      // Unread replies as every window counts them (the badge's source): the item agrees across windows too.
      services.windows.onDidChange(() => this.render()),
      this.changed,
    );
    this.render();
  }

  /** What the item shows now; undefined while it is hidden. */
  get view(): StatusView | undefined {
    return this.shown;
  }

  /** The notify feature hands over its armed one-shots once it runs. */
  watchArmed<T extends { label: string; kind: string }>(armed: ArmedSource<T>): void {
    this.armed = armed as unknown as AnyArmed;
    this.subscriptions.push(armed.onDidChange(() => this.render()));
    this.render();
  }

  state(): WaitingState {
    const { windows, outbox } = this.services;
    const unread = windows.unread().map((t) => ({ key: t.key, to: t.to, count: t.count }));
    return { outbox: outbox.waiting, armed: this.armed?.list() ?? [], unread };
  }

  /** The click: one quick pick of every action on what waits. */
  async pick(): Promise<void> {
    const state = this.state();
    const armed = this.armed?.list() ?? [];
    const actions = waitingActions(state);
    if (actions.length === 0) return;
    const picked = await vscode.window.showQuickPick(
      actions.map((a) => ({ label: a.label, action: a })),
      { title: 'iMessage: what is waiting' },
    );
    if (!picked) return;
    const a = picked.action;
    const { outbox, log } = this.services;
    if (a.kind === 'send-now' && !(await outbox.sendNow(a.id))) log.info('Outbox: that text is no longer waiting here.');
    if (a.kind === 'discard' && !(await outbox.discard(a.id))) log.info('Outbox: that text is no longer waiting here.');
    if (a.kind === 'open') {
      const thread = this.services.windows.unread().find((u) => u.key === a.key);
      await vscode.commands.executeCommand('imessage.openConversation', { to: thread?.to, ...(thread?.from ? { from: thread.from } : {}) });
    }
    const cancelled = a.kind === 'cancel' ? armed[a.index] : undefined;
    // Said as the Cancel command says it: the user knows the text will not come.
    if (cancelled && this.armed?.remove(cancelled)) tell('info', says`No text will be sent when ${cancelled.label} finishes.`);
    this.render();
  }

  private render(): void {
    const view = statusView(this.state());
    this.shown = view;
    if (view) {
      this.item ??= this.create();
      this.item.text = view.text;
      this.item.tooltip = new vscode.MarkdownString(view.tooltip);
      this.item.show();
    } else this.item?.hide();
    this.changed.fire(view);
  }

  private create(): vscode.StatusBarItem {
    const item = vscode.window.createStatusBarItem('imessage.waiting', vscode.StatusBarAlignment.Left, 10);
    item.name = 'iMessage: what is waiting';
    item.command = 'imessage.showWaiting';
    return item;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item?.dispose();
  }
}

/** The status item of an activation, made on first use. */
export const statusItem = perActivation((s: Services) => new StatusItem(s));
