// Loaded at activation: reads the notify modes with plain getConfiguration and loads the watchers
// only once one is on (now, or when the user turns it on). Everyone who never asked for
// notifications pays four setting reads.
import * as vscode from 'vscode';
import type { Services } from '../../services';

function wanted(): boolean {
  const notify = vscode.workspace.getConfiguration('imessage.notify');
  return ['tasks', 'terminal', 'notebooks', 'debug'].some((mode) => notify.get(mode, 'off') !== 'off');
}

/**
 * The walkthrough's notifications step completes on this context key (see services/milestones.ts):
 * a mode is on and someone gets the texts. Set here, not there, so activation loads no other file.
 */
function readyForWalkthrough() {
  const recipient = vscode.workspace.getConfiguration('imessage').get<string>('notify.recipient', '');
  const fallback = vscode.workspace.getConfiguration('imessage').get<string>('defaultRecipient', '');
  if ((recipient.trim() || fallback.trim()) && wanted()) void vscode.commands.executeCommand('setContext', 'imessage.notifyReady', true);
}

export function watchNotifySettings(services: () => Promise<Services>): vscode.Disposable {
  let started = false;
  const start = () => {
    readyForWalkthrough();
    if (started || !wanted()) return;
    started = true;
    void Promise.all([services(), import('./index')]).then(([s, notify]) => notify.startNotify(s));
  };
  start();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('imessage.notify') || e.affectsConfiguration('imessage.defaultRecipient')) start();
  });
}
