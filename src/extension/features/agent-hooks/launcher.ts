// STAND-IN for the launcher helper A writes (hook-channel branch): there, ensureLauncher also
// writes the script that runs dist/hook.js and rewrites it when the extension's path changes.
// Here it only names the path, so that setup can be built and tested on its own.
import type * as vscode from 'vscode';
import { launcherPath } from '../../../core/agent-hooks/channel-protocol';

export async function ensureLauncher(context: vscode.ExtensionContext): Promise<string> {
  return launcherPath(context.globalStorageUri.fsPath);
}
