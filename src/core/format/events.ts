import * as emphasis from './emphasis';
import { tokenize } from './tokenize';
import type { FormatNode, FormatTree, Style } from './tree';

// Local copies: each use of an imported binding is a getter call under per-file transpilers.
const { BOLD, BREAK, ITALIC, MARK_DOUBLE, MARK_OPENS, MARK_STYLE_BITS, STAR, STRIKE, TILDE, UNDERLINE } = emphasis;

/**
 * Every output (tree, HTML, plain text, markers) is a sink fed the same events in input order,
 * either straight from the text (no tree is built) or by walking a tree. Opens and closes are
 * always properly nested.
 */
export interface FormatSink {
  text(text: string, start: number): void;
  lineBreak(text: string, start: number): void;
  open(style: Style, marker: string, start: number): void;
  close(style: Style, marker: string, start: number): void;
}

const STYLE_NAME: Style[] = [];
STYLE_NAME[BOLD] = 'bold';
STYLE_NAME[ITALIC] = 'italic';
STYLE_NAME[STRIKE] = 'strike';
STYLE_NAME[UNDERLINE] = 'underline';

// A consumed marker is one or two characters of one kind, so it never needs slicing.
function markerText(kind: number, double: boolean): string {
  if (kind === TILDE) return '~~';
  if (kind === STAR) return double ? '**' : '*';
  return double ? '__' : '_';
}

export function emit(input: string | FormatTree, sink: FormatSink): void {
  if (typeof input === 'string') emitText(input, sink);
  else walkTree(input.children, sink);
}

function emitText(source: string, sink: FormatSink): void {
  const matcher = tokenize(source);
  const { marks, paired } = matcher;
  // Literal text is held back until a tag or break forces it out, so it arrives in one piece.
  let textStart = 0;
  for (let run = 0; run < matcher.runCount; run++) {
    const kind = matcher.runKind(run);
    const start = matcher.runStart(run);
    const end = matcher.runEnd(run);
    if (kind === BREAK) {
      if (start > textStart) sink.text(source.slice(textStart, start), textStart);
      sink.lineBreak(source.slice(start, end), start);
      textStart = end;
      continue;
    }
    if (!paired) continue;
    for (let i = start; i < end;) {
      const mark = marks[i];
      if (mark === 0) {
        i++;
        continue;
      }
      if (i > textStart) sink.text(source.slice(textStart, i), textStart);
      const double = (mark & MARK_DOUBLE) !== 0;
      const style = STYLE_NAME[mark & MARK_STYLE_BITS];
      if (mark & MARK_OPENS) sink.open(style, markerText(kind, double), i);
      else sink.close(style, markerText(kind, double), i);
      i += double ? 2 : 1;
      textStart = i;
    }
  }
  if (source.length > textStart) sink.text(source.slice(textStart), textStart);
}

/** Iterative, because pathological input nests tens of thousands of levels deep. */
function walkTree(children: FormatNode[], sink: FormatSink): void {
  const lists: FormatNode[][] = [children];
  const indexes: number[] = [0];
  while (lists.length > 0) {
    const depth = lists.length - 1;
    const list = lists[depth];
    const i = indexes[depth]++;
    if (i >= list.length) {
      lists.pop();
      indexes.pop();
      if (depth > 0) {
        const parent = lists[depth - 1][indexes[depth - 1] - 1];
        if (parent.type === 'style') sink.close(parent.style, parent.marker, parent.close.start);
      }
      continue;
    }
    const node = list[i];
    if (node.type === 'text') sink.text(node.text, node.start);
    else if (node.type === 'break') sink.lineBreak(node.text, node.start);
    else {
      sink.open(node.style, node.marker, node.open.start);
      lists.push(node.children);
      indexes.push(0);
    }
  }
}
