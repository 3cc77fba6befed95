// Loaded at activation: reads the notify modes with plain getConfiguration and loads the watchers
// only once one is on (now, or when the user turns it on). Everyone who never asked for
// notifications pays four setting reads.
import * as vscode from 'vscode';
import type { Services } from '../../services';

function wanted(): boolean {
  const notify = vscode.workspace.getConfiguration('imessage.notify');
  return ['tasks', 'terminal', 'notebooks', 'debug'].some((mode) => notify.get(mode, 'off') !== 'off');
}

export function watchNotifySettings(services: () => Promise<Services>): vscode.Disposable {
  let started = false;
  const start = () => {
    if (started || !wanted()) return;
    started = true;
    void Promise.all([services(), import('./index')]).then(([s, notify]) => notify.startNotify(s));
  };
  start();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('imessage.notify')) start();
  });
}
