// Setting and clearing the API token. The token is typed into a password box (or passed as an
// argument for headless use), checked, and stored; it is never echoed back.
import * as vscode from 'vscode';
import { redact } from '../../../core/redact';
import { tokenHeaderProblem } from '../../../core/token';
import { ContiguityClient } from '../../../core/client/client';
import { MissingTokenError } from '../../../core/client/errors';
import { NO_RETRY } from '../../../core/client/retry';
import type { CommandTable } from '../command-table';
import type { Config } from '../../services/config';
import type { Log } from '../../services/log';
import { prompt } from '../../ui/prompts';
import { ACTIONS } from '../../ui/presenter';
import { tokenProblem, type TokenStore } from '../../services/secrets';

export interface TokenDeps {
  tokens: TokenStore;
  config: Config;
  log: Log;
}

/** `imessage.setToken [token]`: resolves true when a token was stored. */
export async function setToken(deps: TokenDeps, arg?: unknown): Promise<boolean> {
  const given = typeof arg === 'string' ? arg : isTokenArg(arg) ? arg.token : undefined;
  const token =
    given ??
    (await vscode.window.showInputBox({
      title: 'Contiguity API token',
      prompt: 'Paste your API token from the Contiguity console. It is kept in VS Code\'s secret storage.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'contiguity_sk_…',
      validateInput: (value) => (value.trim() === '' ? 'The token is empty.' : tokenHeaderProblem(value.trim()) && `The token ${tokenHeaderProblem(value.trim())}.`),
    }));
  if (token === undefined) return false;
  const trimmed = token.trim();
  if (trimmed === '') throw new Error('The API token is empty: nothing was stored.');
  const unsendable = tokenHeaderProblem(trimmed);
  if (unsendable) throw new Error(`The API token ${unsendable}. Nothing was stored.`);
  await deps.tokens.set(trimmed);
  const problem = tokenProblem(trimmed);
  deps.log.info(`API token stored${problem ? ` (warning: it ${problem})` : ''}.`);
  if (given === undefined) {
    if (problem) void vscode.window.showWarningMessage(`Token stored, but it ${problem}. Check that you pasted the whole API token.`);
    void verify(deps, trimmed);
  }
  return true;
}

/**
 * The stored token, for any call to the API. When there is none and the user can be asked, offers
 * to set one; otherwise throws MissingTokenError. A token that looks wrong is used, with a warning.
 */
export async function requireToken(deps: TokenDeps, interactive: boolean): Promise<string> {
  let token = await deps.tokens.get();
  if (!token && interactive) {
    const choice = await prompt({ severity: 'warning', message: 'No Contiguity API token is set.', actions: [ACTIONS.setToken] });
    if (choice === ACTIONS.setToken && (await setToken(deps))) token = await deps.tokens.get();
  }
  if (!token) throw new MissingTokenError();
  const problem = tokenProblem(token);
  if (problem) deps.log.warn(`The stored API token ${problem}; using it anyway.`);
  return token;
}

export async function clearToken(deps: TokenDeps): Promise<void> {
  await deps.tokens.clear();
  deps.log.info('API token cleared.');
  void vscode.window.showInformationMessage('The Contiguity API token was removed from secret storage.');
}

/** A read-only call (entitlements) tells the user at once whether the token works. */
async function verify(deps: TokenDeps, token: string) {
  try {
    const settings = deps.config.read();
    if (settings.apiVersion === 'legacy') return; // the legacy API has no read-only endpoint to check against
    const client = new ContiguityClient({ baseUrl: settings.baseUrl, token, timeoutMs: settings.timeoutMs, retry: NO_RETRY });
    await client.entitlements({ onEvent: (e) => deps.log.clientEvent(e) });
    void vscode.window.showInformationMessage('Contiguity API token stored and verified.');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showWarningMessage(redact(`Token stored, but checking it failed: ${message}`));
  }
}

export const tokenCommands = {
  'imessage.setToken': (s, arg) => setToken(s, arg),
  'imessage.clearToken': (s) => clearToken(s),
} satisfies CommandTable;

function isTokenArg(arg: unknown): arg is { token: string } {
  return typeof arg === 'object' && arg !== null && typeof (arg as { token?: unknown }).token === 'string';
}
