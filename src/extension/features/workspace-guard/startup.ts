// Loaded at activation. A workspace whose settings files never mention these settings costs one read
// of each file; only one that may set them loads the guard (and the services it reports through).
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { settingsFiles } from './settings-files';

/**
 * Could this text set an `imessage.*` setting? A JSON key can hide its letters behind `\u` escapes,
 * so any escape counts too: a false "maybe" only loads the guard, which reads the file properly.
 */
function mayNameOurSettings(text: string): boolean {
  return text.toLowerCase().includes('imessage') || text.includes('\\u');
}

async function anyMayNameOurSettings(): Promise<boolean> {
  const texts = await Promise.all(settingsFiles().map((f) => vscode.workspace.fs.readFile(f.uri).then((b) => new TextDecoder().decode(b), () => '')));
  return texts.some(mayNameOurSettings);
}

export function watchWorkspaceSettings(context: vscode.ExtensionContext, services: () => Promise<Services>): vscode.Disposable {
  let loading: Promise<unknown> | undefined;
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
  const triggers: vscode.Disposable[] = [];
  const stopWatching = () => [watcher, ...triggers].forEach((d) => d.dispose());
  const maybeLoad = async () => {
    if (loading || !(await anyMayNameOurSettings()) || loading) return;
    // The guard watches the same files and settings from here on, and checks at once.
    stopWatching();
    loading = Promise.all([services(), import('./guard')]).then(([s, m]) => context.subscriptions.push(new m.WorkspaceGuard(context.workspaceState, s.log)));
  };
  const soon = () => void maybeLoad().catch(() => undefined);
  triggers.push(
    watcher.onDidCreate(soon),
    watcher.onDidChange(soon),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('imessage') && soon()),
    vscode.workspace.onDidChangeWorkspaceFolders(soon),
  );
  soon();
  return { dispose: stopWatching };
}
