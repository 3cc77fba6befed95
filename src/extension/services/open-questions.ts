// The questions this window has open by text, from agent hooks and from imessage_ask, answered
// from the user's own thread. Which message answers which question is core/agent-hooks/questions.ts;
// here the thread of each open question is watched (polled) only while one waits on it, and a
// reply that could answer several gets the one "which one?" text, to the user's own thread only.
// Other windows' open questions are seen through files (core/agent-hooks/question-files.ts).
import * as vscode from 'vscode';
import { channelDir } from '../../core/agent-hooks/channel-protocol';
import { QuestionFiles } from '../../core/agent-hooks/question-files';
import { QuestionBook, type Answer, type Opened, type QuestionKind } from '../../core/agent-hooks/questions';
import { whichQuestionText } from '../../core/agent-hooks/texts';
import { redact } from '../../core/redact';
import { threadKey, type Conversations, type ThreadSpec } from './conversations';
import type { Log } from './log';
import type { Sender } from './sender';

/** ≈ 30 history reads a minute, only while a question waits: an agent is blocked on the answer. */
export const QUESTION_POLL_MS = 2_000;

export type Waited = { kind: 'answer'; answer: Answer } | { kind: 'timeout' } | { kind: 'cancelled' };

export interface OpenQuestion extends Opened {
  /** The question's text went out (as the send reports it): from now on a reply after it in that thread can answer it. */
  sent(sent: { to: string; from?: string | null; messageId?: string; text: string }): void;
  /** The answer, or why there is none; the question is closed once this settles. */
  answer(timeoutMs: number, signal: AbortSignal): Promise<Waited>;
  /** Closes it unanswered (nothing was sent after all). */
  close(): void;
}

export interface OpenQuestionsDeps {
  conversations: () => Conversations;
  sender: Pick<Sender, 'send'>;
  log: Log;
}

export class OpenQuestions implements vscode.Disposable {
  private readonly files = new QuestionFiles(channelDir());
  private readonly book = new QuestionBook(Math.random, () => this.files.foreignCodes());
  private readonly answered = new Map<string, (answer: Answer) => void>();
  /** Answers found before anyone waited for them. */
  private readonly early = new Map<string, Answer>();
  private readonly watching = new Map<string, { spec: ThreadSpec; stop: vscode.Disposable }>();

  constructor(private readonly deps: OpenQuestionsDeps) {}

  get size(): number {
    return this.book.size;
  }

  open(kind: QuestionKind): OpenQuestion {
    const opened = this.book.openQuestion(kind);
    this.files.add(opened.id, opened.code);
    const close = () => {
      this.files.remove(opened.id);
      this.book.close(opened.id);
      this.answered.delete(opened.id);
      this.early.delete(opened.id);
      this.unwatchIdle();
    };
    return {
      ...opened,
      sent: (sent) => {
        const spec: ThreadSpec = { to: sent.to, ...(sent.from ? { from: sent.from } : {}) };
        const key = threadKey(spec);
        this.book.sent(opened.id, { thread: key, text: sent.text, at: Date.now(), messageId: sent.messageId });
        this.watch(key, spec);
      },
      answer: (timeoutMs, signal) =>
        new Promise<Waited>((resolve) => {
          const done = (waited: Waited) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', cancel);
            close();
            resolve(waited);
          };
          const cancel = () => done({ kind: 'cancelled' });
          const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
          signal.addEventListener('abort', cancel, { once: true });
          this.answered.set(opened.id, (answer) => done({ kind: 'answer', answer }));
          const early = this.early.get(opened.id);
          if (early) done({ kind: 'answer', answer: early });
          else if (signal.aborted) cancel();
          // A reply may already be in the thread (it arrived before anyone waited).
          else for (const key of this.watching.keys()) this.read(key);
        }),
      close,
    };
  }

  dispose() {
    this.book.ids().forEach((id) => this.files.remove(id));
    this.watching.forEach((w) => w.stop.dispose());
    this.watching.clear();
  }

  private watch(key: string, spec: ThreadSpec) {
    if (this.watching.has(key)) return;
    const conversations = this.deps.conversations();
    const stop = vscode.Disposable.from(
      conversations.onDidChange((changed) => changed === key && this.read(key)),
      conversations.watch(key, spec, { intervalMs: QUESTION_POLL_MS }),
    );
    this.watching.set(key, { spec, stop });
  }

  private unwatchIdle() {
    const busy = new Set(this.book.threads());
    for (const [key, w] of this.watching) {
      if (busy.has(key)) continue;
      w.stop.dispose();
      this.watching.delete(key);
    }
  }

  private read(key: string) {
    const w = this.watching.get(key);
    const bubbles = this.deps.conversations().thread(key)?.thread.bubbles;
    if (!w || !bubbles) return;
    const reading = this.book.readThread(key, bubbles, w.spec.to);
    for (const { id, answer } of reading.answers) {
      this.deps.log.info(`Question ${id}: answered (${answer.kind}).`);
      const waiter = this.answered.get(id);
      if (waiter) waiter(answer);
      else this.early.set(id, answer);
    }
    if (reading.ambiguous) void this.tellWhich(w.spec, whichQuestionText(reading.ambiguous));
  }

  /** The user's reply fits several questions: say which codes to use (to their own thread, the one the reply came in). */
  private async tellWhich(spec: ThreadSpec, message: string) {
    this.deps.log.info(`A reply could answer several open questions: asking which (${redact(message.split('\n')[0] ?? '')}).`);
    await this.deps.sender.send({ to: spec.to, ...(spec.from ? { from: spec.from } : {}), message }, { source: 'agent.which-question' });
  }
}
