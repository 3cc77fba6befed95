// How outcomes are shown: what happened in plain words, and the actions that make sense next, with
// one set of labels for every feature. Nothing here sends on its own: a retry only ever follows a
// click.
import * as vscode from 'vscode';
import type { SendResult } from '../../core/client/client';
import { type ErrorAction, explain } from '../../core/client/explain';
import type { SendIMessageRequest } from '../../core/schema';
import type { ComposeArgs } from '../../shared/compose';
import type { Services } from '../services';
import { says } from '../../core/untrusted-text';
import { prompt } from './prompts';
import { enterToken } from './token';

export const COMPOSE_COMMAND = 'imessage.compose';

/** Every button label the extension uses, so the same action reads the same everywhere. */
export const ACTIONS = {
  showOutput: 'Show Output',
  copyMessageId: 'Copy Message ID',
  setToken: 'Set Token',
  openAgreement: 'Open Agreement',
  openSettings: 'Open Settings',
  retry: 'Retry',
  openInCompose: 'Open in Compose',
  learnMore: 'Learn More',
  dontShowAgain: "Don't Show Again",
  showProblems: 'Show Problems',
} as const;

const LABELS: Record<ErrorAction, string> = {
  setToken: ACTIONS.setToken,
  openAgreement: ACTIONS.openAgreement,
  openSettings: ACTIONS.openSettings,
  retry: ACTIONS.retry,
  showLog: ACTIONS.showOutput,
};

export async function composeAvailable(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(COMPOSE_COMMAND);
}

export function openInCompose(args: ComposeArgs): Thenable<unknown> {
  return vscode.commands.executeCommand(COMPOSE_COMMAND, args);
}

export async function announceSent(s: Services, request: SendIMessageRequest, result: SendResult, warnings: string[]): Promise<void> {
  const id = result.messageId;
  const sent = id ? says`iMessage sent to ${request.to} (message id ${id}).` : says`iMessage sent to ${request.to}.`;
  const message = warnings.length ? says`${sent} ${warnings.join(' ')}` : sent;
  const choice = await prompt({
    severity: warnings.length ? 'warning' : 'info',
    message,
    actions: id ? [ACTIONS.showOutput, ACTIONS.copyMessageId] : [ACTIONS.showOutput],
  });
  if (choice === ACTIONS.showOutput) s.log.show();
  if (choice === ACTIONS.copyMessageId && id) await vscode.env.clipboard.writeText(id);
}

export interface FailureOptions {
  /** Sends the same request again; only ever called after the user clicked. Without it, no Retry. */
  retry?: () => Promise<unknown>;
  /** What was being sent, so that it can be reopened in Compose instead of being lost. */
  draft?: ComposeArgs;
  /** Put before the explanation, for failures the user did not start ("iMessage notification not sent: "). */
  prefix?: string;
  /** Offer Show Output even when the explanation does not (work the user did not watch). */
  alwaysShowOutput?: boolean;
}

/** Explains the failure and carries out the action the user picks. */
export async function showFailure(s: Services, error: Error, options: FailureOptions = {}): Promise<void> {
  const explanation = explain(error);
  const actions = explanation.actions.filter((a) => a !== 'retry' || options.retry);
  if (options.alwaysShowOutput && !actions.includes('showLog')) actions.unshift('showLog');
  const buttons: string[] = actions.map((a) => LABELS[a]);
  if (options.draft?.message !== undefined && (await composeAvailable())) buttons.push(ACTIONS.openInCompose);
  const choice = await prompt({ severity: 'error', message: says`${options.prefix ?? ''}${explanation.message}`, actions: buttons });
  switch (choice) {
    case ACTIONS.setToken:
      // 401/403 and a missing token mean nothing was sent: resending after a new token is safe.
      if ((await enterToken(s)) && options.retry) await options.retry();
      break;
    case ACTIONS.openAgreement:
      if (explanation.agreementUrl) await vscode.env.openExternal(vscode.Uri.parse(explanation.agreementUrl));
      break;
    case ACTIONS.openSettings:
      await vscode.commands.executeCommand('workbench.action.openSettings', explanation.setting);
      break;
    case ACTIONS.retry:
      await options.retry?.();
      break;
    case ACTIONS.showOutput:
      s.log.show();
      break;
    case ACTIONS.openInCompose:
      if (options.draft) await openInCompose(options.draft);
      break;
  }
}

/** A finding with Show Output (and Set Token when the token is the problem), for read-only checks. */
export async function showFinding(s: Services, severity: 'info' | 'error', message: string, offerToken = false): Promise<void> {
  const choice = await prompt({ severity, message: says`${message}`, actions: [offerToken ? ACTIONS.setToken : ACTIONS.showOutput] });
  if (choice === ACTIONS.showOutput) s.log.show();
  if (choice === ACTIONS.setToken) await enterToken(s);
}

/** The parts of a request Compose can take over, so an unsent message is never lost. */
export function draftOf(input: unknown): ComposeArgs | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { to, message, from, attachments } = input as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  const draft: ComposeArgs = { message };
  if (typeof to === 'string') draft.to = to;
  if (typeof from === 'string') draft.from = from;
  if (Array.isArray(attachments) && attachments.every((a) => typeof a === 'string')) draft.attachments = attachments;
  return draft;
}
