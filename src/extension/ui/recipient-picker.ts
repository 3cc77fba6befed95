// The recipient QuickPick every feature uses: the default recipient first, then contacts, then
// recent recipients, plus whatever the user types, validated as they type with the E.164 it
// will be sent to in the item's detail (an iCloud address is allowed; the sender warns about it). Resolves with the address, or undefined when dismissed.
import * as vscode from 'vscode';
import { type ChoiceKind, readTyped, type RecipientChoice, recipientChoices } from '../../core/recipients';
import type { Settings } from '../../core/settings';
import { iconLabel, plain } from '../../core/untrusted-text';

export interface PickedRecipient {
  /** E.164 or an iCloud address: exactly what will be sent to. */
  address: string;
  label: string;
}

interface Item extends vscode.QuickPickItem {
  address?: string;
  problem?: string;
}

const KIND_LABELS: Record<ChoiceKind, string> = { default: 'default', contact: 'contact', recent: 'recent' };

export async function pickRecipient(
  settings: Pick<Settings, 'defaultRecipient' | 'contacts' | 'defaultCountry'>,
  recents: readonly string[],
  options: { title?: string } = {},
): Promise<PickedRecipient | undefined> {
  const known = (await recipientChoices({ ...settings, recents })).map(toItem);
  const picker = vscode.window.createQuickPick<Item>();
  const title = options.title ?? 'Send iMessage to';
  picker.title = title;
  picker.placeholder = known.length
    ? 'Pick a recipient, or type a number, iCloud address or contact name'
    : 'Type a number, iCloud address or contact name';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.ignoreFocusOut = true;
  picker.items = known;

  // Typed entries are read asynchronously (phone metadata loads lazily); only the latest counts.
  let generation = 0;
  /** The value the rows were last computed for. */
  let listed = '';
  const typedItem = async (value: string): Promise<Item | undefined> => {
    if (!value.trim()) return undefined;
    const typed = await readTyped(value, settings.contacts, settings.defaultCountry);
    return typed.address === undefined
      ? {
          label: value,
          description: 'not a valid recipient',
          detail: iconLabel`$(error) ${typed.detail}`,
          problem: typed.detail,
          alwaysShow: true,
        }
      : {
          label: value,
          description: 'send to this',
          detail: `$(${typed.warning ? 'warning' : 'check'}) ${iconLabel`${typed.detail}`}`,
          address: typed.address,
          alwaysShow: true,
        };
  };
  const refresh = async (value: string) => {
    const mine = ++generation;
    const typed = await typedItem(value);
    if (mine !== generation) return;
    listed = value;
    // A typed value that is exactly a listed name needs no second row.
    const duplicate =
      typed?.address !== undefined &&
      known.some((k) => k.address === typed.address && k.label.toLowerCase() === value.trim().toLowerCase());
    picker.items = typed && !duplicate ? [typed, ...known] : known;
  };

  return new Promise<PickedRecipient | undefined>((resolve) => {
    let settled = false;
    const finish = (result: PickedRecipient | undefined) => {
      if (settled) return;
      settled = true;
      resolve(result);
      picker.hide();
    };
    picker.onDidChangeValue((value) => {
      picker.title = title;
      void refresh(value);
    });
    picker.onDidAccept(async () => {
      // Enter pressed before the rows caught up with the typing: the active row may be a stale
      // match, so what was typed is read now instead.
      const current = picker.value;
      const item = current.trim() && current !== listed ? await typedItem(current) : (picker.selectedItems[0] ?? picker.activeItems[0]);
      if (!item) return;
      if (item.address === undefined) {
        picker.title = plain`${title} — ${item.problem ?? 'not a valid recipient'}`;
        return; // keep the picker open so the user can correct the entry
      }
      finish({ address: item.address, label: item.label });
    });
    picker.onDidHide(() => {
      finish(undefined);
      picker.dispose();
    });
    picker.show();
  });
}

function toItem(choice: RecipientChoice): Item {
  const item: Item = {
    label: iconLabel`${choice.label}`,
    description: KIND_LABELS[choice.kind],
    detail: choice.problem ? iconLabel`$(error) ${choice.problem}` : iconLabel`${choice.detail}`,
  };
  if (choice.address !== undefined) item.address = choice.address;
  if (choice.problem !== undefined) item.problem = choice.problem;
  return item;
}
