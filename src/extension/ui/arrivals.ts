// A reply arrived in a thread someone watches: a notification with Open, unless the conversation
// is already on screen. Registered once per activation by whichever surface watches first.
import * as vscode from 'vscode';
import { firstWords } from '../../core/history';
import { contactNameOf } from '../../core/contacts';
import { says } from '../../core/untrusted-text';
import { perActivation, type Services } from '../services';
import { prompt } from './prompts';

const OPEN = 'Open';

class Arrivals implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /** Shown on screen right now: no notification needed (the compose panel registers its thread). */
  readonly onScreen = new Set<string>();

  constructor(services: Services) {
    this.subscription = services.conversations.onDidReceive(async (m) => {
      if (this.onScreen.has(m.key)) return;
      this.badge(services);
      // A name is a nicety: settings that do not parse leave the number.
      const settings = services.config.readIfValid();
      const who = (settings && (await contactNameOf(settings, m.to))) ?? m.to;
      const choice = await prompt({
        severity: 'info',
        message: says`iMessage from ${who}: ${firstWords({ message: m.bubble.text, attachments: m.bubble.attachments }, 80)}`,
        actions: [OPEN],
      });
      if (choice === OPEN) await vscode.commands.executeCommand('imessage.openConversation', { to: m.to, from: m.from });
    });
  }

  /** One more on the Conversations view's badge (the view, once shown, counts unread messages itself). */
  private badge(services: Services) {
    const handle = services.conversationsView;
    if (!handle) return;
    const value = (handle.view.badge?.value ?? 0) + 1;
    handle.view.badge = { value, tooltip: `${value} new message${value === 1 ? '' : 's'}` };
  }

  dispose() {
    this.subscription.dispose();
  }
}

export const watchArrivals = perActivation((services) => new Arrivals(services));
