import { emit, type FormatSink } from './events';
import type { FormatTree, Style } from './tree';

const TAG_NAME: Record<Style, string> = { bold: 'b', italic: 'i', strike: 's', underline: 'u' };

const ENTITY: string[] = [];
ENTITY[0x26] = '&amp;';
ENTITY[0x3c] = '&lt;';
ENTITY[0x3e] = '&gt;';
ENTITY[0x22] = '&quot;';
ENTITY[0x27] = '&#39;';

// Long text is pre-scanned natively (several times faster than a charCodeAt loop); short
// text, the common case between markers, is not worth the call.
const NEEDS_ESCAPE = /[&<>"']/g;
const PRESCAN_FROM = 32;

/** Escapes `& < > " '`; safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  let i = 0;
  if (text.length > PRESCAN_FROM) {
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

const codesOf = (text: string): number[] => Array.from(text, (ch) => ch.charCodeAt(0));
const tagCodes = (format: (name: string) => string): Record<Style, number[]> => ({
  bold: codesOf(format(TAG_NAME.bold)),
  italic: codesOf(format(TAG_NAME.italic)),
  strike: codesOf(format(TAG_NAME.strike)),
  underline: codesOf(format(TAG_NAME.underline)),
});
const OPEN_CODES = tagCodes((name) => `<${name}>`);
const CLOSE_CODES = tagCodes((name) => `</${name}>`);
const BREAK_CODES = codesOf('<br>');
const ENTITY_CODES: Array<number[] | undefined> = ENTITY.map((entity) => (entity === undefined ? undefined : codesOf(entity)));

const CHUNK = 4096;
// Shared: rendering is synchronous and never reentered, so one buffer serves every call.
const BUFFER = new Uint16Array(CHUNK);
/** Longer text is appended as a string: copying it through the buffer would cost more. */
const SHORT_TEXT = 16;
const MAX_ENTITY = 6;

/**
 * Tags and short text go through a code-unit buffer that becomes one string every CHUNK units.
 * Markup-dense input makes millions of tiny pieces; kept as separate strings they make the
 * garbage collector the bottleneck, and time per byte roughly doubles from 100 KB to 1 MB.
 */
class HtmlSink implements FormatSink {
  private html = '';
  private readonly buffer = BUFFER;
  private length = 0;

  result(): string {
    this.flush();
    return this.html;
  }

  text(text: string): void {
    if (text.length > SHORT_TEXT) {
      this.flush();
      this.html += escapeHtml(text);
      return;
    }
    if (this.length + text.length * MAX_ENTITY > CHUNK) this.flush();
    const buffer = this.buffer;
    let n = this.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const entity = c <= 0x3e ? ENTITY_CODES[c] : undefined;
      if (entity === undefined) buffer[n++] = c;
      else for (let j = 0; j < entity.length; j++) buffer[n++] = entity[j];
    }
    this.length = n;
  }

  lineBreak(): void {
    this.write(BREAK_CODES);
  }

  open(style: Style): void {
    this.write(OPEN_CODES[style]);
  }

  close(style: Style): void {
    this.write(CLOSE_CODES[style]);
  }

  private write(codes: number[]): void {
    if (this.length + codes.length > CHUNK) this.flush();
    for (let i = 0; i < codes.length; i++) this.buffer[this.length++] = codes[i];
  }

  private flush(): void {
    if (this.length === 0) return;
    // apply() takes any array-like, a typed array included; the cast only satisfies its typing.
    this.html += String.fromCharCode.apply(null, this.buffer.subarray(0, this.length) as unknown as number[]);
    this.length = 0;
  }
}

/** Preview HTML: user text is always escaped; the only markup is `<b> <i> <s> <u> <br>`. */
export function renderHtml(input: string | FormatTree): string {
  const sink = new HtmlSink();
  emit(input, sink);
  return sink.result();
}
