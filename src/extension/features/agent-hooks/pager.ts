// What the window does with an agent's hook event: remembers when work started, texts the user
// when it finished or waits for them, and puts a tool call to them by text when they allow that.
// Every text goes to the user's own recipient only (nothing in the event can change it), through
// the quiet send path (redactor, history, log, pacing) and counts against the agents' cap. The
// rules are core/agent-hooks/rules.ts; which reply answers which question is core/agent-hooks/questions.ts.
import * as vscode from 'vscode';
import type { Decision } from '../../../core/agent-hooks/answers';
import type { HookEvent } from '../../../core/agent-hooks/events';
import { approvalGate, approvalWaitMs, shouldText, type PagerRules } from '../../../core/agent-hooks/rules';
import { sessionKey } from '../../../core/agent-hooks/sessions';
import { finishedText, permissionText, placeOf, waitingText } from '../../../core/agent-hooks/texts';
import { ContiguityError } from '../../../core/client/errors';
import { clockTime, heldUntil, ownRecipient, quietRanges } from '../../../core/notify/automatic';
import { redact } from '../../../core/redact';
import type { Settings } from '../../../core/settings';
import type { Services } from '../../services';
import type { SendOutcome } from '../../services/sender';
import { sendQuietly } from '../../ui/send';
import { holdAutomatic, sendAutomatic } from '../../ui/outbox';
import { pagerState } from './pager-state';
import { lastMessageIn } from './transcript-file';

const NONE: Decision = { kind: 'none' };

export async function page(s: Services, event: HookEvent, context: { deadline: number; signal: AbortSignal }): Promise<Decision> {
  const state = pagerState(s);
  const label = `${event.agent} ${event.event} in ${placeOf(event.cwd)}`;
  const settings = s.config.readIfValid();
  if (!settings) return said(s, label, NONE, 'the iMessage settings are not valid');
  const rules = rulesOf(settings);
  const now = Date.now();
  const place = placeFor(event.cwd);
  switch (event.kind) {
    case 'started':
      state.sessions.started(sessionKey(event), now);
      return said(s, label, NONE, 'work started');
    case 'finished': {
      const workedMs = state.sessions.finished(sessionKey(event), now);
      const rule = shouldText(rules, { workedMs, focused: state.focus().focused, at: now });
      const until = !rule.text && rule.quiet ? heldUntil(settings, now) : undefined;
      if (!rule.text && until === undefined) return said(s, label, NONE, `no text: ${rule.reason}`);
      const lastMessage = event.lastMessage ?? (await lastMessageIn(event.transcriptPath));
      const sent = await textUser(s, settings, finishedText(event, { workedMs, place, lastMessage }), label, until);
      return said(s, label, NONE, sent.ok ? sent.said : `no text: ${sent.reason}`);
    }
    case 'waiting': {
      const rule = shouldText(rules, { focused: state.focus().focused, at: now });
      const until = !rule.text && rule.quiet ? heldUntil(settings, now) : undefined;
      if (!rule.text && until === undefined) return said(s, label, NONE, `no text: ${rule.reason}`);
      const sent = await textUser(s, settings, waitingText(event, { place }), label, until);
      return said(s, label, NONE, sent.ok ? sent.said : `no text: ${sent.reason}`);
    }
    case 'permission': {
      const gate = approvalGate(rules, state.focus(), now);
      if (gate.kind !== 'text') return said(s, label, gate.kind === 'ask' ? ask(gate.reason) : NONE, gate.reason);
      const waitMs = approvalWaitMs(rules.approvalTimeoutSeconds, context.deadline, now);
      const decision = await approve(s, settings, event, place, waitMs, context.signal);
      return said(s, label, decision, 'reason' in decision && decision.reason ? decision.reason : decision.kind);
    }
  }
}

/** Texts the request and waits for the user's Y or N. Anything but an explicit, matching reply answers "ask". */
async function approve(
  s: Services,
  settings: Settings,
  event: HookEvent,
  place: string,
  waitMs: number,
  signal: AbortSignal,
): Promise<Decision> {
  if (waitMs === 0) return ask('the hook gives too little time to answer by iMessage');
  if (signal.aborted) return ask('the agent stopped waiting');
  const question = s.openQuestions.open('approval');
  try {
    const text = permissionText(event, { code: question.withCode ? question.code : undefined, place });
    if (text === undefined) return ask('the request cannot be shown as written in a text');
    const sent = await textUser(s, settings, text);
    if (!sent.ok) return ask(sent.reason);
    const { outcome } = sent;
    if (!outcome) return ask(sent.said); // only notifications are held, never a question
    question.sent({ to: outcome.request.to, from: outcome.request.from, messageId: outcome.result.messageId, text });
    const waited = await question.answer(waitMs, signal);
    if (waited.kind === 'timeout') return ask(`no answer by iMessage within ${Math.round(waitMs / 1000)} s`);
    if (waited.kind === 'cancelled') return ask('the agent stopped waiting');
    const answer = waited.answer;
    if (answer.kind !== 'decision') return ask('the reply by iMessage was neither yes nor no');
    return answer.decision.kind === 'allow' ? { kind: 'allow' } : { kind: 'deny', reason: answer.decision.reason };
  } finally {
    question.close();
  }
}

type Texted = { ok: true; said: string; outcome?: Extract<SendOutcome, { ok: true }> } | { ok: false; reason: string };

/**
 * One text to the user's own recipient, within the agents' cap. With `keptAs` (notifications), a
 * text that surely did not go out waits in the outbox, and one due in quiet hours is held until
 * `heldTill` (their end) for the digest; an approval never waits: it answers "ask" now.
 */
async function textUser(s: Services, settings: Settings, message: string, keptAs?: string, heldTill?: number): Promise<Texted> {
  const to = ownRecipient(settings);
  if (!to) return { ok: false, reason: 'no recipient is set (imessage.notify.recipient or imessage.defaultRecipient)' };
  const max = settings.agentMaxTextsPerSession;
  if (!s.agentBudget.take(max)) {
    return { ok: false, reason: `agents sent the ${max} texts allowed this session (imessage.agent.maxTextsPerSession)` };
  }
  if (keptAs && heldTill !== undefined) {
    if (await holdAutomatic(s, { to, message, source: 'agent.hook', label: keptAs }, heldTill)) {
      return { ok: true, said: `held for the quiet hours: it goes out at ${clockTime(heldTill)} in a digest` };
    }
    s.agentBudget.giveBack();
    return { ok: false, reason: 'it is quiet hours and the outbox could not hold it' };
  }
  const { outcome, kept } = keptAs
    ? await sendAutomatic(s, { to, message, source: 'agent.hook', label: keptAs })
    : { outcome: await sendQuietly(s, { to, message }, { source: 'agent.hook' }), kept: false };
  if (outcome.ok) return { ok: true, said: 'texted', outcome };
  if (kept) return { ok: false, reason: `waits in the outbox: ${outcome.error.message}` };
  // Never twice, and a text that surely did not leave does not count.
  if (!(outcome.error instanceof ContiguityError && outcome.error.mayHaveBeenSent)) s.agentBudget.giveBack();
  return { ok: false, reason: `not sent: ${outcome.error.message}` };
}

function rulesOf(settings: Settings): PagerRules {
  return {
    minDurationSeconds: settings.notifyMinDurationSeconds,
    onlyWhenUnfocused: settings.notifyOnlyWhenUnfocused,
    quietHours: quietRanges(settings),
    approvals: settings.agentHooksApprovals,
    awaySeconds: settings.agentHooksAwaySeconds,
    approvalTimeoutSeconds: settings.agentHooksApprovalTimeoutSeconds,
  };
}

/** The repository as the user knows it: the workspace folder that holds the agent's directory, else that directory's name. */
function placeFor(cwd: string): string {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(cwd))?.name ?? placeOf(cwd);
}

function ask(reason: string): Decision {
  return { kind: 'ask', reason: askReason(reason) };
}

/** What the agent shows the user when it asks them itself. */
function askReason(reason: string): string {
  return `Not answered by iMessage (${reason}): decide here.`;
}

/** One log line per event, redacted, and the decision. */
function said(s: Services, label: string, decision: Decision, what: string): Decision {
  s.log.info(redact(`Agent hook ${label}: ${what} → ${decision.kind}.`));
  return decision;
}
