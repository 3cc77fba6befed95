// The language model tools' code, loaded on their first use. Both text only the user's own
// recipient (imessage.notify.recipient, else imessage.defaultRecipient), never one the model
// gives; both keep quiet hours, the sender's pacing and the agents' cap (shared with the agent
// hooks: services.agentBudget), and say why when they do not send. imessage_ask's question is one of
// the window's open questions (services.openQuestions), so a reply answers exactly one of them.
// Everything returned to the model or shown goes through the redactor.
import * as vscode from 'vscode';
import type { ToolName } from '../../../core/agent/names';
import {
  agentText,
  askText,
  askTimeoutSeconds,
  confirmation,
  ignoredNote,
  noAnswerResult,
  parseToolInput,
  replyResult,
  withReplyCode,
  type AskInput,
} from '../../../core/agent/tools';
import { ContiguityError } from '../../../core/client/errors';
import { MAX_MESSAGE_CHARS } from '../../../core/limits';
import { clockTime, heldUntil, inQuietHours, ownRecipient } from '../../../core/notify/automatic';
import { redact, redactedMessage } from '../../../core/redact';
import { cleanText } from '../../../core/untrusted-text';
import type { Services } from '../../services';
import { legacyModeNotice } from '../../services/read-client';
import '../../ui/runtime-chunk';
import { sendQuietly } from '../../ui/send';
import { holdAutomatic, sendAutomatic, shortLabel } from '../../ui/outbox';
import type { PreparedToolInvocation } from './lm-api';

interface Target {
  /** As the user wrote it in settings (a contact name, a number). */
  configured: string;
  /** The E.164 number (or address) the send goes to. */
  to: string;
  text: string;
  /** Due in quiet hours: held until then (imessage.notify.duringQuietHours "digest"), only imessage_notify. */
  heldUntil?: number;
}

type Gate = { target: Target; input: unknown; ignored: string[] } | { refused: string };

/**
 * Whom and what a call would text, or why it will not (bad input, no recipient, the cap, quiet
 * hours). Side-effect free: prepareInvocation asks too, and confirms only what would be sent.
 */
async function gate(s: Services, name: ToolName, raw: unknown): Promise<Gate> {
  const parsed = parseToolInput(name, raw);
  if (!parsed.ok) return { refused: parsed.error };
  const settings = s.config.read();
  const max = settings.agentMaxTextsPerSession;
  if (s.agentBudget.reached(max)) return { refused: capReached(max) };
  const quiet = inQuietHours(settings, new Date());
  // A question needs its answer now: only a notification may wait for the end of the quiet hours.
  const held = quiet && name === 'imessage_notify' ? heldUntil(settings, Date.now()) : undefined;
  if (quiet && held === undefined) {
    return {
      refused: `Not sent: it is the user's quiet hours (${settings.notifyQuietHours}, imessage.notify.quietHours). Tell the user in the chat instead, or try again after them.`,
    };
  }
  // The reply is read from the conversation history, which the legacy API does not have.
  const legacy = name === 'imessage_ask' ? legacyModeNotice(s, 'imessage_ask (reading the reply)') : undefined;
  if (legacy) return { refused: `Not sent: ${legacy}` };
  const configured = ownRecipient(settings);
  if (!configured) {
    return {
      refused: 'Not sent: the user has not set imessage.notify.recipient (or imessage.defaultRecipient), the only number these tools text.',
    };
  }
  const text = agentText(name === 'imessage_ask' ? askText(parsed.input as AskInput) : (parsed.input as { message: string }).message);
  try {
    const plan = await s.sender.plan({ to: configured, message: text });
    return {
      target: { configured, to: plan.request.to, text: plan.request.message ?? text, ...(held !== undefined && { heldUntil: held }) },
      input: parsed.input,
      ignored: parsed.ignored,
    };
  } catch (error) {
    return { refused: `Not sent: ${redactedMessage(error)}` };
  }
}

const capReached = (max: number) =>
  `Not sent: agents may send at most ${max} text(s) per VS Code session (the user's setting imessage.agent.maxTextsPerSession), and that many were sent. Do not try again; tell the user in the chat instead.`;

function shownRecipient(t: Target): string {
  return t.configured === t.to ? t.to : `${t.configured} (${t.to})`;
}

export async function prepare(
  s: Services,
  name: ToolName,
  raw: unknown,
  _token: vscode.CancellationToken,
): Promise<PreparedToolInvocation> {
  const found = await gate(s, name, raw).catch((e: unknown) => ({ refused: String(e) }));
  // Nothing will be sent: no confirmation to ask for; invoke says why.
  if ('refused' in found) return { invocationMessage: redact(found.refused) };
  const { title, markdown } = confirmation(
    name,
    shownRecipient(found.target),
    found.target.text,
    found.target.heldUntil === undefined ? undefined : clockTime(found.target.heldUntil),
  );
  // What the user was asked to allow, next to what was then sent: the log tells the whole story.
  s.log.info(`Agent tool ${name}: asking the user to confirm "${title}"`);
  return {
    invocationMessage: redact(name === 'imessage_ask' ? `Asking ${found.target.to} by iMessage` : `Texting ${found.target.to}`),
    confirmationMessages: { title: redact(title), message: new vscode.MarkdownString(redact(markdown)) },
  };
}

/** What the model is told, redacted. */
export async function invoke(s: Services, name: ToolName, raw: unknown, token: vscode.CancellationToken): Promise<string> {
  const text = await run(s, name, raw, token).catch((e: unknown) => `Not sent: ${redactedMessage(e)}`);
  s.log.info(`Agent tool ${name}: ${text}`);
  // Server errors and the reply are outside text: plain, bounded, no hidden characters for the model to read.
  return redact(cleanText(text, { multiline: true, max: MAX_MESSAGE_CHARS + 2_000 }));
}

async function run(s: Services, name: ToolName, raw: unknown, token: vscode.CancellationToken): Promise<string> {
  const found = await gate(s, name, raw);
  if ('refused' in found) return found.refused;
  if (token.isCancellationRequested) return 'Cancelled: nothing was sent.';
  const settings = s.config.read();
  const max = settings.agentMaxTextsPerSession;
  // Checked again and counted with no await in between: concurrent calls must not slip past the cap together.
  const budget = s.agentBudget;
  if (!budget.take(max)) return capReached(max);
  const { target: t, ignored } = found;
  // Opened before the text is written: a question asked meanwhile sees it and carries its code, and so does this one.
  const question = name === 'imessage_ask' ? s.openQuestions.open('ask') : undefined;
  const message = question?.withCode ? withReplyCode(t.text, question.code) : t.text;
  const note = ignoredNote(ignored);
  if (t.heldUntil !== undefined) {
    const label = `agent text "${shortLabel(message)}"`;
    if (await holdAutomatic(s, { to: t.to, message, source: `agent.${name}`, label }, t.heldUntil)) {
      return `Held: it is the user's quiet hours, so the text goes out at ${clockTime(t.heldUntil)}, in one digest with any other held texts. Do not send it again.${note}`;
    }
    budget.giveBack();
    return `Not sent: it is the user's quiet hours and the text could not be held for them.${note}`;
  }
  // A notification goes through the outbox (it waits there if it surely did not leave); a question needs its answer now.
  const { outcome, kept } = question
    ? { outcome: await sendQuietly(s, { to: t.to, message }, { source: `agent.${name}` }), kept: false }
    : await sendAutomatic(s, { to: t.to, message, source: `agent.${name}`, label: `agent text "${shortLabel(message)}"` });
  if (!outcome.ok) {
    question?.close();
    // Never twice: a text that may have reached the server must not be sent again by a retrying agent.
    if (outcome.error instanceof ContiguityError && outcome.error.mayHaveBeenSent) {
      return `The text may have been sent (${outcome.error.message}). Do not send it again; tell the user in the chat that it may not have arrived.${note}`;
    }
    // It surely did not leave: it waits for the network and still counts, it will be sent.
    if (kept) {
      return `Not sent yet: ${outcome.error.message} It waits in the outbox and is sent once, as soon as it can be (marked as delayed). Do not send it again.${note}`;
    }
    // It surely did not reach the phone: it does not count against the cap.
    budget.giveBack();
    return `Not sent: ${outcome.error.message}${note}`;
  }
  const left = `${budget.left(max)} of ${max} agent texts left this session.`;
  if (!question) return `Sent to the user's phone. ${left}${note}`;
  question.sent({ to: outcome.request.to, from: outcome.request.from, messageId: outcome.result.messageId, text: message });
  const input = found.input as AskInput;
  const seconds = askTimeoutSeconds(input, settings.agentAskMaxTimeoutSeconds);
  const cancel = new AbortController();
  const cancelled = token.onCancellationRequested(() => cancel.abort());
  if (token.isCancellationRequested) cancel.abort();
  const reply = await question.answer(seconds * 1000, cancel.signal).finally(() => cancelled.dispose());
  if (reply.kind === 'cancelled') return `Cancelled: the question was sent, but the wait for the reply was stopped. ${left}${note}`;
  if (reply.kind === 'timeout') return `${noAnswerResult(seconds)} ${left}${note}`;
  // An ask is answered in words; approvals (Y/N) are the hooks'.
  const text = reply.answer.kind === 'text' || reply.answer.kind === 'unclear' ? reply.answer.text : '';
  return `${replyResult(text, input.choices)} ${left}${note}`;
}
