/** Character classes and the flanking rules that decide whether a marker run may open or close. */
const OTHER = 0;
const WHITESPACE = 1;
const PUNCTUATION = 2;

export const CAN_OPEN = 1;
export const CAN_CLOSE = 2;

const ASCII_CLASS = new Uint8Array(128);
for (const c of '\t\n\f\r ') ASCII_CLASS[c.charCodeAt(0)] = WHITESPACE;
for (const c of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') ASCII_CLASS[c.charCodeAt(0)] = PUNCTUATION;

// Each is tested against a single code point, so neither can backtrack.
const UNICODE_SPACE = /^\p{Zs}$/u;
// Symbols count as punctuation, so emoji behave like `!` next to a marker.
const UNICODE_PUNCTUATION = /^[\p{P}\p{S}]$/u;

function classify(codePoint: number): number {
  if (codePoint < 128) return ASCII_CLASS[codePoint];
  const ch = String.fromCodePoint(codePoint);
  if (UNICODE_SPACE.test(ch)) return WHITESPACE;
  return UNICODE_PUNCTUATION.test(ch) ? PUNCTUATION : OTHER;
}

/** Class of the code point ending just before `index`; the start of text counts as whitespace. */
function classBefore(text: string, index: number): number {
  if (index <= 0) return WHITESPACE;
  const low = text.charCodeAt(index - 1);
  if (low < 128) return ASCII_CLASS[low];
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return classify(((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
  }
  return classify(low);
}

/** Class of the code point starting at `index`; the end of text counts as whitespace. */
function classAt(text: string, index: number): number {
  if (index >= text.length) return WHITESPACE;
  const c = text.charCodeAt(index);
  return c < 128 ? ASCII_CLASS[c] : classify(text.codePointAt(index) as number);
}

/**
 * CommonMark's left/right-flanking rules for the run [start, end): the start and end of the text
 * count as whitespace. `_` additionally may not open or close inside a word.
 */
export function flanking(text: string, start: number, end: number, underscore: boolean): number {
  const before = classBefore(text, start);
  const after = classAt(text, end);
  const left = after !== WHITESPACE && (after !== PUNCTUATION || before !== OTHER);
  const right = before !== WHITESPACE && (before !== PUNCTUATION || after !== OTHER);
  const open = left && (!underscore || !right || before === PUNCTUATION);
  const close = right && (!underscore || !left || after === PUNCTUATION);
  return (open ? CAN_OPEN : 0) | (close ? CAN_CLOSE : 0);
}
