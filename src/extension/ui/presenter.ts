// How the outcome of an interactive send is shown: what happened in plain words, and the actions
// that make sense next. Nothing here sends on its own: a retry only ever follows a click.
import * as vscode from 'vscode';
import type { SendResult } from '../../core/client/client';
import { type ErrorAction, explain } from '../../core/client/explain';
import type { SendIMessageRequest } from '../../core/schema';
import { prompt } from './prompts';

export const COMPOSE_COMMAND = 'imessage.compose';

export const ACTIONS = {
  showOutput: 'Show Output',
  copyMessageId: 'Copy Message ID',
  setToken: 'Set Token',
  openAgreement: 'Open Agreement',
  openSettings: 'Open Settings',
  retry: 'Retry',
  openInCompose: 'Open in Compose',
} as const;

const LABELS: Record<ErrorAction, string> = {
  setToken: ACTIONS.setToken,
  openAgreement: ACTIONS.openAgreement,
  openSettings: ACTIONS.openSettings,
  retry: ACTIONS.retry,
  showLog: ACTIONS.showOutput,
};

/** What Compose accepts, so a message that was not sent can be finished there. */
export interface ComposeArgs {
  to?: string;
  message?: string;
  from?: string;
  attachments?: string[];
}

export async function composeAvailable(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(COMPOSE_COMMAND);
}

export function openInCompose(args: ComposeArgs): Thenable<unknown> {
  return vscode.commands.executeCommand(COMPOSE_COMMAND, args);
}

export async function announceSent(request: SendIMessageRequest, result: SendResult, warnings: string[], showOutput: () => void): Promise<void> {
  const id = result.messageId;
  const sent = `iMessage sent to ${request.to}${id ? ` (message id ${id})` : ''}.`;
  const message = [sent, ...warnings].join(' ');
  const choice = await prompt({ severity: warnings.length ? 'warning' : 'info', message, actions: id ? [ACTIONS.showOutput, ACTIONS.copyMessageId] : [ACTIONS.showOutput] });
  if (choice === ACTIONS.showOutput) showOutput();
  if (choice === ACTIONS.copyMessageId && id) await vscode.env.clipboard.writeText(id);
}

export interface FailureActions {
  /** Sends the same request again; only ever called after the user clicked. */
  retry: () => Promise<unknown>;
  promptForToken: () => Promise<boolean>;
  showOutput: () => void;
  /** What was being sent, so that it can be reopened in Compose instead of being lost. */
  draft?: ComposeArgs;
}

export async function showFailure(error: Error, actions: FailureActions): Promise<void> {
  const explanation = explain(error);
  const buttons = explanation.actions.map((a) => LABELS[a]);
  if (actions.draft?.message !== undefined && (await composeAvailable())) buttons.push(ACTIONS.openInCompose);
  const choice = await prompt({ severity: 'error', message: explanation.message, actions: buttons });
  switch (choice) {
    case ACTIONS.setToken:
      // 401/403 and a missing token mean nothing was sent: resending after a new token is safe.
      if (await actions.promptForToken()) await actions.retry();
      break;
    case ACTIONS.openAgreement:
      if (explanation.agreementUrl) await vscode.env.openExternal(vscode.Uri.parse(explanation.agreementUrl));
      break;
    case ACTIONS.openSettings:
      await vscode.commands.executeCommand('workbench.action.openSettings', explanation.setting);
      break;
    case ACTIONS.retry:
      await actions.retry();
      break;
    case ACTIONS.showOutput:
      actions.showOutput();
      break;
    case ACTIONS.openInCompose:
      if (actions.draft) await openInCompose(actions.draft);
      break;
  }
}
