// Loaded at activation: reads imessage.agentHooks.enabled (the user's own value only: a workspace
// must not open a channel to the user's phone) and loads the agent hooks only while it is on.
// Everyone who never turns it on pays one setting read.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import type { AgentHooksWindow } from './window';

// Read here, not through services/config (the settings service loads only when a feature needs it).
function enabled(): boolean {
  return vscode.workspace.getConfiguration('imessage').inspect<boolean>('agentHooks.enabled')?.globalValue === true;
}

export function watchAgentHooks(services: () => Promise<Services>): vscode.Disposable {
  let running: AgentHooksWindow | undefined;
  const update = () => {
    if (enabled() === (running !== undefined)) return;
    if (running) {
      running.dispose();
      running = undefined;
      return;
    }
    void Promise.all([services(), import('./window')]).then(([s, m]) => {
      if (!enabled() || running !== undefined) return;
      const window = new m.AgentHooksWindow(s);
      running = window;
      // It says why itself (log and a warning) and cleans up; on again, it starts anew.
      window.start().catch(() => {
        if (running === window) running = undefined;
      });
    });
  };
  update();
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('imessage.agentHooks')) update();
  });
  return {
    dispose: () => {
      listener.dispose();
      running?.dispose();
      running = undefined;
    },
  };
}
