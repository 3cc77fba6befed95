import * as chars from './chars';
import * as emphasis from './emphasis';

// Local copies: each use of an imported binding is a getter call under per-file transpilers.
const { flanking } = chars;
const { BREAK, EmphasisMatcher, STAR, TILDE, UNDERSCORE } = emphasis;

const KIND = new Uint8Array(128);
KIND[STAR] = STAR;
KIND[UNDERSCORE] = UNDERSCORE;
KIND[TILDE] = TILDE;
KIND[0x0a] = BREAK;
KIND[0x0d] = BREAK;

// The regex engine skips long stretches natively, several times faster than a charCodeAt loop,
// but each call has a fixed cost, so it only takes over once a stretch proves long. Both are
// single character classes: linear, no backtracking.
const JS_LOOKAHEAD = 8;
const NEXT_SPECIAL = /[*_~\n\r]/g;
const REST_OF_RUN: Record<number, RegExp> = { [STAR]: /\**/y, [UNDERSCORE]: /_*/y, [TILDE]: /~*/y };

/** Index of the next char after a run of `c` starting at `i`. */
function runEnd(text: string, i: number, c: number): number {
  const limit = Math.min(text.length, i + JS_LOOKAHEAD);
  let end = i + 1;
  while (end < limit && text.charCodeAt(end) === c) end++;
  if (end < limit || end === text.length) return end;
  const rest = REST_OF_RUN[c];
  rest.lastIndex = end;
  rest.test(text);
  return rest.lastIndex;
}

/**
 * One pass over the text: finds delimiter runs and line breaks and feeds them to the matcher.
 * The matcher is shared scratch space, valid until the next call.
 */
export function tokenize(text: string): emphasis.EmphasisMatcher {
  const n = text.length;
  const matcher = EmphasisMatcher.scratch(n);
  let plain = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? KIND[c] : 0;
    if (kind === 0) {
      if (++plain < JS_LOOKAHEAD) {
        i++;
        continue;
      }
      plain = 0;
      NEXT_SPECIAL.lastIndex = i;
      if (!NEXT_SPECIAL.test(text)) break;
      i = NEXT_SPECIAL.lastIndex - 1;
      continue;
    }
    plain = 0;
    if (kind === BREAK) {
      const end = c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      matcher.addBreak(i, end);
      i = end;
      continue;
    }
    const end = runEnd(text, i, c);
    // Only an exact `~~` is a strike marker; `~`, `~~~`… are always literal.
    const flags = kind === TILDE && end - i !== 2 ? 0 : flanking(text, i, end, kind === UNDERSCORE);
    if (flags !== 0) matcher.addRun(kind, i, end, flags);
    i = end;
  }
  return matcher;
}
