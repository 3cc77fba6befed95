// Opening a request as a new, unsaved payload document (from a template, or from the history).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { payloadText } from '../../core/payload/templates';
import { PAYLOAD_SUFFIX } from './view-and-file-names';

/**
 * Opens a new, unsaved `<name>.imessage.json` (in the first workspace folder when there is one, so
 * saving puts it there) holding `payload`. The name ends in .imessage.json so the schema applies at once.
 */
export async function openPayloadDocument(name: string, payload: unknown): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  let uri: vscode.Uri;
  for (let n = 1; ; n++) {
    const file = `${name}${n > 1 ? `-${n}` : ''}${PAYLOAD_SUFFIX}`;
    uri = folder
      ? folder.with({ scheme: 'untitled', path: path.posix.join(folder.path, file) })
      : vscode.Uri.from({ scheme: 'untitled', path: file });
    const existsOnDisk = folder
      ? await vscode.workspace.fs.stat(uri.with({ scheme: folder.scheme })).then(
          () => true,
          () => false,
        )
      : false;
    if (!open.has(uri.path) && !existsOnDisk) break;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), payloadText(payload)));
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return doc.uri;
}
