// Text we did not write (a stranger's iMessage, a server's error, a task or file name, a payload, an
// agent's words), made safe to show: it is displayed, never acted on. `cleanText` makes it plain
// (no terminal escapes or control characters, no invisible or direction-changing characters that
// could hide or reorder what the reader sees, bounded in length); the `for…` functions then escape
// what one kind of VS Code surface would otherwise turn into a link, an icon or markup.
// Pure: it runs in the extension host and in the webview.
/* eslint-disable no-control-regex, no-misleading-character-class -- finding control, escape and invisible characters is the point */

/** Longest outside text any surface shows, in UTF-16 code units, unless the surface asks for less. */
export const MAX_SHOWN_CHARS = 1_000;

export interface CleanOptions {
  /** Cap in UTF-16 code units; a longer text is cut at a character boundary and ends with "…". */
  max?: number;
  /** Keep line breaks (and tabs); otherwise every run of whitespace becomes one space. */
  multiline?: boolean;
}

// Terminal escape sequences, removed whole: CSI (ESC [ or 8-bit 0x9B), OSC (ESC ] … BEL/ST, which
// can carry hyperlinks and window titles), and the two-character escapes.
const ANSI =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;

/**
 * Characters that change the order of what follows (embeddings, overrides, isolates): shown as a
 * visible mark, since they are what makes `invoice_‮gnp.exe` read as "…exe.png".
 */
const DIRECTION: Record<string, string> = {
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};
const DIRECTION_CHARS = /[\u202a-\u202e\u2066-\u2069]/g;

// Controls (C0 but tab and line feed, DEL, C1), direction marks (zero-width, they only move
// neutral characters), invisible formatting (soft hyphen, zero-width space, word joiner,
// invisible operators, BOM, interlinear annotations), and blank "letters" used to fake empty names.
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]/g;
/** Joiners are kept only where they do their job: ZWJ inside an emoji sequence, ZWNJ between letters. */
const ZWJ_OUTSIDE_EMOJI = /(?<!\p{Extended_Pictographic}[\u{1f3fb}-\u{1f3ff}\ufe0f]?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
const ZWNJ_OUTSIDE_WORDS = /(?<!\p{L}\p{M}*)\u200c|\u200c(?!\p{L})/gu;
/** Tag characters spell hidden ASCII (text a reader cannot see but a language model reads); they belong only in flag sequences. */
const TAGS_OUTSIDE_FLAGS = /(?<!\u{1f3f4}[\u{e0020}-\u{e007e}]{0,6})[\u{e0000}-\u{e007f}]/gu;

/** `text` as plain, visible, bounded text: what a person sees is what it says. */
export function cleanText(text: string, options: CleanOptions = {}): string {
  const max = options.max ?? MAX_SHOWN_CHARS;
  // Cleaning only ever shortens text (but for the marks below), so a hostile 100 KB line costs no
  // more than a few times the cap to clean.
  let out = revealText(text.length > max * 4 + 64 ? text.slice(0, max * 4 + 64) : text);
  out = options.multiline ? out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n') : out.replace(/\s+/g, ' ');
  return cap(out.trim(), max);
}

/**
 * `text` with what a reader cannot see taken out (terminal escapes, controls, invisible characters)
 * and what reorders it shown as a mark (`⟨RLO⟩`); line breaks normalised to `\n`, nothing cut.
 * For surfaces that lay out whole messages themselves (the conversation's bubbles).
 */
export function revealText(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ZWJ_OUTSIDE_EMOJI, '')
    .replace(ZWNJ_OUTSIDE_WORDS, '')
    .replace(TAGS_OUTSIDE_FLAGS, '')
    .replace(DIRECTION_CHARS, (c) => `⟨${DIRECTION[c]}⟩`);
}

/** `text` cut to at most `max` code units at a grapheme boundary (an emoji or a flag is never split). */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const limit = Math.max(0, max - 1);
  let end = 0;
  for (const { segment, index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (index + segment.length > limit) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * For notifications and dialogs: VS Code turns `[label](https:…|command:…|file:…)` in a
 * notification into a link (any case, see parseLinkedText in the workbench), and a `command:`
 * link runs a command on one click. A space between `]` and `(` shows the same characters and
 * forms no link. One line: notifications join lines anyway.
 */
export function forNotification(text: string, max = MAX_SHOWN_CHARS): string {
  return cleanText(text, { max }).replace(/\]\s*\(/g, '] (');
}

/**
 * For labels that render `$(icon)` (quick pick items, status bar text, code lens titles): a
 * backslash before `$(` is how VS Code shows it as typed (escapeIcons). One line.
 */
export function forLabel(text: string, max = MAX_SHOWN_CHARS): string {
  return cleanText(text, { max }).replace(/\$\(/g, '\\$(');
}

/**
 * For Markdown (tooltips, hovers): every ASCII punctuation character escaped, which CommonMark
 * shows as typed, so no link, autolink (`https\:\/\/`, `www\.`), HTML, emphasis or icon can form.
 * Line breaks stay, as Markdown hard breaks.
 */
export function forMarkdown(text: string, max = MAX_SHOWN_CHARS): string {
  return cleanText(text, { max, multiline: true })
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .replace(/\n/g, '  \n');
}

/** For a language model: the text as one JSON string, so where the outside words start and end is never in doubt. */
export function forModel(text: string, max = MAX_SHOWN_CHARS): string {
  return JSON.stringify(cleanText(text, { max, multiline: true }));
}

declare const SAID: unique symbol;
/** Notification text whose every outside part went through `forNotification`: the only text the prompts seam takes. */
export type Said = string & { readonly [SAID]: true };

type Tag<T extends string = string> = (literals: TemplateStringsArray, ...values: unknown[]) => T;

/** A template tag: the literal parts are ours and stay as written; every `${value}` is outside text (or may be) and is neutralised. */
function tagged<T extends string>(neutralise: (value: string) => string): Tag<T> {
  return (literals, ...values) => {
    let out = literals[0]!;
    values.forEach((value, i) => (out += edgesKept(String(value), neutralise) + literals[i + 1]!));
    return out as T;
  };
}

/** A value's leading or trailing space is part of the sentence around it (`${prefix}${message}`): one space is kept. */
function edgesKept(value: string, neutralise: (value: string) => string): string {
  const clean = neutralise(value);
  if (!clean) return clean;
  return `${/^\s/.test(value) ? ' ' : ''}${clean}${/\s$/.test(value) ? ' ' : ''}`;
}

/** A notification's or dialog's text: says`iMessage from ${who}: ${text}`. */
export const says: Tag<Said> = tagged(forNotification);
/** A label that renders icons (quick pick, status bar): iconLabel`$(check) ${entry.to}` keeps our icon, shows theirs as typed. */
export const iconLabel: Tag = tagged(forLabel);
/** Markdown for a MarkdownString: markdown`**${name}** finished`. */
export const markdown: Tag = tagged(forMarkdown);
/** Plain one-line text (tree items, titles, placeholders, diagnostics): plain`${name} · ${last}`. */
export const plain: Tag = tagged((value) => cleanText(value));
