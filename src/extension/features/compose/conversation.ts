// The thread on top of the compose panel: the conversation with the draft's recipient, watched
// (so polled) only while the panel is visible, marked read when unread messages are on screen,
// with tapbacks and the typing indicator sent through the conversations service.
import * as vscode from 'vscode';
import { resolveThread } from '../../../core/conversation/resolve';
import { redactedMessage } from '../../../core/redact';
import type { Draft, HostMessage } from '../../../shared/compose';
import type { Services } from '../../services';
import { prompt } from '../../ui/prompts';
import { threadKey, type ThreadSpec } from '../../services/conversations';
import { watchArrivals } from '../../ui/arrivals';
import { pageThread } from './thread-view';
import { COMPOSE_TITLE } from '../../ui/view-and-file-names';
import { plain, says } from '../../../core/untrusted-text';

/** A typing indicator nobody stopped ends by itself after this long, as on a phone. */
const TYPING_IDLE_MS = 5_000;

export class PanelConversation implements vscode.Disposable {
  private key: string | undefined;
  private spec: ThreadSpec | undefined;
  private title = '';
  private watching: vscode.Disposable | undefined;
  private following = 0;
  /** The unread bubbles a read receipt was sent for, so one set is marked once. */
  private markedFor = '';
  private typingSince: number | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private readonly arrivals;
  /** Resolving a recipient is async: a panel closed meanwhile must not start watching afterwards. */
  private disposed = false;

  constructor(
    private readonly services: Services,
    private readonly panel: vscode.WebviewPanel,
    private readonly post: (message: HostMessage) => void,
  ) {
    this.arrivals = watchArrivals(services);
    this.subscriptions = [
      services.conversations.onDidChange((key) => {
        if (key === this.key) this.show();
      }),
      panel.onDidChangeViewState(() => this.updateWatch()),
    ];
  }

  /** The thread the panel shows: the draft's recipient and number. Later calls win over slower earlier ones. */
  async follow(draft: Pick<Draft, 'to' | 'from'>): Promise<void> {
    const request = ++this.following;
    const resolved = await this.resolve(draft);
    if (request !== this.following || this.disposed) return;
    const key = resolved && threadKey(resolved.spec);
    if (key === this.key) return;
    this.stopTyping();
    this.watching?.dispose();
    this.watching = undefined;
    this.key = key;
    this.spec = resolved?.spec;
    this.markedFor = '';
    if (resolved) this.title = resolved.name ? plain`${resolved.name} (${resolved.spec.to})` : plain`${resolved.spec.to}`;
    // The tab names whom the panel talks to, so two conversations side by side can be told apart.
    this.panel.title = resolved ? plain`${resolved.name ?? resolved.spec.to} · iMessage` : COMPOSE_TITLE;
    this.updateWatch();
    if (resolved) this.show();
    else this.post({ type: 'thread', thread: null });
  }

  /**
   * The thread the draft names, or undefined: no recipient, an email, a number that is not valid
   * (the fields say why), settings that do not parse, or the legacy API (no conversation endpoints).
   */
  private async resolve(draft: Pick<Draft, 'to' | 'from'>) {
    try {
      const settings = this.services.config.read();
      if (settings.apiVersion === 'legacy') return undefined;
      const resolved = await resolveThread({ to: draft.to.trim() || settings.defaultRecipient, from: draft.from }, settings);
      resolved.spec.from ??= await this.services.conversations.fromOf(resolved.spec.to);
      return resolved;
    } catch {
      return undefined;
    }
  }

  /** The key of the thread shown, if any (tests and the view find the panel's thread by it). */
  threadKey(): string | undefined {
    return this.key;
  }

  /** Whether the thread shown has no message yet: a first message to this number. */
  isNewThread(): boolean {
    const view = this.key ? this.services.conversations.thread(this.key) : undefined;
    if (view?.updatedAt) return view.thread.bubbles.length === 0;
    // Not read yet (or the read failed): new unless this number was texted before from here.
    const to = this.spec?.to;
    return to !== undefined && !this.services.history.list().some((entry) => entry.to === to);
  }

  recipient(): ThreadSpec | undefined {
    return this.spec;
  }

  async react(bubble: string, tapback: Parameters<Services['conversations']['react']>[2], action: 'add' | 'remove'): Promise<void> {
    if (!this.key) return;
    try {
      await this.services.conversations.react(this.key, bubble, tapback, action);
    } catch (error) {
      this.fail('The tapback was not sent', error);
    }
  }

  /** The page reports typing; the API hears one start per burst and one stop, never a stream. */
  typing(active: boolean) {
    if (!this.key || !this.spec?.from) return;
    clearTimeout(this.typingTimer);
    if (!active) return this.stopTyping();
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
    if (this.typingSince !== undefined) return;
    this.typingSince = Date.now();
    void this.services.conversations
      .typing(this.key, 'start')
      .catch((e: unknown) => this.services.log.warn(`Typing indicator: ${redactedMessage(e)}`));
  }

  private stopTyping() {
    clearTimeout(this.typingTimer);
    if (this.typingSince === undefined || !this.key) return;
    this.typingSince = undefined;
    void this.services.conversations
      .typing(this.key, 'stop')
      .catch((e: unknown) => this.services.log.warn(`Typing indicator: ${redactedMessage(e)}`));
  }

  private updateWatch() {
    if (this.disposed) return;
    const wanted = this.panel.visible && this.key !== undefined && this.spec !== undefined;
    // A reply to the thread on screen needs no notification.
    this.arrivals.onScreen(this, wanted ? this.key : undefined);
    if (wanted && !this.watching) this.watching = this.services.conversations.watch(this.key!, this.spec!);
    if (!wanted && this.watching) {
      this.watching.dispose();
      this.watching = undefined;
    }
    if (wanted) this.markReadIfSeen();
  }

  /** Posts the thread again (a page that reloaded after being hidden starts empty). */
  show() {
    if (!this.key) return;
    this.post({ type: 'thread', thread: pageThread(this.services.conversations.thread(this.key), this.title) });
    this.markReadIfSeen();
  }

  /** Unread messages on a visible panel are seen: tell the sender, unless the user turned it off. */
  private markReadIfSeen() {
    if (!this.key || !this.panel.visible) return;
    const view = this.services.conversations.thread(this.key);
    const unread = view?.thread.bubbles.filter((b) => b.direction === 'in' && b.state !== 'read').map((b) => b.key) ?? [];
    if (unread.length === 0) return;
    // Settings that do not parse are reported elsewhere; a read receipt is not worth guessing.
    const enabled = this.services.config.readIfValid()?.markRead ?? false;
    const signature = unread.join('\n');
    if (!enabled || signature === this.markedFor) return;
    this.markedFor = signature;
    void this.services.conversations.markRead(this.key).catch((e: unknown) => this.fail('The read receipt was not sent', e));
  }

  private fail(what: string, error: unknown) {
    this.services.log.warn(`${what}: ${redactedMessage(error)}`);
    void prompt({ severity: 'warning', message: says`${what}: ${redactedMessage(error)}`, actions: [] });
  }

  dispose() {
    this.disposed = true;
    this.arrivals.onScreen(this, undefined);
    this.stopTyping();
    this.watching?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
