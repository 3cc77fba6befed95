import { gsmSeptets } from './gsm7';

let segmenter: Intl.Segmenter | null | undefined;

function graphemeSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  return segmenter;
}

/** Printable ASCII (plus tab and `\n`) is one grapheme per code unit; skip the segmenter then. */
function isSimple(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSimpleCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Characters as a person counts them: grapheme clusters (👨‍👩‍👧 and 🇫🇷 are one each; so is `\r\n`).
 * Only the stretches around non-simple characters go through the segmenter (with one neighbour on
 * each side, since a combining mark joins the letter before it and a prepend mark the one after):
 * the segmenter costs ~5 µs per character, so one emoji in a 10 KB message must not make the
 * whole message pay it on every keystroke of the compose preview.
 */
export function countCharacters(text: string): number {
  if (isSimple(text)) return text.length;
  const seg = graphemeSegmenter();
  // Without Intl.Segmenter, code points are the closest honest approximation.
  if (seg === null) return Array.from(text).length;
  let count = 0;
  let i = 0;
  while (i < text.length) {
    if (isSimpleCode(text.charCodeAt(i))) {
      count++;
      i++;
      continue;
    }
    // A stretch of non-simple characters; stretches two or fewer simple characters apart merge,
    // so the neighbours taken on each side never overlap another stretch.
    let end = i + 1;
    for (;;) {
      while (end < text.length && !isSimpleCode(text.charCodeAt(end))) end++;
      let next = end;
      while (next < text.length && next - end < 3 && isSimpleCode(text.charCodeAt(next))) next++;
      if (next < text.length && next - end < 3 && !isSimpleCode(text.charCodeAt(next))) end = next;
      else break;
    }
    // The simple character before was already counted alone: count the slice without it.
    const from = i > 0 ? i - 1 : i;
    const to = Math.min(end + 1, text.length);
    let inSlice = 0;
    for (const _ of seg.segment(text.slice(from, to))) inSlice++;
    count += inSlice - (from < i ? 1 : 0);
    i = to;
  }
  return count;
}

function isSimpleCode(c: number): boolean {
  return !(c >= 0x7f || (c < 0x20 && c !== 0x0a && c !== 0x09));
}

export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Capacity of each segment: 160/70 for a single SMS, 153/67 once concatenated. */
  perSegment: number;
}

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

function isSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * SMS parts an SMS fallback would cost for `text` exactly as sent (markers included).
 * Parts are packed greedily and, like phones do, an escape sequence or a surrogate pair is
 * never split across two parts, so a part may carry 152 septets or 66 code units.
 */
export function smsSegments(text: string): SmsSegments {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = gsmSeptets(text.charCodeAt(i));
    if (cost === 0) return pack(text, 'UCS-2');
    septets += cost;
  }
  if (septets <= GSM_SINGLE) return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : 1, perSegment: GSM_SINGLE };
  return pack(text, 'GSM-7');
}

function pack(text: string, encoding: SmsSegments['encoding']): SmsSegments {
  const gsm = encoding === 'GSM-7';
  if (!gsm && text.length <= UCS2_SINGLE) {
    return { encoding, units: text.length, segments: 1, perSegment: UCS2_SINGLE };
  }
  const capacity = gsm ? GSM_PART : UCS2_PART;
  let units = 0;
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length;) {
    let cost: number;
    if (gsm) {
      cost = gsmSeptets(text.charCodeAt(i));
      i++;
    } else {
      cost = isSurrogatePair(text, i) ? 2 : 1;
      i += cost;
    }
    if (used + cost > capacity) {
      segments++;
      used = 0;
    }
    used += cost;
    units += cost;
  }
  return { encoding, units, segments, perSegment: capacity };
}
