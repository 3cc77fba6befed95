// `imessage.compose [{ to?, message?, from?, attachments? }]`.
import * as vscode from 'vscode';
import { type ComposeArgs, composeArgsSchema } from '../../../shared/compose';
import { parseArgs } from '../../ui/args';
import { commandTable } from '../command-table';
import { ComposePanel } from './panel';

export { ComposePanel };

/**
 * From the palette: no args. From the editor context menu: VS Code passes the document's Uri, and
 * the selection becomes the message. From other commands and keybindings: `{ to?, message?, from?, attachments? }`.
 */
export function composeArgs(arg: unknown): ComposeArgs | undefined {
  const args = parseArgs('imessage.compose', composeArgsSchema, arg, { uri: selectionOf });
  return Object.keys(args).length ? args : undefined;
}

function selectionOf(uri: vscode.Uri): ComposeArgs | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== uri.toString()) return undefined;
  const text = editor.selections.map((s) => editor.document.getText(s)).filter((t) => t !== '').join('\n');
  return text === '' ? undefined : { message: text };
}

export const commands = commandTable({
  'imessage.compose': (s, arg) => ComposePanel.createOrShow(s, composeArgs(arg)),
});
