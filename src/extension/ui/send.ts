// Sending as the user sees it. The sender only returns outcomes; here a send gets its look:
// `sendAndShow` for what the user started (token prompt, cancellable progress notification, the
// result with its actions), `sendQuietly` for what runs on its own (status bar progress only).
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RunSend, SendOptions, SendOutcome } from '../services/sender';
import { announceSent, draftOf, showFailure } from './presenter';
import { askForMissingToken } from './token';
import { iconLabel, says } from '../../core/untrusted-text';

export interface ShownSend {
  /** Which feature sends, for the log and the history. */
  source: string;
  skipValidation?: boolean;
}

/** The outbox's say in a quiet send: its last word before the request, and a cancellation. */
type QuietSend = ShownSend & Pick<SendOptions, 'beforeRequest' | 'cancellation'>;

export async function sendAndShow(s: Services, input: unknown, options: ShownSend): Promise<SendOutcome> {
  const outcome = await s.sender.send(input, {
    ...options,
    askForToken: askForMissingToken(s),
    run: progress(vscode.ProgressLocation.Notification, true),
  });
  if (outcome.ok) void announceSent(s, outcome.request, outcome.result, outcome.warnings);
  else void showFailure(s, outcome.error, { retry: () => sendAndShow(s, input, options), draft: draftOf(outcome.request ?? input) });
  return outcome;
}

export function sendQuietly(s: Services, input: unknown, options: QuietSend): Promise<SendOutcome> {
  return s.sender.send(input, { ...options, run: progress(vscode.ProgressLocation.Window, false) });
}

function progress(location: vscode.ProgressLocation, cancellable: boolean): RunSend {
  return (title, task) =>
    Promise.resolve(
      // In the status bar (Window) the title renders `$(icon)`s, in a notification it renders links.
      vscode.window.withProgress(
        { location, title: location === vscode.ProgressLocation.Window ? iconLabel`${title}` : says`${title}`, cancellable },
        (_progress, token) => {
          const controller = new AbortController();
          const cancelled = token.onCancellationRequested(() => controller.abort());
          return task(controller.signal).finally(() => cancelled.dispose());
        },
      ),
    );
}
