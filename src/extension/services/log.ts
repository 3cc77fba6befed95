// The "iMessage" output channel. Everything written here is redacted first, and outside text in it
// (server errors, task names) loses terminal escapes and hidden characters: the log shows, never acts.
import * as vscode from 'vscode';
import type { ClientEvent } from '../../core/client/client';
import { redact } from '../../core/redact';
import { revealText } from '../../core/untrusted-text';

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private closed = false;

  /** Where VS Code keeps this channel's text: `<extension log folder>/<channel name>.log`. */
  readonly file: vscode.Uri;

  constructor(
    logFolder: vscode.Uri,
    private readonly secrets: () => string[],
  ) {
    this.channel = vscode.window.createOutputChannel('iMessage', { log: true });
    this.file = vscode.Uri.joinPath(logFolder, 'iMessage.log');
  }

  info(message: string, detail?: unknown) {
    if (!this.closed) this.channel.info(this.clean(message, detail));
  }

  warn(message: string, detail?: unknown) {
    if (!this.closed) this.channel.warn(this.clean(message, detail));
  }

  error(message: string, detail?: unknown) {
    if (!this.closed) this.channel.error(this.clean(message, detail));
  }

  /** One line per attempt, with the request body and the full response envelope as pretty JSON. */
  clientEvent(event: ClientEvent) {
    switch (event.type) {
      case 'request':
        this.info(`→ ${event.method} ${event.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`, event.body);
        break;
      case 'response':
        this.info(`← HTTP ${event.status} in ${event.durationMs} ms`, event.envelope);
        break;
      case 'error':
        this.error(`✗ ${event.error.name}: ${event.error.message}`, event.error.envelope);
        break;
      case 'retry':
        this.warn(
          `↻ retrying in ${Math.round(event.notice.delayMs)} ms after attempt ${event.notice.attempt}: ${event.notice.error.message}`,
        );
        break;
    }
  }

  /** Shows the channel; returns the log file so headless callers (tests, tasks) can read it. */
  show(): vscode.Uri {
    this.channel.show(true);
    return this.file;
  }

  dispose() {
    // Work that ends while the window closes (a send cancelled in its pacing wait) still logs: a closed channel throws.
    this.closed = true;
    this.channel.dispose();
  }

  private clean(message: string, detail: unknown): string {
    const text = detail === undefined ? message : `${message}\n${JSON.stringify(detail, null, 2)}`;
    return redact(revealText(text), this.secrets());
  }
}
