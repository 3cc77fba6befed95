// Reads what the extension wrote to its "iMessage" log output channel: `imessage.showLog`
// returns the file VS Code keeps the channel's text in.
import * as vscode from 'vscode';

export async function readOutputLog(ready: (text: string) => boolean, timeoutMs = 5_000): Promise<string> {
  const file = await vscode.commands.executeCommand<vscode.Uri>('imessage.showLog');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await vscode.workspace.fs.readFile(file).then(
      (bytes) => new TextDecoder().decode(bytes),
      () => '',
    );
    if (ready(text)) return text;
    // The logger writes asynchronously: read again until the line is there or the deadline passed.
    if (Date.now() > deadline) throw new Error(`the iMessage log ${file.toString()} did not show what was expected:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
