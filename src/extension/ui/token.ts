// Asking the user for the API token: a password box (or a value passed for headless use), checked,
// stored, and verified against the API. The token is never echoed back.
import * as vscode from 'vscode';
import type { AskForToken } from '../services/auth';
import type { Services } from '../services';
import { redactedMessage } from '../../core/redact';
import { tokenHeaderProblem } from '../../core/token';
import { checkToken } from '../services/read-client';
import { tokenProblem } from '../services/secrets';
import { prompt } from './prompts';
import { says } from '../../core/untrusted-text';

const SET_TOKEN = 'Set Token';

/** Stores `given`, or asks for a token; resolves true when one was stored. */
export async function enterToken(s: Services, given?: string): Promise<boolean> {
  const token =
    given ??
    (await vscode.window.showInputBox({
      title: 'Contiguity API token',
      prompt: "Paste your API token from the Contiguity console. It is kept in VS Code's secret storage.",
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'contiguity_sk_…',
      validateInput: (value) =>
        value.trim() === '' ? 'The token is empty.' : tokenHeaderProblem(value.trim()) && `The token ${tokenHeaderProblem(value.trim())}.`,
    }));
  if (token === undefined) return false;
  const trimmed = token.trim();
  if (trimmed === '') throw new Error('The API token is empty: nothing was stored.');
  const unsendable = tokenHeaderProblem(trimmed);
  if (unsendable) throw new Error(`The API token ${unsendable}. Nothing was stored.`);
  await s.tokens.set(trimmed);
  const problem = tokenProblem(trimmed);
  s.log.info(`API token stored${problem ? ` (warning: it ${problem})` : ''}.`);
  if (given === undefined) {
    if (problem) {
      void prompt({
        severity: 'warning',
        message: says`Token stored, but it ${problem}. Check that you pasted the whole API token.`,
        actions: [],
      });
    }
    void verify(s);
  }
  return true;
}

/** For a send or a read that finds no token: offers to set one. */
export function askForMissingToken(s: Services): AskForToken {
  return async () => {
    const choice = await prompt({ severity: 'warning', message: says`No Contiguity API token is set.`, actions: [SET_TOKEN] });
    return choice === SET_TOKEN && enterToken(s);
  };
}

/** Tells the user at once whether the token just stored works (the legacy API has nothing to check). */
async function verify(s: Services) {
  try {
    const check = await checkToken(s);
    if (check.unchecked) return;
    if (check.valid) void prompt({ severity: 'info', message: says`Contiguity API token stored and verified.`, actions: [] });
    else void prompt({ severity: 'warning', message: says`Token stored, but checking it failed: ${check.message}`, actions: [] });
  } catch (error) {
    void prompt({ severity: 'warning', message: says`Token stored, but checking it failed: ${redactedMessage(error)}`, actions: [] });
  }
}
