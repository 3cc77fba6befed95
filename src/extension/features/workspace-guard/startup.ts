// Loaded at activation. A workspace whose settings files never mention these settings costs one read
// of each file; only one that may set them loads the guard (and the services it reports through).
// These listeners are the only ones: once the guard is loaded they ask it to check.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import type { WorkspaceGuard } from './guard';
import { settingsFiles } from './settings-files';

/**
 * Could this text set an `imessage.*` setting? A JSON key can hide its letters behind `\u` escapes,
 * so any escape counts too: a false "maybe" only loads the guard, which reads the file properly.
 */
function mayNameOurSettings(text: string): boolean {
  return text.toLowerCase().includes('imessage') || text.includes('\\u');
}

async function anyMayNameOurSettings(): Promise<boolean> {
  const texts = await Promise.all(
    settingsFiles().map((f) =>
      vscode.workspace.fs.readFile(f.uri).then(
        (b) => new TextDecoder().decode(b),
        () => '',
      ),
    ),
  );
  return texts.some(mayNameOurSettings);
}

export function watchWorkspaceSettings(context: vscode.ExtensionContext, services: () => Promise<Services>): vscode.Disposable {
  let guard: Promise<WorkspaceGuard> | undefined;
  const load = () =>
    Promise.all([services(), import('./guard')]).then(([s, m]) => {
      const loaded = new m.WorkspaceGuard(context.workspaceState, s.log, settingsFiles);
      context.subscriptions.push(loaded);
      return loaded;
    });
  const check = async () => {
    if (!guard && !(await anyMayNameOurSettings())) return;
    guard ??= load();
    (await guard).checkSoon();
  };
  const soon = () => void check().catch(() => undefined);
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
  const listeners = [
    watcher,
    watcher.onDidCreate(soon),
    watcher.onDidChange(soon),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('imessage') && soon()),
    vscode.workspace.onDidChangeWorkspaceFolders(soon),
  ];
  soon();
  return { dispose: () => listeners.forEach((d) => d.dispose()) };
}
