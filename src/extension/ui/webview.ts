// The host's side of every webview page: the HTML shell (strict CSP with a fresh nonce, the page's
// own script and stylesheet, nothing remote), the options, and a channel that validates every
// inbound message with the page's schema (a webview is untrusted input) and types what is posted.
import * as vscode from 'vscode';
import { redactValue } from '../../core/redact';
import type * as z from '../../core/zod';
import { fieldName } from '../../core/schema';
import type { Message, PageName } from '../../shared/webview';
import type { Log } from '../services/log';

export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** No retainContextWhenHidden: pages keep their state on the host and in the webview state instead. */
export function pageOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
}

export interface Page {
  name: PageName;
  title: string;
  /** The markup inside <body>, without scripts. */
  body: string;
}

export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: Page): string {
  // Web Crypto, not node:crypto: requiring that module cost ~15 ms on the first use of every feature.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page.name}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${page.name}.css`));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; font-src ${webview.cspSource}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** One panel's messages: inbound parsed with `schema` (malformed ones are logged and dropped), outbound typed. */
export class PageChannel<In extends Message, Out extends Message> implements vscode.Disposable {
  private readonly posted = new vscode.EventEmitter<Out>();
  /** Everything posted to the page, for headless callers and tests. */
  readonly onDidPost = this.posted.event;
  private readonly subscription: vscode.Disposable;
  private closed = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly schema: z.ZodMiniType<In>,
    private readonly log: Log,
    private readonly page: string,
    private readonly handle: (message: In) => Promise<void> | void,
    /** Answers a message the schema refused, so a page waiting on it (a Send) is never left hanging. */
    private readonly refused?: (raw: unknown, issue: z.core.$ZodIssue) => void,
  ) {
    this.subscription = webview.onDidReceiveMessage((m: unknown) => this.receive(m));
  }

  /** Handles a message exactly as if the page had posted it. */
  async receive(raw: unknown): Promise<void> {
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.log.warn(`${this.page}: ignored a malformed message from the panel (${fieldName(issue.path) || 'message'}: ${issue.message}).`);
      this.refused?.(raw, issue);
      return;
    }
    await this.handle(parsed.data);
  }

  /** The page is a surface like any other: nothing reaches it unredacted (server text in errors, numbers). */
  post(shown: Out) {
    if (this.closed) return;
    const message = redactValue(shown);
    this.posted.fire(message);
    void this.webview.postMessage(message);
  }

  dispose() {
    this.closed = true;
    this.subscription.dispose();
    this.posted.dispose();
  }
}
