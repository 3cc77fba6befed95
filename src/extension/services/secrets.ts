// The API token lives only in SecretStorage. This is the one place that reads or writes it.
import * as vscode from 'vscode';
import { rememberSecret } from '../../core/redact';

const KEY = 'imessage.apiToken';
export const TOKEN_PREFIX = 'contiguity_sk_';

export class TokenStore {
  /** The last token seen, so the log can redact it even in text that did not come from us. */
  private known: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    const token = (await this.secrets.get(KEY)) || undefined;
    if (token) {
      this.known = token;
      rememberSecret(token);
    }
    return token;
  }

  async set(token: string): Promise<void> {
    this.known = token;
    rememberSecret(token);
    await this.secrets.store(KEY, token);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
  }

  /** Secrets to redact from anything shown or logged. */
  redactions(): string[] {
    return this.known ? [this.known] : [];
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === KEY) listener();
    });
  }
}

/** Why a token looks wrong, or undefined when it looks fine. Tokens are checked, never shown. */
export function tokenProblem(token: string): string | undefined {
  if (token.trim() !== token) return 'has leading or trailing spaces';
  if (/\s/.test(token)) return 'contains spaces';
  if (!token.includes(TOKEN_PREFIX)) return `does not contain "${TOKEN_PREFIX}" like Contiguity tokens do`;
  return undefined;
}
