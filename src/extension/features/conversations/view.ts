// The Conversations view: one item per thread (from the send history and the threads known this
// session), the five newest polled slowly while the view is visible, errors in the view's message
// (keeping what was shown; offline once, not per thread), unread replies on each item. The view's
// badge is the count every window shares (ui/arrivals.ts), not this window's threads alone.
import * as vscode from 'vscode';
import { firstWords } from '../../../core/history';
import { contactNames } from '../../../core/contacts';
import { redact } from '../../../core/redact';
import { type ConversationsViewHandle, perActivation, type Services } from '../../services';
import { threadKey, type ThreadSpec } from '../../services/conversations';
import { watchArrivals } from '../../ui/arrivals';
import { plain } from '../../../core/untrusted-text';

/** Only the newest threads are polled while the view is open, and slowly: it is an overview. */
export const VIEW_POLLED_THREADS = 5;
export const VIEW_POLL_MS = 30_000;

export class ConversationItem extends vscode.TreeItem {
  constructor(
    readonly key: string,
    readonly spec: ThreadSpec,
    label: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = key;
    this.command = {
      command: 'imessage.openConversation',
      title: 'Open Conversation',
      arguments: [{ to: spec.to, ...(spec.from ? { from: spec.from } : {}) }],
    };
  }
}

export interface ConversationsTree {
  items(): Promise<ConversationItem[]>;
  /** Every thread shown asks the API now. */
  refresh(): Promise<void>;
}

/** The view's items, once per activation; the view itself is made at activation (src/extension/conversations-view.ts). */
export const conversationsTree: (services: Services) => ConversationsTree = perActivation((services) => {
  if (!services.conversationsView) throw new Error('The Conversations view is not registered.');
  return new Tree(services, services.conversationsView);
});

const STATE_ICONS: Record<string, string> = {
  pending: 'loading~spin',
  sent: 'check',
  delayed: 'clock',
  delivered: 'check-all',
  read: 'eye',
  failed: 'error',
};

class Tree implements ConversationsTree, vscode.Disposable {
  private watches = new Map<string, vscode.Disposable>();
  private specs: { key: string; spec: ThreadSpec }[] = [];
  private readonly subscriptions: vscode.Disposable[];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly services: Services,
    private readonly handle: ConversationsViewHandle,
  ) {
    const conversations = services.conversations;
    this.subscriptions = [
      conversations.onDidChange(() => this.refreshSoon()),
      services.history.onDidChange(() => this.refreshSoon()),
      handle.view.onDidChangeVisibility(() => this.updateWatches()),
    ];
    watchArrivals(services);
  }

  /** Many threads changing at once (a poll round) redraw the view once. */
  private refreshSoon() {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.handle.changed.fire(undefined);
    }, 50);
  }

  async items(): Promise<ConversationItem[]> {
    this.specs = await this.threads();
    this.updateWatches();
    const settings = this.services.config.readIfValid();
    const names = settings ? await contactNames(settings) : new Map<string, string>();
    const errors: string[] = [];
    let offline: string | undefined;
    const items = this.specs.map(({ key, spec }) => {
      const name = names.get(spec.to);
      const item = new ConversationItem(key, spec, plain`${name ?? spec.to}`);
      const view = this.services.conversations.thread(key);
      const bubbles = view?.thread.bubbles ?? [];
      const last = bubbles.at(-1);
      const threadUnread = view?.thread.unread ?? 0;
      if (view?.error) errors.push(plain`${name ?? spec.to}: ${view.error}`);
      offline ??= view?.offline;
      const text = last
        ? `${last.direction === 'in' ? '' : 'You: '}${firstWords({ message: last.text, attachments: last.attachments }, 40)}`
        : '';
      // Message text is a stranger's or the server's: redacted, and shown as plain text.
      item.description = redact(plain`${[threadUnread ? `${threadUnread} unread` : '', text].filter(Boolean).join(' · ')}`);
      const lastSent = view?.thread.lastSent;
      item.tooltip = redact(
        [
          name ? plain`${name} (${spec.to})` : plain`${spec.to}`,
          spec.from ? plain`from ${spec.from}` : '',
          lastSent ? `last sent: ${lastSent}` : '',
          view?.error ? plain`could not update: ${view.error}` : '',
          view?.offline ?? '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      item.iconPath = new vscode.ThemeIcon(threadUnread ? 'mail' : (STATE_ICONS[lastSent ?? ''] ?? 'comment'));
      item.contextValue = 'conversation';
      return item;
    });
    // A failed poll says why here; the items keep what was last known.
    const failures = [offline, errors.length ? `Could not update ${errors.join('; ')}` : ''].filter(Boolean).join(' ');
    this.handle.view.message = failures
      ? failures
      : items.length
        ? undefined
        : 'No conversations yet: send a message, or run "iMessage: Open Conversation".';
    return items;
  }

  /** Newest first: every person the history sent to (current API, phone numbers), then threads opened this session. */
  private async threads(): Promise<{ key: string; spec: ThreadSpec }[]> {
    const seen = new Set<string>();
    const out: { key: string; spec: ThreadSpec }[] = [];
    const add = (spec: ThreadSpec) => {
      const key = threadKey(spec);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ key, spec });
    };
    const tos = [
      ...new Set(
        this.services.history
          .list()
          .filter((e) => e.api !== 'legacy' && /^\+\d+$/.test(e.to))
          .map((e) => e.to),
      ),
    ];
    for (const to of tos) {
      const from = await this.services.conversations.fromOf(to);
      add(from ? { to, from } : { to });
    }
    for (const key of this.services.conversations.keys()) {
      const view = this.services.conversations.thread(key);
      if (view) add({ to: view.thread.to, ...(view.thread.from ? { from: view.thread.from } : {}) });
    }
    return out;
  }

  private updateWatches() {
    const wanted = this.handle.view.visible ? this.specs.slice(0, VIEW_POLLED_THREADS) : [];
    const keys = new Set(wanted.map((w) => w.key));
    for (const [key, watch] of this.watches) {
      if (keys.has(key)) continue;
      watch.dispose();
      this.watches.delete(key);
    }
    for (const { key, spec } of wanted) {
      if (!this.watches.has(key)) this.watches.set(key, this.services.conversations.watch(key, spec, { intervalMs: VIEW_POLL_MS }));
    }
  }

  /** Refresh Conversations: every thread shown asks now. */
  async refresh(): Promise<void> {
    await Promise.all(this.specs.map(({ key, spec }) => this.services.conversations.refresh(key, spec)));
    this.handle.changed.fire(undefined);
  }

  dispose() {
    clearTimeout(this.refreshTimer);
    this.watches.forEach((w) => w.dispose());
    this.subscriptions.forEach((s) => s.dispose());
  }
}
