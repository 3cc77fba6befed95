// Where a workspace can write settings: the guard reads these files itself, because VS Code hides
// a workspace's values of user-only settings even from inspect().
import * as vscode from 'vscode';
import type { SettingsFileKind } from '../../../core/protected-settings';

export interface SettingsFile {
  uri: vscode.Uri;
  kind: SettingsFileKind;
  /** How the user knows the file: `.vscode/settings.json` (with its folder in a multi-root window) or `team.code-workspace`. */
  label: string;
}

/** The files a workspace writes its settings in: each folder's .vscode/settings.json and the .code-workspace file. */
export function settingsFiles(): SettingsFile[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const files: SettingsFile[] = folders.map((folder) => ({
    uri: vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'),
    kind: 'folder',
    label: folders.length > 1 ? `${folder.name}/.vscode/settings.json` : '.vscode/settings.json',
  }));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') {
    files.push({ uri: workspaceFile, kind: 'workspace', label: workspaceFile.path.split('/').pop() ?? 'the .code-workspace file' });
  }
  return files;
}
