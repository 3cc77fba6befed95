// Sizes the extension enforces before anything is sent, with the reason for each number.

/**
 * The longest message we send, in UTF-16 code units (what JavaScript, the webview and zod count; an
 * emoji counts 2). Contiguity documents no limit. 10 000 is far beyond any text a person reads on a
 * phone (a dense A4 page is about 3 500), yet it stops the real accident: a pasted log or a whole
 * file. It also bounds what an SMS fallback can cost: 10 000 characters are 66 GSM-7 or 150 UCS-2
 * segments, each billed.
 */
export const MAX_MESSAGE_CHARS = 10_000;

/**
 * The longest message the compose panel keeps as a draft. Larger than what can be sent, so a
 * too-long draft is kept and marked instead of being dropped; well under VS Code's limit for one
 * webview message.
 */
export const MAX_DRAFT_CHARS = 1_000_000;

/**
 * How deep a payload file's JSON may nest. The deepest valid request is 3 levels (the object,
 * `fallback`, `fallback.when`); 32 leaves room for any mistake worth a precise diagnostic, and
 * refusing deeper text before parsing means no parser, printer or schema ever recurses on it.
 */
export const MAX_PAYLOAD_DEPTH = 32;

/**
 * The most bytes of one API response we read, counted after decompression (a 611 KB gzip body can
 * inflate to 600 MB). The largest honest answer is a history page: 200 messages (the API's limit).
 * A message at our 10 000-character limit is at most 60 KB of JSON even with every character sent as
 * a \uXXXX escape, and its metadata (10 attachment URLs, delivery, tracking) a few KB more, so a full
 * page stays under 13 MB; every other answer is a few KB. 16 MiB keeps that margin, and the memory a
 * hostile server can make us hold stays bounded by it (the text, once decoded, at most twice as much).
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Characters that must never be inside a URL we send as written: whitespace, controls, invisible format characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const URL_FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/u;

/** "a line break (U+000A) at position 12": where a forbidden character is, in words. */
export function describeForbiddenChar(text: string, pattern: RegExp = URL_FORBIDDEN): string | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const ch = match[0];
  const code = ch.codePointAt(0)!;
  const name =
    ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029'
      ? 'a line break'
      : ch === ' ' || ch === '\u00a0'
        ? 'a space'
        : ch === '\t'
          ? 'a tab'
          : code === 0
            ? 'a NUL character'
            : code > 0x7f
              ? 'an invisible or non-ASCII character'
              : 'a control character';
  return `${name} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${match.index + 1}`;
}
