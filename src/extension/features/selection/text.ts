// The text a "send selection" sends: every non-empty selection in document order, joined with
// newlines; with nothing selected, the line of each cursor.
import type * as vscode from 'vscode';

export function selectionText(editor: vscode.TextEditor): string {
  const { document } = editor;
  const ranges = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
  const selected = ranges.filter((r) => !r.isEmpty);
  const parts = selected.length
    ? selected.map((r) => document.getText(r))
    : [...new Set(ranges.map((r) => r.active.line))].sort((a, b) => a - b).map((line) => document.lineAt(line).text);
  // Messages use \n whatever the file's line endings are.
  return parts.join('\n').replace(/\r\n?/g, '\n');
}
