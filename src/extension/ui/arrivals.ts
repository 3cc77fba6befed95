// A reply arrived in a thread someone watches: one notification with Open across all windows of
// this VS Code, and the same unread badge in each. Registered once per activation by whichever
// surface watches first.
//
// Who speaks: every window whose polls see the reply claims it (services/windows.ts, a marker made
// with O_EXCL); only the window that made the marker may notify. A thread on screen in any window
// (this one, or another window's file says so) is being read: nobody notifies, and the window that
// sees it still claims it, so a window that polls later stays quiet too.
//
// The badge: each window used to count its own arrivals (+1 each) until its view counted for
// itself, so two windows could show two numbers. Now every window computes it with the same
// function from the same files: per thread, the newest unread count any window's poll read
// (core/windows/state.ts). A thread that only another window polls counts while that window is open.
import * as vscode from 'vscode';
import { firstWords } from '../../core/history';
import { contactNameOf } from '../../core/contacts';
import { says } from '../../core/untrusted-text';
import { unreadTotal } from '../../core/windows/state';
import { perActivation, type Services } from '../services';
import type { ReceivedMessage } from '../services/conversations';
import { prompt } from './prompts';

const OPEN = 'Open';

class Arrivals implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** The thread each surface shows on screen (the compose panels register theirs). */
  private readonly screens = new Map<object, string>();

  constructor(private readonly services: Services) {
    const windows = services.windows;
    this.subscriptions = [services.conversations.onDidReceive((m) => void this.arrived(m)), windows.onDidChange(() => this.badge())];
    this.badge();
  }

  /** What `surface` shows now (undefined: nothing, or it is hidden): a reply there needs no notification. */
  onScreen(surface: object, key: string | undefined): void {
    if (key === undefined) this.screens.delete(surface);
    else this.screens.set(surface, key);
    this.services.windows.showing([...this.screens.values()]);
  }

  private async arrived(m: ReceivedMessage): Promise<void> {
    const { windows, log } = this.services;
    const here = [...this.screens.values()].includes(m.key);
    const elsewhere = !here && (await windows.onScreenElsewhere(m.key));
    const mine = await windows.claimArrival(m.key, m.bubble.key, m.bubble.at);
    const outcome = here ? 'on screen here' : elsewhere ? 'on screen in another window' : mine ? 'notified here' : 'told by another window';
    // Tests wait on this line: one per window that saw the reply.
    log.info(`Reply in the conversation with ${m.to}: ${outcome}.`);
    if (here || elsewhere || !mine) return;
    // A name is a nicety: settings that do not parse leave the number.
    const settings = this.services.config.readIfValid();
    const who = (settings && (await contactNameOf(settings, m.to))) ?? m.to;
    const choice = await prompt({
      severity: 'info',
      message: says`iMessage from ${who}: ${firstWords({ message: m.bubble.text, attachments: m.bubble.attachments }, 80)}`,
      actions: [OPEN],
    });
    if (choice === OPEN) await vscode.commands.executeCommand('imessage.openConversation', { to: m.to, from: m.from });
  }

  /** The Conversations view's badge: the unread count every window shares. */
  private badge() {
    const handle = this.services.conversationsView;
    if (!handle) return;
    const value = unreadTotal(this.services.windows.unread());
    handle.view.badge = value ? { value, tooltip: `${value} unread message${value === 1 ? '' : 's'}` } : undefined;
  }

  dispose() {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

export const watchArrivals = perActivation((services) => new Arrivals(services));
