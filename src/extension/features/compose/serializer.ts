// Loaded at activation: brings the compose panel back after a window reload. The panel's code
// loads only when there is a panel to revive.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { COMPOSE_VIEW_TYPE } from '../../ui/view-and-file-names';

export function registerComposeSerializer(services: () => Promise<Services>): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(COMPOSE_VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state: unknown) {
      const [s, { ComposePanel }] = await Promise.all([services(), import('./commands')]);
      ComposePanel.revive(panel, s, state);
    },
  });
}
