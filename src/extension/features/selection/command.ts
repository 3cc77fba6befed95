// `imessage.sendSelection [{ to?, from? }]`: the selection (or the current line) to a recipient
// picked in the QuickPick, or given in args so that a keybinding sends without asking who to.
import * as vscode from 'vscode';
import * as z from 'zod';
import { normaliseRecipient } from '../../../core/address';
import { ValidationError } from '../../../core/client/errors';
import { countCharacters } from '../../../core/format';
import { resolveContact } from '../../../core/contacts';
import type { SendInput } from '../../../core/prepare';
import type { CommandTable } from '../command-table';
import { pickRecipient } from '../../ui/recipient-picker';
import { composeAvailable, openInCompose } from '../../ui/presenter';
import type { SendOutcome } from '../../services/sender';
import type { Services } from '../../services';
import { checkBeforeSend } from './checks';
import { selectionText } from './text';

const argsSchema = z
  .object({
    to: z.string().optional(),
    from: z.string().optional(),
  })
  .strict();

export type SendSelectionArgs = z.infer<typeof argsSchema>;

/** What happened, returned to callers (tests, other commands); `message` is never lost. */
export type SendSelectionResult =
  | { status: 'cancelled'; message: string; to?: string }
  | { status: 'compose'; message: string; to: string }
  | { status: 'sent' | 'failed'; message: string; to: string; outcome: SendOutcome };

export async function sendSelection(services: Services, arg?: unknown): Promise<SendSelectionResult> {
  const args = readArgs(arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('Nothing to send: no editor is active. Open a file and select the text to send.');
  const message = selectionText(editor);
  if (message.trim() === '') throw new Error('Nothing to send: the selection and the current line are empty.');

  const settings = services.config.read();
  let to = args.to;
  if (to === undefined) {
    const size = countCharacters(message);
    const picked = await pickRecipient(settings, services.recents.list(), { title: `Send iMessage (${size} character${size === 1 ? '' : 's'}) to` });
    if (!picked) return { status: 'cancelled', message };
    to = picked.address;
  }

  // A recipient that cannot be read skips the questions: the sender reports exactly what is wrong.
  const address = await normaliseRecipient(resolveContact(settings.contacts, to), settings.defaultCountry).then(
    (r) => r.value,
    () => undefined,
  );
  const input: SendInput = { to, message };
  if (args.from !== undefined) input.from = args.from;
  if (address !== undefined) {
    const decision = await checkBeforeSend(message, { to: address, confirmAboveChars: settings.confirmAboveChars, composeAvailable: await composeAvailable() });
    if (decision === 'cancel') return { status: 'cancelled', message, to };
    if (decision === 'compose') {
      await openInCompose({ to: address, message, ...(args.from !== undefined ? { from: args.from } : {}) });
      return { status: 'compose', message, to };
    }
  }

  const outcome = await services.sender.send(input, { interactive: true, source: 'selection' });
  return { status: outcome.ok ? 'sent' : 'failed', message, to, outcome };
}

function readArgs(arg: unknown): SendSelectionArgs {
  if (arg === undefined || arg === null) return {};
  // Menus pass the document's URI: that is not an args object, so it means "no args".
  if (arg instanceof vscode.Uri) return {};
  const parsed = argsSchema.safeParse(arg);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.join('.') || 'args';
  throw new ValidationError(`imessage.sendSelection args.${field}`, issue.code === 'unrecognized_keys' ? 'is not an option (use to, from)' : issue.message);
}

export const selectionCommands = {
  'imessage.sendSelection': (s, arg) => sendSelection(s, arg),
} satisfies CommandTable;
