// `imessage.compose` and the serializer that brings the panel back after a window reload.
import * as vscode from 'vscode';
import { ValidationError } from '../../../core/client/errors';
import { fieldName } from '../../../core/schema';
import { type ComposeArgs, composeArgsSchema } from '../../../shared/compose';
import type { CommandTable } from '../command-table';
import type { Services } from '../../services';
import { COMPOSE_VIEW_TYPE, ComposePanel } from './panel';

/**
 * From the palette: no args. From the editor context menu: VS Code passes the document's Uri, and
 * the selection becomes the message. From other commands and keybindings: `{ to?, message?, from?, attachments? }`.
 */
export function composeArgs(arg: unknown): ComposeArgs | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (arg instanceof vscode.Uri) {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== arg.toString()) return undefined;
    const text = editor.selections.map((s) => editor.document.getText(s)).filter((t) => t !== '').join('\n');
    return text === '' ? undefined : { message: text };
  }
  const parsed = composeArgsSchema.safeParse(arg);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') throw new ValidationError(`imessage.compose args.${issue.keys[0]}`, 'is not an argument: use to, message, from or attachments');
    throw new ValidationError(`imessage.compose args${issue.path.length ? `.${fieldName(issue.path)}` : ''}`, issue.message);
  }
  return parsed.data;
}

export const composeCommands = {
  'imessage.compose': (s, arg) => ComposePanel.createOrShow(s, composeArgs(arg)),
} satisfies CommandTable;

export function registerComposeSerializer(services: Services): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(COMPOSE_VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state: unknown) {
      ComposePanel.revive(panel, services, state);
    },
  });
}
