// The launcher agents' hook files call: a script at a path that survives extension updates (the
// global storage; the extension's own folder is renamed with each version), which runs this
// version's dist/hook.js with the editor's own Node (VS Code's Electron, as Node). Rewritten when
// the extension or the editor moved; left alone (not even touched) otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { launcherPath } from '../../../core/agent-hooks/channel-protocol';

type Where = Pick<vscode.ExtensionContext, 'globalStorageUri' | 'extensionUri'>;

export async function ensureLauncher(context: Where): Promise<string> {
  const file = launcherPath(context.globalStorageUri.fsPath);
  const hook = path.join(context.extensionUri.fsPath, 'dist', 'hook.js');
  const content = launcherScript(process.platform, process.execPath, hook);
  const existing = await fs.promises.readFile(file, 'utf8').catch(() => undefined);
  if (existing === content) return file;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temp, content, { mode: 0o700 });
  await fs.promises.rename(temp, file);
  return file;
}

/**
 * The script. Whatever is missing (the extension uninstalled or moved, the editor updated), it
 * exits 0 with one line on stderr: an agent's hook must never fail because of us.
 */
export function launcherScript(platform: NodeJS.Platform, node: string, hook: string): string {
  if (platform === 'win32') {
    // Not run by any test here (no Windows machine): kept to the same three steps as the sh script.
    return [
      '@echo off',
      'rem iMessage Sender agent hook launcher, written by the extension: do not edit.',
      `if not exist "${hook}" (echo imessage-hook: the iMessage Sender extension is no longer at ${hook}; open VS Code to update this launcher 1>&2 & exit /b 0)`,
      `if not exist "${node}" (echo imessage-hook: the editor is no longer at ${node}; open VS Code to update this launcher 1>&2 & exit /b 0)`,
      'set ELECTRON_RUN_AS_NODE=1',
      `"${node}" "${hook}" %*`,
      'exit /b 0',
      '',
    ].join('\r\n');
  }
  return [
    '#!/bin/sh',
    '# iMessage Sender agent hook launcher, written by the extension: do not edit.',
    `hook=${shQuote(hook)}`,
    `node=${shQuote(node)}`,
    'if [ ! -f "$hook" ]; then',
    '  echo "imessage-hook: the iMessage Sender extension is no longer at $hook; open VS Code to update this launcher" >&2',
    '  exit 0',
    'fi',
    'if [ ! -x "$node" ]; then',
    '  echo "imessage-hook: the editor is no longer at $node; open VS Code to update this launcher" >&2',
    '  exit 0',
    'fi',
    'ELECTRON_RUN_AS_NODE=1 exec "$node" "$hook" "$@"',
    '',
  ].join('\n');
}

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
