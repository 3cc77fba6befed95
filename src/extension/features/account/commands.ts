// Account tools: is the token valid and what may it do (GET /entitlements), which leased number
// to send from (GET /numbers/leased → imessage.from), and the log.
import * as vscode from 'vscode';
import * as z from '../../../core/zod';
import type { Services } from '../../services';
import { reach } from '../../services/milestones';
import { LegacyModeError, leasedIMessageNumbers } from '../../services/leased-numbers';
import { checkToken, type TokenCheck } from '../../services/read-client';
import { parseArgs } from '../../ui/args';
import { showFinding } from '../../ui/presenter';
import { askForMissingToken } from '../../ui/token';
import { commandTable } from '../command-table';
import { tell } from '../../ui/prompts';
import { iconLabel, says } from '../../../core/untrusted-text';

const verifyArgs = z.strictObject({
  /** false: no notifications or pickers (tests, keybindings). */
  interactive: z._default(z.boolean(), true),
});

async function verifyToken(s: Services, arg: unknown): Promise<TokenCheck> {
  const { interactive } = parseArgs('imessage.verifyToken', verifyArgs, arg);
  const check = await checkToken(s, interactive ? askForMissingToken(s) : undefined);
  if (interactive) void showFinding(s, check.valid || check.unchecked ? 'info' : 'error', check.message, !check.valid && !check.unchecked);
  return check;
}

const pickArgs = z.strictObject({
  interactive: z._default(z.boolean(), true),
  /** Pick this number without asking; it must be one of the eligible leases. */
  number: z.optional(z.string()),
});

async function pickFromNumber(s: Services, arg: unknown): Promise<string | undefined> {
  const args = parseArgs('imessage.pickFromNumber', pickArgs, arg);
  const interactive = args.interactive && args.number === undefined;
  const { total, eligible } = await leasedIMessageNumbers(
    s,
    'Listing your leased numbers',
    interactive ? askForMissingToken(s) : undefined,
  ).catch((error: unknown) => {
    throw error instanceof LegacyModeError ? new Error(`${error.message} Set imessage.from to your number by hand.`) : error;
  });
  if (eligible.length === 0) {
    throw new Error(`None of your ${total} leased number${total === 1 ? '' : 's'} is an active lease with the iMessage channel.`);
  }
  let number = args.number;
  if (number === undefined) {
    const current = s.config.read().from;
    const picked = await vscode.window.showQuickPick(
      eligible.map((n) => ({
        label: iconLabel`${n.formatted ?? n.e164}`,
        description: iconLabel`${n.e164}${n.e164 === current ? ' · current' : ''}`,
        detail: iconLabel`channels: ${n.channels.join(', ') || '?'}`,
        e164: n.e164,
      })),
      { title: 'Send iMessages from', placeHolder: 'Active leases with the iMessage channel' },
    );
    number = picked?.e164;
    if (!number) return undefined;
  } else if (!eligible.some((n) => n.e164 === number)) {
    throw new Error(
      `number ${number} is not an active lease with the iMessage channel (eligible: ${eligible.map((n) => n.e164).join(', ')})`,
    );
  }
  // A user setting: which number sends is never a workspace's choice (README "Security").
  await vscode.workspace.getConfiguration('imessage').update('from', number, vscode.ConfigurationTarget.Global);
  s.log.info(`imessage.from set to ${number}.`);
  reach('numberPicked');
  if (args.interactive) tell('info', says`iMessages will be sent from ${number}.`);
  return number;
}

export const commands = commandTable({
  'imessage.verifyToken': (s, arg) => verifyToken(s, arg),
  'imessage.pickFromNumber': (s, arg) => pickFromNumber(s, arg),
  'imessage.showLog': (s) => s.log.show(),
});
