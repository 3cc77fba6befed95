// Account tools: is the token valid and what may it do (GET /entitlements), and which leased
// number to send from (GET /numbers/leased → imessage.from).
import * as vscode from 'vscode';
import { redact } from '../../../core/redact';
import { AuthError } from '../../../core/client/errors';
import type { CommandTable } from '../command-table';
import { legacyModeNotice, readClient } from '../../services/read-client';
import type { Services } from '../../services';

interface Headless {
  /** false: no notifications or pickers (tests, keybindings). Default true. */
  interactive?: boolean;
}

const ENTITLEMENT_LABELS: Record<string, string> = { imessage: 'iMessage', fast_track: 'Fast Track', sms: 'SMS' };

export interface TokenCheck {
  valid: boolean;
  entitlements?: { name: string; status: string }[];
  message: string;
}

async function verifyToken(s: Services, arg: unknown): Promise<TokenCheck> {
  const interactive = (arg as Headless | undefined)?.interactive !== false;
  const legacy = legacyModeNotice(s, 'Checking the token');
  if (legacy) return tell({ valid: false, message: `${legacy} Sending through it is the only check.` }, interactive, 'info');
  const client = await readClient(s, interactive);
  try {
    const envelope = await client.entitlements({ onEvent: (e) => s.log.clientEvent(e) });
    const entitlements = envelope.data.entitlements.map((e) => ({ name: e.name, status: e.status }));
    const summary = entitlements.map((e) => `${ENTITLEMENT_LABELS[e.name] ?? e.name}: ${e.status}`).join(', ');
    return tell({ valid: true, entitlements, message: `The API token is valid. ${summary || 'No entitlements listed'}.` }, interactive, 'info');
  } catch (error) {
    if (error instanceof AuthError) {
      return tell({ valid: false, message: `Contiguity refused the API token (${error.message}).` }, interactive, 'error');
    }
    throw error;
  }
}

function tell(check: TokenCheck, interactive: boolean, level: 'info' | 'error'): TokenCheck {
  if (interactive) {
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
    void show(redact(check.message), ...(check.valid ? ['Show Log'] : ['Set Token'])).then((choice) => {
      if (choice === 'Show Log') return void vscode.commands.executeCommand('imessage.showLog');
      if (choice === 'Set Token') return void vscode.commands.executeCommand('imessage.setToken');
    });
  }
  return check;
}

interface PickArgs extends Headless {
  /** Pick this number without asking; it must be one of the eligible leases. */
  number?: string;
}

async function pickFromNumber(s: Services, arg: unknown): Promise<string | undefined> {
  const args = (typeof arg === 'object' && arg !== null ? arg : {}) as PickArgs;
  const interactive = args.interactive !== false && args.number === undefined;
  const legacy = legacyModeNotice(s, 'Listing your leased numbers');
  if (legacy) throw new Error(`${legacy} Set imessage.from to your number by hand.`);
  const client = await readClient(s, interactive);
  const { data } = await client.leasedNumbers({ onEvent: (e) => s.log.clientEvent(e) });
  const eligible = data.numbers.filter((n) => n.lease_status === 'active' && n.capabilities?.channels?.includes('imessage'));
  if (eligible.length === 0) {
    throw new Error(`None of your ${data.numbers.length} leased number${data.numbers.length === 1 ? '' : 's'} is an active lease with the iMessage channel.`);
  }
  let number = args.number;
  if (number === undefined) {
    const current = s.config.read().from;
    const picked = await vscode.window.showQuickPick(
      eligible.map((n) => ({
        label: n.number.formatted ?? n.number.e164,
        description: n.number.e164 === current ? `${n.number.e164} · current` : n.number.e164,
        detail: `channels: ${n.capabilities?.channels?.join(', ') ?? '?'}`,
        e164: n.number.e164,
      })),
      { title: 'Send iMessages from', placeHolder: 'Active leases with the iMessage channel' },
    );
    number = picked?.e164;
    if (!number) return undefined;
  } else if (!eligible.some((n) => n.number.e164 === number)) {
    throw new Error(`number ${number} is not an active lease with the iMessage channel (eligible: ${eligible.map((n) => n.number.e164).join(', ')})`);
  }
  // A user setting: which number sends is never a workspace's choice (README "Security").
  await vscode.workspace.getConfiguration('imessage').update('from', number, vscode.ConfigurationTarget.Global);
  s.log.info(`imessage.from set to ${number}.`);
  if (args.interactive !== false) void vscode.window.showInformationMessage(`iMessages will be sent from ${number}.`);
  return number;
}

export const accountCommands = {
  'imessage.verifyToken': (s, arg) => verifyToken(s, arg),
  'imessage.pickFromNumber': (s, arg) => pickFromNumber(s, arg),
} satisfies CommandTable;
