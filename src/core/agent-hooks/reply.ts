// Which open question an inbound text answers, if any. An approval runs a command on the user's
// machine, so only an unmistakable reply counts: from the user's own number, sent after the
// question, not a quote of it (a forwarded question or an SMS tapback "Liked “…”" carries its whole
// text), a yes that is only a yes, and, when several questions are open, the code of exactly one.
// Anything else is not an answer, and the agent's own prompt decides. Pure: the caller owns the
// thread (only texts in the user's thread with our number reach here) and the clock.

export interface OpenQuestion {
  id: string;
  /** Short code (see newCode), shown in the text when another question was open when it was sent. */
  code: string;
  /** The exact text sent. */
  text: string;
  /** When it was sent, ms since the epoch. */
  sentAt: number;
}

export interface Inbound {
  from: string;
  /** When it was sent, ms since the epoch. */
  at: number;
  text: string;
}

export type ReplyDecision = { kind: 'allow' } | { kind: 'deny'; reason?: string };

export type ReplyMatch =
  | { answered: true; questionId: string; decision: ReplyDecision }
  | {
      answered: false;
      why: 'stranger' | 'no-open-question' | 'quotes-question' | 'not-a-decision' | 'before-question' | 'needs-code' | 'unknown-code';
    };

const ALLOW = new Set(['yes', 'y', 'allow', 'ok', '👍']);
const DENY = new Set(['no', 'n', 'deny', '👎']);

/** Letter, digit, letter without look-alikes (0/O/Q, 1/I/L, 5/S, 8/B) or answer letters (Y, N): "K7R". No word of a reply has that shape. */
const LETTERS = 'ACDEFHJKMPRTWX';
const DIGITS = '234679';
const CODE = new RegExp(`^[${LETTERS}][${DIGITS}][${LETTERS}]$`);

/** A code no open question uses. `random` returns [0, 1), like Math.random. */
export function newCode(taken: Iterable<string>, random: () => number = Math.random): string {
  const used = new Set(taken);
  const pick = (set: string) => set[Math.floor(random() * set.length)]!;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = pick(LETTERS) + pick(DIGITS) + pick(LETTERS);
    if (!used.has(code)) return code;
  }
  throw new Error('no free question code');
}

/** Whether a new question's text must carry its code: another question is open, so a bare "Y" could answer either. */
export function codeNeeded(open: readonly OpenQuestion[]): boolean {
  return open.length > 0;
}

export function matchReply(open: readonly OpenQuestion[], inbound: Inbound, userNumber: string): ReplyMatch {
  if (!sameNumber(inbound.from, userNumber)) return no('stranger');
  if (open.length === 0) return no('no-open-question');
  const text = inbound.text.normalize('NFKC');
  if (quotesQuestion(text, open)) return no('quotes-question');

  const words = text.trim().split(/\s+/).filter(Boolean);
  const codes = new Set(
    words
      .map(bare)
      .filter((w) => CODE.test(w.toUpperCase()))
      .map((w) => w.toUpperCase()),
  );
  const rest = words.filter((w) => !codes.has(bare(w).toUpperCase()));
  const first = rest[0] === undefined ? '' : answerWord(rest[0]);
  const decision: ReplyDecision | undefined = ALLOW.has(first)
    ? // A yes must be only a yes: "yes but not on main" is not an approval.
      rest.length === 1
      ? { kind: 'allow' }
      : undefined
    : DENY.has(first)
      ? denial(rest.slice(1).join(' '))
      : undefined;
  if (!decision || codes.size > 1) return no('not-a-decision');

  const asked = open.filter((q) => q.sentAt < inbound.at);
  if (asked.length === 0) return no('before-question');
  const [code] = codes;
  const question = code === undefined ? (asked.length === 1 ? asked[0] : undefined) : asked.find((q) => q.code === code);
  if (!question) return no(code === undefined ? 'needs-code' : 'unknown-code');
  return { answered: true, questionId: question.id, decision };
}

/** Whether `text` carries the text of one of `questions` (a forward, a tapback "Liked “…”"): never an answer. */
export function quotesQuestion(text: string, questions: readonly Pick<OpenQuestion, 'text'>[]): boolean {
  const flat = quoteForm(text);
  return questions.some((q) => flat.includes(quoteForm(q.text)));
}

function denial(reason: string): ReplyDecision {
  return reason.trim() === '' ? { kind: 'deny' } : { kind: 'deny', reason: reason.trim() };
}

/** A word without the punctuation around it: "Y." → "Y", "(K7R)" → "K7R". */
function bare(word: string): string {
  return word.replace(/^[\p{P}]+|[\p{P}]+$/gu, '');
}

/** The answer a word gives, lower case; a thumb keeps its meaning whatever its skin tone. */
function answerWord(word: string): string {
  return bare(word)
    .replace(/\ufe0f|[\u{1f3fb}-\u{1f3ff}]/gu, '')
    .toLowerCase();
}

/** Text as compared for quoting: case, spacing and quote marks do not hide a quote. */
function quoteForm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”„«»"'‘’`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same number however it is spaced or punctuated; the caller passes E.164 from the settings and the API. */
function sameNumber(a: string, b: string): boolean {
  const plain = (n: string) => n.replace(/[\s().-]/g, '');
  return plain(a) !== '' && plain(a) === plain(b);
}

function no(why: Extract<ReplyMatch, { answered: false }>['why']): ReplyMatch {
  return { answered: false, why };
}
