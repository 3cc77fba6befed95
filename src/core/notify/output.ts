// The last lines a command printed, cleaned for a text message: terminal escape sequences
// removed, carriage-return overwrites (progress bars) collapsed, blank lines trimmed.

export const OUTPUT_LINES = 5;
export const OUTPUT_CHARS = 400;

// CSI (colours, cursor moves), OSC (titles, shell-integration marks; ended by BEL or ST), and
// the remaining two-character escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function cleanTerminalText(raw: string): string {
  return raw
    .replace(ESCAPES, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      // What a terminal shows after "\r" overwrote the line: the last segment (a progress bar's final state).
      const segments = line.split('\r').filter((s) => s !== '');
      return (segments.at(-1) ?? '').replace(CONTROL, '').trimEnd();
    })
    .join('\n');
}

/** The last `lines` non-empty-ended lines of `raw`, at most `chars` characters (cut at the start). */
export function outputTail(raw: string, lines = OUTPUT_LINES, chars = OUTPUT_CHARS): string {
  const all = cleanTerminalText(raw).split('\n');
  while (all.length && all.at(-1)!.trim() === '') all.pop();
  let tail = all.slice(-lines);
  while (tail.length && tail[0]!.trim() === '') tail = tail.slice(1);
  const text = tail.join('\n');
  return text.length <= chars ? text : `…${text.slice(text.length - chars + 1)}`;
}

/**
 * Keeps only the end of a stream of output, so a command that prints for hours costs a bounded
 * amount of memory. Holds `limit` characters: far more than the tail needs, so that escape
 * sequences cut at the boundary cannot eat the lines that matter.
 */
export class OutputTail {
  private text = '';

  constructor(private readonly limit = 16_384) {}

  push(chunk: string) {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }

  tail(lines = OUTPUT_LINES, chars = OUTPUT_CHARS): string {
    return outputTail(this.text.slice(-this.limit), lines, chars);
  }
}
