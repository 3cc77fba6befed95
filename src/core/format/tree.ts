/** The four styles Contiguity documents; nothing else is ever produced. */
export type Style = 'bold' | 'italic' | 'strike' | 'underline';

/** A half-open [start, end) range of UTF-16 offsets into the parsed text. */
export interface Span {
  start: number;
  end: number;
}

/** Literal text, exactly as typed (unconsumed markers included). */
export interface TextNode extends Span {
  type: 'text';
  text: string;
}

/** One line break as typed: `\n`, `\r\n` or `\r`. */
export interface BreakNode extends Span {
  type: 'break';
  text: string;
}

export interface StyleNode {
  type: 'style';
  style: Style;
  /** The marker consumed on each side, e.g. `**`. */
  marker: string;
  open: Span;
  close: Span;
  children: FormatNode[];
}

export type FormatNode = TextNode | BreakNode | StyleNode;

export interface FormatTree {
  type: 'root';
  source: string;
  children: FormatNode[];
}

export interface ConsumedMarker {
  marker: string;
  start: number;
  end: number;
  style: Style;
}
