// Every message with buttons the extension shows goes through `prompt`, so that integration tests
// can read what the user would see and answer it: a modal dialog cannot be answered from inside
// the extension host. Tests install an answerer with `answerPromptsForTests`; it is honoured only in
// the test host (IMESSAGE_TEST=1), and the UI tests drive the real dialogs instead.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import type { Said } from '../../core/untrusted-text';

export interface PromptRequest {
  severity: 'info' | 'warning' | 'error';
  /** Built with `says`, so text from outside is shown and never becomes a link. */
  message: Said;
  /** Modal dialogs block until answered; VS Code adds their Cancel button itself. */
  modal?: boolean;
  /** Second paragraph of a modal dialog. */
  detail?: Said;
  actions: string[];
}

export type PromptAnswerer = (request: PromptRequest) => string | undefined | Promise<string | undefined>;

const TEST_ANSWERER = Symbol.for('imessage-sender.test.prompts');
type Hooked = typeof globalThis & { [TEST_ANSWERER]?: PromptAnswerer };

/** Shows the message; resolves with the chosen action, or undefined when dismissed. */
export async function prompt(shown: PromptRequest): Promise<string | undefined> {
  const request: PromptRequest = {
    ...shown,
    message: redact(shown.message) as Said,
    ...(shown.detail !== undefined && { detail: redact(shown.detail) as Said }),
  };
  const answerer = process.env.IMESSAGE_TEST === '1' ? (globalThis as Hooked)[TEST_ANSWERER] : undefined;
  if (answerer) return answerer(request);
  const show =
    request.severity === 'error'
      ? vscode.window.showErrorMessage
      : request.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  const options: vscode.MessageOptions = request.modal ? { modal: true, detail: request.detail } : {};
  return show(request.message, options, ...request.actions);
}

/** Test hosts only: answer every prompt with `answerer` until the returned function is called. */
export function answerPromptsForTests(answerer: PromptAnswerer): () => void {
  (globalThis as Hooked)[TEST_ANSWERER] = answerer;
  return () => {
    delete (globalThis as Hooked)[TEST_ANSWERER];
  };
}

/** A message with no buttons; fire and forget. */
export function tell(severity: PromptRequest['severity'], message: Said): void {
  void prompt({ severity, message, actions: [] });
}
