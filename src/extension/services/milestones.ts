// What the user has done for the first time in this window, as context keys: the walkthrough's
// steps complete on them (package.json#contributes.walkthroughs, onContext:imessage.<key>). Set only
// when it happens, so activation pays nothing; VS Code keeps a completed step checked after that.
// One more key, 'notifyReady', is set by the notify settings watcher (features/notify/startup.ts),
// which runs at activation and so must not load this file.
import * as vscode from 'vscode';

export type Milestone = 'tokenVerified' | 'numberPicked' | 'messageSent' | 'agentNotificationsSetUp';

const reached = new Set<Milestone>();

export function reach(milestone: Milestone): void {
  if (reached.has(milestone)) return;
  reached.add(milestone);
  void vscode.commands.executeCommand('setContext', `imessage.${milestone}`, true);
}
