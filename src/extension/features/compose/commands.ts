// `imessage.compose [{ to?, message?, from?, attachments? }]`.
import * as vscode from 'vscode';
import * as z from '../../../core/zod';
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
  const text = editor.selections
    .map((s) => editor.document.getText(s))
    .filter((t) => t !== '')
    .join('\n');
  return text === '' ? undefined : { message: text };
}

const conversationArgs = z.strictObject({
  to: z.optional(z.string().check(z.maxLength(320))),
  from: z.optional(z.string().check(z.maxLength(64))),
});

export const commands = commandTable({
  'imessage.compose': (s, arg) => ComposePanel.createOrShow(s, composeArgs(arg)),
  /** `{ to, from? }`, a contact name or a number: the compose panel is the conversation panel, on that thread. */
  'imessage.openConversation': (s, arg) => {
    const args = parseArgs('imessage.openConversation', conversationArgs, arg, { shorthand: 'to' });
    return ComposePanel.createOrShow(s, args.to === undefined && args.from === undefined ? undefined : args);
  },
});
