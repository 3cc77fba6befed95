// Payload documents: which open document is a payload, and finding the one a command should act on.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { E164_PATTERN } from '../../../core/schema';
import { PAYLOAD_TEMPLATES, PLACEHOLDER_RECIPIENT, type TemplateContext } from '../../../core/payload/templates';
import { resolvePhone } from '../../../core/contacts';
import type { Services } from '../../services';
import { openPayloadDocument } from '../../ui/payload-document';
import { PAYLOAD_GLOB, PAYLOAD_SUFFIX } from '../../ui/view-and-file-names';
import { iconLabel } from '../../../core/untrusted-text';

export function isPayloadDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.path.endsWith(PAYLOAD_SUFFIX);
}

/** The recipient and sender a template starts with: from the settings when they are usable numbers. */
export async function templateContext(s: Services): Promise<TemplateContext> {
  const settings = s.config.read();
  const asE164 = async (value: string) => {
    if (!value) return undefined;
    try {
      const number = await resolvePhone(value, settings, 'to');
      return E164_PATTERN.test(number) ? number : undefined;
    } catch {
      return undefined;
    }
  };
  const from = await asE164(settings.from);
  return { to: (await asE164(settings.defaultRecipient)) ?? PLACEHOLDER_RECIPIENT, ...(from ? { from } : {}) };
}

export interface PayloadArgs {
  uri?: string | vscode.Uri | undefined;
}

/**
 * The payload a command acts on: `args.uri`, else the active payload editor, else one the user
 * picks among the workspace's payload files and the built-in samples (a sample opens as a new document).
 */
export async function resolvePayloadDocument(s: Services, args: PayloadArgs): Promise<vscode.TextDocument | undefined> {
  if (args.uri) return vscode.workspace.openTextDocument(typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active && isPayloadDocument(active)) return active;
  const picked = await pickPayload();
  if (!picked) return undefined;
  if (picked.uri) return vscode.workspace.openTextDocument(picked.uri);
  const template = PAYLOAD_TEMPLATES.find((t) => t.id === picked.template)!;
  const uri = await openPayloadDocument(template.id, template.build(await templateContext(s)));
  return vscode.workspace.openTextDocument(uri);
}

type PayloadItem = vscode.QuickPickItem & { uri?: vscode.Uri; template?: string };

/** The picker opens at once with the samples; the workspace's payload files join when the search ends. */
function pickPayload(): Promise<PayloadItem | undefined> {
  const samples: PayloadItem[] = [
    { label: 'Built-in samples', kind: vscode.QuickPickItemKind.Separator },
    ...PAYLOAD_TEMPLATES.map((t) => ({ label: `$(file-code) ${t.label}`, description: 'sample', detail: t.detail, template: t.id })),
  ];
  const pick = vscode.window.createQuickPick<PayloadItem>();
  pick.title = 'Send which payload?';
  pick.placeholder = 'A *.imessage.json file or a built-in sample';
  pick.items = samples;
  pick.busy = true;
  const search = new vscode.CancellationTokenSource();
  void vscode.workspace.findFiles(PAYLOAD_GLOB, '**/node_modules/**', 200, search.token).then(
    (files) => {
      const found = files.map((uri) => ({
        label: iconLabel`$(json) ${path.posix.basename(uri.path)}`,
        description: iconLabel`${vscode.workspace.asRelativePath(uri)}`,
        uri,
      }));
      if (found.length) pick.items = [{ label: 'Workspace', kind: vscode.QuickPickItemKind.Separator }, ...found, ...samples];
      pick.busy = false;
    },
    () => (pick.busy = false),
  );
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      search.cancel();
      search.dispose();
      pick.dispose();
    });
    pick.show();
  });
}
