// Problems in payload files, shown where they are. Set when a send or dry run is refused; kept up
// to date while the user fixes them, and dropped when the document closes. (Live checking of every
// edit is the JSON schema's job; repeating it here would show each problem twice.)
import * as vscode from 'vscode';
import { checkPayload, type PayloadProblem } from '../../../core/payload/check';
import { plain } from '../../../core/untrusted-text';
import { perActivation, type Services } from '../../services';

export class PayloadDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('imessage-payload');
  private readonly subscriptions: vscode.Disposable[];

  constructor(recheck: (doc: vscode.TextDocument) => PayloadProblem[]) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.collection.has(e.document.uri)) this.set(e.document, recheck(e.document));
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)),
    ];
  }

  set(doc: vscode.TextDocument, problems: PayloadProblem[]) {
    if (problems.length === 0) {
      this.collection.delete(doc.uri);
      return;
    }
    this.collection.set(
      doc.uri,
      problems.map((p) => {
        const range = new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length));
        const diagnostic = new vscode.Diagnostic(range, plain`${p.message}`, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'iMessage';
        if (p.field) diagnostic.code = p.field;
        return diagnostic;
      }),
    );
  }

  dispose() {
    this.subscriptions.forEach((d) => d.dispose());
    this.collection.dispose();
  }
}

/** One collection per activation, created on first use. */
export const payloadDiagnostics = perActivation((s) => new PayloadDiagnostics((doc) => problemsOf(s, doc)));

function problemsOf(s: Services, doc: vscode.TextDocument): PayloadProblem[] {
  const check = checkPayload(doc.getText(), s.config.read().apiVersion);
  return check.ok ? [] : check.problems;
}
