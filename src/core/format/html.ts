import { emit, type FormatSink } from './events';
import type { FormatTree, Style } from './tree';

const OPEN_TAG: Record<Style, string> = { bold: '<b>', italic: '<i>', strike: '<s>', underline: '<u>' };
const CLOSE_TAG: Record<Style, string> = { bold: '</b>', italic: '</i>', strike: '</s>', underline: '</u>' };

const ENTITY: string[] = [];
ENTITY[0x26] = '&amp;';
ENTITY[0x3c] = '&lt;';
ENTITY[0x3e] = '&gt;';
ENTITY[0x22] = '&quot;';
ENTITY[0x27] = '&#39;';

// Long text is pre-scanned natively (several times faster than a charCodeAt loop); short
// text, the common case between markers, is not worth the call.
const NEEDS_ESCAPE = /[&<>"']/g;
const SHORT = 32;

/** Escapes `& < > " '`; safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  let i = 0;
  if (text.length > SHORT) {
    NEEDS_ESCAPE.lastIndex = 0;
    if (!NEEDS_ESCAPE.test(text)) return text;
    i = NEEDS_ESCAPE.lastIndex - 1;
  }
  let out = '';
  let last = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // All five escaped characters are below 0x3f; one comparison skips most characters.
    if (c <= 0x3e) {
      const entity = ENTITY[c];
      if (entity !== undefined) {
        out += text.slice(last, i) + entity;
        last = i + 1;
      }
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

// `+=` builds a rope that is flattened once; measured faster than collecting parts and joining.
class HtmlSink implements FormatSink {
  html = '';

  text(text: string): void {
    this.html += escapeHtml(text);
  }

  lineBreak(): void {
    this.html += '<br>';
  }

  open(style: Style): void {
    this.html += OPEN_TAG[style];
  }

  close(style: Style): void {
    this.html += CLOSE_TAG[style];
  }
}

/** Preview HTML: user text is always escaped; the only markup is `<b> <i> <s> <u> <br>`. */
export function renderHtml(input: string | FormatTree): string {
  const sink = new HtmlSink();
  emit(input, sink);
  return sink.html;
}
