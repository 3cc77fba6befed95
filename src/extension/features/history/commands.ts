// "iMessage: Show History" lists the sends the history store kept; from an entry: open it as a
// payload, send it again (explicitly), copy its id, or check its delivery status.
import * as vscode from 'vscode';
import * as z from '../../../core/zod';
import { firstWords, type HistoryEntry, outcomeText, trackingLines } from '../../../core/history';
import type { Services } from '../../services';
import { readClient } from '../../services/read-client';
import { parseArgs } from '../../ui/args';
import { openPayloadDocument } from '../../ui/payload-document';
import { showFinding } from '../../ui/presenter';
import { prompt, tell } from '../../ui/prompts';
import { sendAndShow, sendQuietly } from '../../ui/send';
import { askForMissingToken } from '../../ui/token';
import { commandTable } from '../command-table';
import { iconLabel, plain, says } from '../../../core/untrusted-text';

/** `entry`: return the stored entry itself, for headless callers (tests, other extensions). */
const HISTORY_ACTIONS = ['open', 'resend', 'copyId', 'status', 'entry'] as const;
type Action = (typeof HISTORY_ACTIONS)[number];

const historyArgs = z.strictObject({
  /** Index in the list, newest first: acts on that entry without asking. */
  index: z.optional(z.number().check(z.int(), z.gte(0))),
  action: z.optional(z.enum(HISTORY_ACTIONS)),
});

async function showHistory(s: Services, arg?: unknown): Promise<unknown> {
  const args = parseArgs('imessage.showHistory', historyArgs, arg);
  const entries = s.history.list();
  const headless = args.index !== undefined;
  const entry = headless ? entries[args.index!] : await pickEntry(entries);
  if (!entry) {
    if (headless) throw new Error(`There is no history entry ${args.index} (the history has ${entries.length}).`);
    return undefined;
  }
  if (args.action === 'entry') return entry;
  const action = args.action ?? (await pickAction(entry));
  switch (action) {
    case 'open':
      return openPayloadDocument(`history-${new Date(entry.at).toISOString().slice(0, 19).replace(/[-:T]/g, '')}`, entry.request);
    case 'resend':
      if (!headless) {
        const yes = await prompt({
          severity: 'warning',
          modal: true,
          message: says`Send this message to ${entry.to} again?`,
          detail: says`${firstWords(entry.request, 200)}`,
          actions: ['Send Again'],
        });
        if (yes !== 'Send Again') return undefined;
      }
      return (headless ? sendQuietly : sendAndShow)(s, entry.request, { source: 'history' });
    case 'copyId':
      if (!entry.messageId) throw new Error('This send has no message id (it failed, or went through the legacy API).');
      await vscode.env.clipboard.writeText(entry.messageId);
      if (!headless) tell('info', says`Copied ${entry.messageId}.`);
      return entry.messageId;
    case 'status':
      return checkDeliveryStatus(s, entry, !headless);
    default:
      return undefined;
  }
}

/** GET /conversations/history/message/{id}?tracking=true, the timeline written to the output channel. */
async function checkDeliveryStatus(s: Services, entry: HistoryEntry, interactive: boolean) {
  if (!entry.messageId) {
    throw new Error('This send has no message id to check (it failed, or went through the legacy API, which gives none).');
  }
  // Message ids come only from the current API, so the status is asked there, whatever the mode.
  const client = await readClient(s, interactive ? askForMissingToken(s) : undefined);
  const status = await client.messageStatus(entry.messageId, { onEvent: (e) => s.log.clientEvent(e) });
  for (const line of trackingLines(status.data)) s.log.info(line);
  if (interactive) {
    void showFinding(s, 'info', `${entry.messageId}: ${status.data.status}`);
  }
  return status.data;
}

async function pickEntry(entries: HistoryEntry[]): Promise<HistoryEntry | undefined> {
  if (entries.length === 0) {
    tell('info', says`No iMessage has been sent from this VS Code yet.`);
    return undefined;
  }
  const items = entries.map((entry) => ({
    label: `${entry.ok ? '$(check)' : '$(error)'} ${iconLabel`${entry.to}`}`,
    description: iconLabel`${firstWords(entry.request)}`,
    detail: iconLabel`${[new Date(entry.at).toLocaleString(), entry.messageId ?? '', outcomeText(entry), entry.error ?? ''].filter(Boolean).join(' · ')}`,
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'iMessage history',
    placeHolder: 'Pick a send',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.entry;
}

async function pickAction(entry: HistoryEntry): Promise<Action | undefined> {
  const actions: { label: string; action: Action; detail?: string }[] = [
    { label: '$(json) Open as Payload', action: 'open' },
    { label: '$(send) Send Again…', action: 'resend', detail: 'Asks before sending' },
  ];
  if (entry.messageId) {
    actions.push({ label: '$(pulse) Check Delivery Status', action: 'status', detail: 'Writes the tracking timeline to the iMessage log' });
    actions.push({ label: '$(copy) Copy Message Id', action: 'copyId', detail: iconLabel`${entry.messageId}` });
  }
  const picked = await vscode.window.showQuickPick(actions, {
    title: plain`${entry.to} · ${outcomeText(entry)}`,
    placeHolder: plain`${firstWords(entry.request, 80)}`,
  });
  return picked?.action;
}

export const commands = commandTable({
  'imessage.showHistory': (s, arg) => showHistory(s, arg),
  'imessage.clearHistory': async (s) => {
    await s.history.clear();
    tell('info', says`The iMessage send history was cleared.`);
  },
});
