// The last 50 sends, kept in globalState so they survive reloads, fed by the sender's onDidSend.
import * as vscode from 'vscode';
import { entryFromSend, type HistoryEntry, readEntries, withEntry } from '../../core/history';
import type { SendEvent } from './sender';

const KEY = 'imessage.sendHistory';

export class SendHistory implements vscode.Disposable {
  /** Writes are chained so that two sends finishing together both land. */
  private pending: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires once a write has landed, so `list()` already holds it (conversations add a send at once). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  dispose() {
    this.changed.dispose();
  }

  list(): HistoryEntry[] {
    return readEntries(this.state.get<unknown>(KEY));
  }

  record(event: SendEvent): Promise<void> {
    const entry = entryFromSend({
      source: event.source,
      ok: event.ok,
      request: event.request,
      ...(event.ok ? { endpoint: event.result.endpoint, messageId: event.result.messageId } : { error: event.error }),
    });
    // A failed write loses that one entry; it must not stop every later one.
    this.pending = this.pending
      .then(() => this.state.update(KEY, withEntry(this.state.get<unknown>(KEY), entry)))
      .then(() => this.changed.fire())
      .catch(() => undefined);
    return this.pending;
  }

  async clear(): Promise<void> {
    await this.pending;
    await this.state.update(KEY, undefined);
    this.changed.fire();
  }
}
