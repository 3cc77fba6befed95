// Waiting for the user's answer to imessage_ask, through the conversations service: the thread is
// watched (polled) only while the tool waits. The answer is the first message from the user after
// the question in the thread's order, so it does not matter whether it arrived before or after
// the first poll, and older messages are never taken for it.
import * as vscode from 'vscode';
import { answerAfter } from '../../../core/agent/tools';
import { threadKey } from '../../services/conversations';
import type { Services } from '../../services';

/** ≈ 30 history reads a minute, for at most imessage.agent.askMaxTimeoutSeconds. */
const ASK_POLL_MS = 2_000;

export type Reply = { kind: 'reply'; text: string } | { kind: 'timeout' } | { kind: 'cancelled' };

export interface Question {
  to: string;
  /** Our number, when the send named one; else the service learns it. */
  from?: string;
  /** The question's message id, to find it in the thread. */
  after?: string;
}

export function waitForReply(s: Services, q: Question, timeoutMs: number, token: vscode.CancellationToken): Promise<Reply> {
  const conversations = s.conversations;
  const key = threadKey({ to: q.to, ...(q.from ? { from: q.from } : {}) });
  return new Promise<Reply>((resolve) => {
    const done = (reply: Reply) => {
      disposables.forEach((d) => d.dispose());
      clearTimeout(timer);
      resolve(reply);
    };
    const check = () => {
      const text = answerAfter(conversations.thread(key)?.thread.bubbles ?? [], q.after);
      if (text !== undefined) done({ kind: 'reply', text });
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    const disposables = [
      conversations.onDidChange((changed) => changed === key && check()),
      // Should the question not be found in the thread (a send Contiguity reports without an id),
      // the first new message from the user after it is the answer.
      conversations.onDidReceive((m) => {
        if (m.key === key && q.after === undefined) done({ kind: 'reply', text: m.bubble.text });
      }),
      token.onCancellationRequested(() => done({ kind: 'cancelled' })),
      // An agent blocked on the answer: read twice as often as a panel does, only while it waits.
      conversations.watch(key, { to: q.to, ...(q.from ? { from: q.from } : {}) }, { intervalMs: ASK_POLL_MS }),
    ];
    if (token.isCancellationRequested) done({ kind: 'cancelled' });
    else check();
  });
}
