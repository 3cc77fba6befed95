// "Send · Dry run · Copy as cURL" above the first line of every payload file.
import * as vscode from 'vscode';
import { PAYLOAD_GLOB } from '../../ui/view-and-file-names';

export function registerPayloadCodeLens(): vscode.Disposable {
  const top = new vscode.Range(0, 0, 0, 0);
  return vscode.languages.registerCodeLensProvider([{ pattern: PAYLOAD_GLOB }], {
    provideCodeLenses: (doc) => [
      new vscode.CodeLens(top, { title: '$(send) Send', command: 'imessage.sendPayload', arguments: [{ uri: doc.uri }] }),
      new vscode.CodeLens(top, { title: 'Dry run', command: 'imessage.dryRun', arguments: [{ uri: doc.uri }] }),
      new vscode.CodeLens(top, { title: 'Copy as cURL', command: 'imessage.copyAsCurl', arguments: [{ uri: doc.uri }] }),
    ],
  });
}
