// The payload lab's commands: new payload, send (with or without client validation), dry run,
// copy as cURL. Every one of them builds the request with the sender's own plan.
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as z from '../../../core/zod';
import { curlCommand, dryRunText, TOKEN_ENV } from '../../../core/client/export';
import { checkPayload, type PayloadProblem } from '../../../core/payload/check';
import { PAYLOAD_TEMPLATES } from '../../../core/payload/templates';
import type { SendPlan } from '../../../core/send-plan';
import type { Services } from '../../services';
import { parseArgs, uriArg } from '../../ui/args';
import { openPayloadDocument } from '../../ui/payload-document';
import { ACTIONS } from '../../ui/presenter';
import { prompt, tell } from '../../ui/prompts';
import { sendAndShow, sendQuietly } from '../../ui/send';
import { commandTable } from '../command-table';
import { payloadDiagnostics } from './diagnostics';
import { type PayloadArgs, resolvePayloadDocument, templateContext } from './documents';
import { says } from '../../../core/untrusted-text';

const labArgs = z.strictObject({
  /** The payload file; default: the active one, else a picker. */
  uri: z.optional(uriArg),
  /** Send the document as written: no defaults, no normalisation, no schema check. */
  skipValidation: z.optional(z.boolean()),
  /** false: no notifications or progress (tests, other extensions). Default true. */
  interactive: z.optional(z.boolean()),
});
type LabArgs = z.output<typeof labArgs> & PayloadArgs;

function argsOf(command: string, arg: unknown): LabArgs {
  return parseArgs(command, labArgs, arg, { uri: (uri) => ({ uri }) });
}

/** The result of reading a payload document: its value, or why it cannot be used (diagnostics set). */
type Loaded =
  | { ok: true; doc: vscode.TextDocument; value: Record<string, unknown> }
  | { ok: false; doc: vscode.TextDocument; problems: PayloadProblem[]; syntax: boolean };

function load(s: Services, doc: vscode.TextDocument, skipValidation: boolean): Loaded {
  const diagnostics = payloadDiagnostics(s);
  const check = checkPayload(doc.getText(), s.config.read().apiVersion);
  if (check.ok) {
    diagnostics.set(doc, []);
    return { ok: true, doc, value: check.value };
  }
  // Without client validation only JSON syntax still stops us: there is no body to send.
  if (skipValidation && !check.syntax) {
    diagnostics.set(doc, []);
    return { ok: true, doc, value: JSON.parse(doc.getText()) as Record<string, unknown> };
  }
  diagnostics.set(doc, check.problems);
  return { ok: false, doc, problems: check.problems, syntax: check.syntax };
}

/** Says why a payload was refused, and offers the ways on. Resolves when the user chose. */
async function refuse(s: Services, loaded: Extract<Loaded, { ok: false }>, verb: string, args: LabArgs): Promise<void> {
  const name = path.posix.basename(loaded.doc.uri.path);
  const [first] = loaded.problems;
  const more =
    loaded.problems.length > 1 ? ` (and ${loaded.problems.length - 1} more problem${loaded.problems.length > 2 ? 's' : ''})` : '';
  const message = says`Not ${verb}: ${name}: ${first!.message}${more}.`;
  s.log.error(message);
  if (args.interactive === false) return;
  const actions: string[] = loaded.syntax ? [ACTIONS.showProblems] : [ACTIONS.showProblems, 'Send without Client Validation'];
  const choice = await prompt({ severity: 'error', message, actions });
  if (choice === ACTIONS.showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (choice === 'Send without Client Validation') await sendPayload(s, { ...args, uri: loaded.doc.uri, skipValidation: true });
}

async function sendPayload(s: Services, args: LabArgs) {
  const doc = await resolvePayloadDocument(s, args);
  if (!doc) return undefined;
  const loaded = load(s, doc, args.skipValidation === true);
  if (!loaded.ok) {
    void refuse(s, loaded, 'sent', args);
    return { ok: false, problems: loaded.problems };
  }
  return (args.interactive === false ? sendQuietly : sendAndShow)(s, loaded.value, {
    source: 'payload',
    skipValidation: args.skipValidation === true,
  });
}

/** Plans the document's send exactly as the sender would, or explains why it cannot. */
async function planPayload(s: Services, args: LabArgs, verb: string): Promise<SendPlan | undefined> {
  const doc = await resolvePayloadDocument(s, args);
  if (!doc) return undefined;
  const loaded = load(s, doc, args.skipValidation === true);
  if (!loaded.ok) {
    void refuse(s, loaded, verb, args);
    return undefined;
  }
  return s.sender.plan(loaded.value, { skipValidation: args.skipValidation === true });
}

async function dryRun(s: Services, args: LabArgs) {
  const plan = await planPayload(s, args, 'shown');
  if (!plan) return undefined;
  const text = dryRunText(plan.target.baseUrl, plan.wire);
  const token = (await s.tokens.get()) ? 'the stored API token' : 'no API token is set yet: sending would ask for one';
  s.log.info(
    `Dry run: nothing was sent. ${plan.target.version === 'legacy' ? 'Legacy API. ' : ''}Authorization carries ${token}.\n${text}`,
  );
  plan.warnings.forEach((w) => s.log.warn(w));
  if (args.interactive !== false) s.log.show();
  return text;
}

async function copyAsCurl(s: Services, args: LabArgs) {
  const plan = await planPayload(s, args, 'copied');
  if (!plan) return undefined;
  const command = curlCommand(plan.target.baseUrl, plan.wire);
  await vscode.env.clipboard.writeText(command);
  if (args.interactive !== false) {
    tell('info', says`cURL command copied. It reads the token from $${TOKEN_ENV}: export ${TOKEN_ENV}=… first.`);
  }
  return command;
}

async function newPayload(s: Services, arg: unknown) {
  const args = parseArgs('imessage.newPayload', z.strictObject({ template: z.optional(z.string()) }), arg);
  const legacy = s.config.read().apiVersion === 'legacy';
  let id = args.template;
  if (id === undefined) {
    const picked = await vscode.window.showQuickPick(
      PAYLOAD_TEMPLATES.map((t) => ({
        label: t.label,
        detail: t.detail,
        id: t.id,
        description: legacy && t.id === 'legacy' ? 'fits your legacy API setting' : '',
      })),
      { title: 'New iMessage payload', placeHolder: 'Start from a template' },
    );
    id = picked?.id;
    if (!id) return undefined;
  }
  const template = PAYLOAD_TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`template must be one of ${PAYLOAD_TEMPLATES.map((t) => t.id).join(', ')} (got "${id}")`);
  return openPayloadDocument(template.id, template.build(await templateContext(s)));
}

export const commands = commandTable({
  'imessage.newPayload': (s, arg) => newPayload(s, arg),
  'imessage.sendPayload': (s, arg) => sendPayload(s, argsOf('imessage.sendPayload', arg)),
  'imessage.sendPayloadWithoutValidation': (s, arg) =>
    sendPayload(s, { ...argsOf('imessage.sendPayloadWithoutValidation', arg), skipValidation: true }),
  'imessage.dryRun': (s, arg) => dryRun(s, argsOf('imessage.dryRun', arg)),
  'imessage.copyAsCurl': (s, arg) => copyAsCurl(s, argsOf('imessage.copyAsCurl', arg)),
});
