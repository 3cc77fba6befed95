// Recent recipients, most recent first, at most 20, kept in globalState so they survive reloads.
// Fed by the sender's onDidSend: a recipient becomes recent once a message to it was accepted.
import type * as vscode from 'vscode';
import { redact } from '../../core/redact';

const KEY = 'imessage.recentRecipients';
export const MAX_RECENTS = 20;

export class RecentRecipients {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored) ? stored.filter((r): r is string => typeof r === 'string') : [];
  }

  async add(recipient: string): Promise<void> {
    const next = [redact(recipient), ...this.list().filter((r) => r !== recipient)].slice(0, MAX_RECENTS);
    await this.state.update(KEY, next);
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, undefined);
  }
}
