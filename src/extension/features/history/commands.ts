// The last 50 sends, kept in globalState so they survive reloads, fed by the sender's onDidSend.
// "iMessage: Show History" lists them; from an entry: open it as a payload, send it again
// (explicitly), copy its id, or check its delivery status.
import * as vscode from 'vscode';
import { redact } from '../../../core/redact';
import { entryFromSend, firstWords, type HistoryEntry, outcomeText, readEntries, trackingLines, withEntry } from '../../../core/history';
import type { CommandTable } from '../command-table';
import { openPayloadDocument } from '../payload/documents';
import { readClient } from '../../services/read-client';
import type { SendEvent } from '../../services/sender';
import type { Services } from '../../services';

const KEY = 'imessage.sendHistory';

export class SendHistory {
  /** Writes are chained so that two sends finishing together both land. */
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly state: vscode.Memento) {}

  list(): HistoryEntry[] {
    return readEntries(this.state.get<unknown>(KEY));
  }

  record(event: SendEvent): Promise<void> {
    const entry = entryFromSend({
      source: event.source,
      ok: event.ok,
      request: event.request,
      ...(event.ok ? { endpoint: event.result.endpoint, messageId: event.result.messageId } : { error: event.error }),
    });
    // A failed write loses that one entry; it must not stop every later one.
    this.pending = this.pending.then(() => this.state.update(KEY, withEntry(this.state.get<unknown>(KEY), entry))).catch(() => undefined);
    return this.pending;
  }

  async clear(): Promise<void> {
    await this.pending;
    await this.state.update(KEY, undefined);
  }
}

/** `entry`: return the stored entry itself, for headless callers (tests, other extensions). */
type Action = 'open' | 'resend' | 'copyId' | 'status' | 'entry';

interface HistoryArgs {
  /** Index in the list, newest first. */
  index?: number;
  action?: Action;
}

async function showHistory(s: Services, arg?: unknown): Promise<unknown> {
  const args = (typeof arg === 'object' && arg !== null ? arg : {}) as HistoryArgs;
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
        const yes = await vscode.window.showWarningMessage(`Send this message to ${entry.to} again?`, { modal: true, detail: firstWords(entry.request, 200) }, 'Send Again');
        if (yes !== 'Send Again') return undefined;
      }
      return s.sender.send(entry.request, { interactive: !headless, source: 'history' });
    case 'copyId':
      if (!entry.messageId) throw new Error('This send has no message id (it failed, or went through the legacy API).');
      await vscode.env.clipboard.writeText(entry.messageId);
      if (!headless) void vscode.window.showInformationMessage(`Copied ${entry.messageId}.`);
      return entry.messageId;
    case 'status':
      return checkDeliveryStatus(s, entry, !headless);
    default:
      return undefined;
  }
}

/** GET /conversations/history/message/{id}?tracking=true, the timeline written to the output channel. */
async function checkDeliveryStatus(s: Services, entry: HistoryEntry, interactive: boolean) {
  if (!entry.messageId) throw new Error('This send has no message id to check (it failed, or went through the legacy API, which gives none).');
  // Message ids come only from the current API, so the status is asked there, whatever the mode.
  const client = await readClient(s, interactive);
  const status = await client.messageStatus(entry.messageId, { onEvent: (e) => s.log.clientEvent(e) });
  for (const line of trackingLines(status.data)) s.log.info(line);
  if (interactive) {
    void vscode.window.showInformationMessage(redact(`${entry.messageId}: ${status.data.status}`), 'Show Log').then((c) => c && s.log.show());
  }
  return status.data;
}

async function pickEntry(entries: HistoryEntry[]): Promise<HistoryEntry | undefined> {
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No iMessage has been sent from this VS Code yet.');
    return undefined;
  }
  const items = entries.map((entry) => ({
    label: `${entry.ok ? '$(check)' : '$(error)'} ${entry.to}`,
    description: `${firstWords(entry.request)}`,
    detail: [new Date(entry.at).toLocaleString(), entry.messageId ?? '', outcomeText(entry), entry.error ?? ''].filter(Boolean).join(' · '),
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'iMessage history', placeHolder: 'Pick a send', matchOnDescription: true, matchOnDetail: true });
  return picked?.entry;
}

async function pickAction(entry: HistoryEntry): Promise<Action | undefined> {
  const actions: { label: string; action: Action; detail?: string }[] = [
    { label: '$(json) Open as Payload', action: 'open' },
    { label: '$(send) Send Again…', action: 'resend', detail: 'Asks before sending' },
  ];
  if (entry.messageId) {
    actions.push({ label: '$(pulse) Check Delivery Status', action: 'status', detail: 'Writes the tracking timeline to the iMessage log' });
    actions.push({ label: '$(copy) Copy Message Id', action: 'copyId', detail: entry.messageId });
  }
  const picked = await vscode.window.showQuickPick(actions, { title: `${entry.to} · ${outcomeText(entry)}`, placeHolder: firstWords(entry.request, 80) });
  return picked?.action;
}

export const historyCommands = {
  'imessage.showHistory': (s, arg) => showHistory(s, arg),
  'imessage.clearHistory': async (s) => {
    await s.history.clear();
    void vscode.window.showInformationMessage('The iMessage send history was cleared.');
  },
} satisfies CommandTable;
