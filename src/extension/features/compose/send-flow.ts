// The compose panel's Send: one at a time, a check before a first message that the number has
// iMessage (offering SMS fallback), the send through the shared sender, and the outcome as the
// panel shows it. A retry chosen in the error notification sends outside the panel: shown too.
import * as vscode from 'vscode';
import { ContiguityError, ValidationError } from '../../../core/client/errors';
import { explain } from '../../../core/client/explain';
import { redactedMessage } from '../../../core/redact';
import { says } from '../../../core/untrusted-text';
import type { Draft, HostMessage, SendResultView } from '../../../shared/compose';
import type { Services } from '../../services';
import type { SendOutcome } from '../../services/sender';
import { prompt } from '../../ui/prompts';
import { sendAndShow } from '../../ui/send';
import type { PanelConversation } from './conversation';
import { draftToInput } from './draft';

const WITH_SMS = 'Send with SMS Fallback';
const AS_IMESSAGE = 'Send as iMessage';

/** What the send flow needs from its panel. */
export interface SendFlowPanel {
  readonly conversation: PanelConversation;
  readonly disposed: boolean;
  post(message: HostMessage): void;
  /** The send of `sent` went through: the panel clears it (if still its draft) and refreshes suggestions. */
  sent(sent: Draft): void;
}

export class SendFlow implements vscode.Disposable {
  private sending = false;
  /** The draft as it was when last sent, so a retry from the error notification can clear it too. */
  private lastSent: Draft | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly services: Services,
    private readonly panel: SendFlowPanel,
  ) {
    this.subscription = services.sender.onDidSend((e) => {
      if (e.source === 'compose' && !this.sending && this.lastSent) this.showOutcome(e, this.lastSent);
    });
  }

  async send(draft: Draft) {
    // One send at a time: a second click while the first is in flight must not send twice.
    if (this.sending) return;
    this.sending = true;
    this.lastSent = draft;
    this.panel.post({ type: 'sending' });
    this.panel.conversation.typing(false);
    try {
      const input = await this.checkAvailability(draft);
      if (!input) {
        this.panel.post({ type: 'result', result: { ok: false, message: 'Not sent: cancelled.', mayHaveBeenSent: false } });
        return;
      }
      const outcome = await sendAndShow(this.services, input, { source: 'compose' });
      this.showOutcome(outcome, draft);
    } finally {
      this.sending = false;
    }
  }

  /**
   * Before the first message to a number: does it have iMessage? If not, offer SMS fallback.
   * Resolves with what to send, or undefined when the user cancelled. A failed check sends as typed.
   */
  private async checkAvailability(draft: Draft): Promise<ReturnType<typeof draftToInput> | undefined> {
    const input = draftToInput(draft);
    const conversation = this.panel.conversation;
    const to = conversation.recipient()?.to;
    if (!to || !conversation.isNewThread() || draft.fallbackWhen.includes('imessage_unsupported')) return input;
    if (this.services.config.readIfValid()?.apiVersion !== 'current') return input;
    let available: boolean;
    try {
      available = await this.services.conversations.availability(to);
    } catch (error) {
      this.services.log.warn(`Could not check whether ${to} has iMessage; sending as typed: ${redactedMessage(error)}`);
      return input;
    }
    if (available) return input;
    const choice = await prompt({
      severity: 'warning',
      modal: true,
      message: says`${to} does not have iMessage.`,
      detail: says`Send it by SMS instead (fallback when iMessage is not supported), or try iMessage anyway?`,
      actions: [WITH_SMS, AS_IMESSAGE],
    });
    if (choice === AS_IMESSAGE) return input;
    if (choice !== WITH_SMS) return undefined;
    const when = [...new Set([...(input.fallback?.when ?? []), 'imessage_unsupported' as const])];
    return { ...input, fallback: { ...input.fallback, when } };
  }

  private showOutcome(outcome: SendOutcome, sent: Draft) {
    if (this.panel.disposed) return;
    if (!outcome.ok) {
      this.panel.post({ type: 'result', result: failureView(outcome.error) });
      return;
    }
    const envelope = (
      typeof outcome.result.envelope === 'object' && outcome.result.envelope !== null ? outcome.result.envelope : {}
    ) as Record<string, unknown>;
    const result: SendResultView = {
      ok: true,
      to: outcome.request.to,
      timestamp: typeof envelope.timestamp === 'number' ? envelope.timestamp : Date.now(),
      endpoint: outcome.result.endpoint,
      ...(outcome.result.messageId !== undefined && { messageId: outcome.result.messageId }),
      ...(typeof envelope.api_version === 'string' && { apiVersion: envelope.api_version }),
    };
    this.lastSent = undefined;
    this.panel.sent(sent);
    this.panel.post({ type: 'result', result });
  }

  dispose() {
    this.subscription.dispose();
  }
}

function failureView(error: Error): SendResultView {
  const explanation = explain(error);
  return {
    ok: false,
    message: explanation.message,
    mayHaveBeenSent: error instanceof ContiguityError ? error.mayHaveBeenSent : false,
    ...(error instanceof ValidationError && error.field && !error.field.startsWith('imessage.') && { field: error.field }),
    ...(explanation.agreementUrl !== undefined && { agreementUrl: explanation.agreementUrl }),
  };
}
