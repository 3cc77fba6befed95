// `imessage.sendSelection [{ to?, from? }]`: the selection (or the current line) to a recipient
// picked in the QuickPick, or given in args so that a keybinding sends without asking who to.
import * as vscode from 'vscode';
import * as z from '../../../core/zod';
import { countCharacters } from '../../../core/format';
import { resolveRecipient } from '../../../core/contacts';
import type { SendInput } from '../../../core/prepare';
import type { Services } from '../../services';
import type { SendOutcome } from '../../services/sender';
import { parseArgs } from '../../ui/args';
import { composeAvailable, openInCompose } from '../../ui/presenter';
import { pickRecipient } from '../../ui/recipient-picker';
import { sendAndShow } from '../../ui/send';
import { commandTable } from '../command-table';
import { checkBeforeSend } from './checks';
import { selectionText } from './text';

const argsSchema = z.strictObject({
  to: z.optional(z.string()),
  from: z.optional(z.string()),
});

export type SendSelectionArgs = z.infer<typeof argsSchema>;

/** What happened, returned to callers (tests, other commands); `message` is never lost. */
export type SendSelectionResult =
  | { status: 'cancelled'; message: string; to?: string }
  | { status: 'compose'; message: string; to: string }
  | { status: 'sent' | 'failed'; message: string; to: string; outcome: SendOutcome };

export async function sendSelection(services: Services, arg?: unknown): Promise<SendSelectionResult> {
  const args = parseArgs('imessage.sendSelection', argsSchema, arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('Nothing to send: no editor is active. Open a file and select the text to send.');
  const message = selectionText(editor);
  if (message.trim() === '') throw new Error('Nothing to send: the selection and the current line are empty.');

  const settings = services.config.read();
  let to = args.to;
  if (to === undefined) {
    const size = countCharacters(message);
    const picked = await pickRecipient(settings, services.recents.list(), {
      title: `Send iMessage (${size} character${size === 1 ? '' : 's'}) to`,
    });
    if (!picked) return { status: 'cancelled', message };
    to = picked.address;
  }

  // A recipient that cannot be read skips the questions: the sender reports exactly what is wrong.
  const address = await resolveRecipient(to, settings).then(
    (r) => r.value,
    () => undefined,
  );
  const input: SendInput = { to, message };
  if (args.from !== undefined) input.from = args.from;
  if (address !== undefined) {
    const decision = await checkBeforeSend(message, {
      to: address,
      confirmAboveChars: settings.confirmAboveChars,
      composeAvailable: await composeAvailable(),
    });
    if (decision === 'cancel') return { status: 'cancelled', message, to };
    if (decision === 'compose') {
      await openInCompose({ to: address, message, ...(args.from !== undefined ? { from: args.from } : {}) });
      return { status: 'compose', message, to };
    }
  }

  const outcome = await sendAndShow(services, input, { source: 'selection' });
  return { status: outcome.ok ? 'sent' : 'failed', message, to, outcome };
}

export const commands = commandTable({
  'imessage.sendSelection': (s, arg) => sendSelection(s, arg),
});
