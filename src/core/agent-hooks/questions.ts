// The questions open in this window, from agent hooks (approve this tool call?) and from the
// imessage_ask tool (free text), and which one an inbound text answers. One book for both, so a
// reply answers exactly one question: each has a code, shown in its text when another was open,
// and a reply answers
// - the one question asked before it, when only one is open;
// - else the one whose code it carries; a reply that could answer several gets one "which one?"
//   text (per message, never per poll) and answers none;
// - while another window has a question open (`foreign` codes), only with one of this window's codes.
// An approval reply is read by matchReply (a yes that is only a yes, a no with its reason); any
// other reply to it is "unclear" and the agent's own prompt decides. Only messages in the user's
// own thread reach here (the caller reads that thread only), after the question in the thread's
// order, never a quote of an open question, each read once. Pure: the caller owns the threads.
import { matchReply, newCode, quotesQuestion, type OpenQuestion, type ReplyDecision } from './reply';

export type QuestionKind = 'approval' | 'ask';

/** A message of the user's thread, oldest first, as the conversation model gives it. */
export interface ThreadMessage {
  key: string;
  direction: 'in' | 'out';
  text: string;
  at: number;
  messageId?: string;
}

export type Answer =
  /** An approval, answered yes or no. */
  | { kind: 'decision'; decision: ReplyDecision }
  /** An approval, answered with something that is neither yes nor no. */
  | { kind: 'unclear'; text: string }
  /** A free-text question's answer, its code taken out. */
  | { kind: 'text'; text: string };

export interface Opened {
  id: string;
  code: string;
  /** Another question is open: the text must carry the code. */
  withCode: boolean;
}

export interface Reading {
  answers: { id: string; answer: Answer }[];
  /** The questions a reply could have answered, when one could answer several: tell the user which codes to use. */
  ambiguous?: OpenQuestion[];
}

interface Entry {
  kind: QuestionKind;
  question: OpenQuestion;
  /** Set once sent: the thread it went to, and its message id to find it there. */
  thread?: string;
  messageId?: string;
}

/** Inbound messages remembered as read; far more than can arrive while questions are open. */
const MAX_READ = 1_000;

export class QuestionBook {
  private readonly open = new Map<string, Entry>();
  private readonly read = new Set<string>();
  private next = 0;

  constructor(
    private readonly random: () => number = Math.random,
    /** Codes of questions open in other windows (question-files.ts). */
    private readonly foreign: () => readonly string[] = () => [],
  ) {}

  /** Opens a question before its text is written, so that a concurrent one sees it and uses a code. */
  openQuestion(kind: QuestionKind): Opened {
    const others = [...[...this.open.values()].map((e) => e.question.code), ...this.foreign()];
    const id = `q${++this.next}`;
    const code = newCode(others, this.random);
    this.open.set(id, { kind, question: { id, code, text: '', sentAt: Number.POSITIVE_INFINITY } });
    return { id, code, withCode: others.length > 0 };
  }

  /** The question's text went out: from now on replies in `thread` after it can answer it. */
  sent(id: string, sent: { thread: string; text: string; at: number; messageId?: string }): void {
    const e = this.open.get(id);
    if (!e) return;
    e.question = { ...e.question, text: sent.text, sentAt: sent.at };
    e.thread = sent.thread;
    e.messageId = sent.messageId;
  }

  close(id: string): void {
    this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  /** The ids of the open questions. */
  ids(): string[] {
    return [...this.open.keys()];
  }

  /** The threads of questions waiting for a reply. */
  threads(): string[] {
    return [...new Set([...this.open.values()].flatMap((e) => (e.thread === undefined ? [] : [e.thread])))];
  }

  /** Reads `thread`'s messages (the user's own thread, `user` their number): the answers found close their questions. */
  readThread(thread: string, messages: readonly ThreadMessage[], user: string): Reading {
    const reading: Reading = { answers: [] };
    const waiting = [...this.open.values()].filter((e) => e.thread === thread);
    if (waiting.length === 0) return reading;
    const foreign = new Set(this.foreign());
    const position = new Map(waiting.map((e) => [e, e.messageId === undefined ? -1 : messages.findIndex((m) => isQuestion(m, e))]));
    messages.forEach((m, i) => {
      if (m.direction !== 'in' || this.read.has(m.key)) return;
      const asked = waiting.filter((e) => this.open.has(e.question.id) && askedBefore(e, position.get(e)!, m, i));
      if (asked.length === 0) return;
      this.remember(m.key);
      if (quotesQuestion(m.text, this.sentQuestions())) return;
      const target = pick(asked, m.text, foreign);
      if (target === 'ambiguous') {
        reading.ambiguous = asked.map((e) => e.question);
        return;
      }
      const answer = target && answerOf(target, m.text, user);
      if (!target || !answer) return;
      this.open.delete(target.question.id);
      reading.answers.push({ id: target.question.id, answer });
    });
    return reading;
  }

  private sentQuestions(): OpenQuestion[] {
    return [...this.open.values()].filter((e) => e.thread !== undefined).map((e) => e.question);
  }

  private remember(key: string) {
    this.read.add(key);
    if (this.read.size > MAX_READ) this.read.delete(this.read.values().next().value!);
  }
}

function isQuestion(m: ThreadMessage, e: Entry): boolean {
  return m.direction === 'out' && m.messageId === e.messageId;
}

/** After the question in the thread; a question sent without a message id is placed by time. */
function askedBefore(e: Entry, position: number, m: ThreadMessage, index: number): boolean {
  if (e.messageId === undefined) return m.at > e.question.sentAt;
  return position >= 0 && position < index;
}

/**
 * The question a reply answers: the one whose code it carries, else the only one asked. A reply
 * with another window's code is that window's; without a code, while another window has a
 * question open, it is nobody's here (that window does not take it either; the wait runs out).
 */
function pick(asked: readonly Entry[], text: string, foreign: ReadonlySet<string>): Entry | 'ambiguous' | undefined {
  const codes = new Set(codeWords(text, asked).map(([, code]) => code));
  if (codes.size > 1) return 'ambiguous';
  const [code] = codes;
  if (code !== undefined) return asked.find((e) => e.question.code === code);
  if (foreign.size > 0) return undefined;
  return asked.length === 1 ? asked[0] : 'ambiguous';
}

/** The words of `text` that are the code of one of `asked`, with that code. */
function codeWords(text: string, asked: readonly Entry[]): [string, string][] {
  const codes = new Set(asked.map((e) => e.question.code));
  return text
    .split(/\s+/)
    .map((w): [string, string] => [w, bare(w).toUpperCase()])
    .filter(([, c]) => codes.has(c));
}

function answerOf(e: Entry, text: string, user: string): Answer | undefined {
  if (e.kind === 'ask') {
    const words = new Set(codeWords(text, [e]).map(([w]) => w));
    const rest = text
      .split(/(\s+)/)
      .filter((w) => !words.has(w))
      .join('')
      .trim();
    return { kind: 'text', text: rest === '' ? text.trim() : rest };
  }
  // Alone in the list: matchReply reads only the words, the code and the order are settled here.
  const match = matchReply([{ ...e.question, sentAt: 0 }], { from: user, at: 1, text }, user);
  if (match.answered) return { kind: 'decision', decision: match.decision };
  // A code of a question no longer open: a late answer to another question, not to this one.
  if (match.why === 'unknown-code') return undefined;
  return { kind: 'unclear', text };
}

/** A word without the punctuation around it: "(K7R)" → "K7R". */
function bare(word: string): string {
  return word.replace(/^[\p{P}]+|[\p{P}]+$/gu, '');
}
