import { emit, type FormatSink } from './events';
import type { FormatTree } from './tree';

class PlainSink implements FormatSink {
  plain = '';

  text(text: string): void {
    this.plain += text;
  }

  lineBreak(text: string): void {
    this.plain += text;
  }

  open(): void {}

  close(): void {}
}

/** What the recipient reads: the input minus consumed markers; line breaks are kept as typed. */
export function toPlainText(input: string | FormatTree): string {
  const sink = new PlainSink();
  emit(input, sink);
  return sink.plain;
}
