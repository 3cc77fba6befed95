import { emit, type FormatSink } from './events';
import type { FormatNode, FormatTree, Style } from './tree';

/**
 * Nodes collect on one shared stack; a style node is created when it closes, taking its children
 * as one exactly-sized slice. Dense markup makes a node every character or two, so this avoids
 * per-node child arrays that grow by push and objects patched after creation.
 */
class TreeBuilder implements FormatSink {
  private readonly nodes: FormatNode[] = [];
  /** For each open style: where its children begin in `nodes`, and where its marker was. */
  private readonly openedAt: number[] = [];
  private readonly openStart: number[] = [];

  text(text: string, start: number): void {
    this.nodes.push({ type: 'text', text, start, end: start + text.length });
  }

  lineBreak(text: string, start: number): void {
    this.nodes.push({ type: 'break', text, start, end: start + text.length });
  }

  open(_style: Style, _marker: string, start: number): void {
    this.openedAt.push(this.nodes.length);
    this.openStart.push(start);
  }

  close(style: Style, marker: string, start: number): void {
    const from = this.openedAt.pop() as number;
    const openStart = this.openStart.pop() as number;
    const children = this.nodes.slice(from);
    this.nodes.length = from;
    this.nodes.push({
      type: 'style',
      style,
      marker,
      open: { start: openStart, end: openStart + marker.length },
      close: { start, end: start + marker.length },
      children,
    });
  }

  finish(): FormatNode[] {
    return this.nodes;
  }
}

export function parse(text: string): FormatTree {
  const builder = new TreeBuilder();
  emit(text, builder);
  return { type: 'root', source: text, children: builder.finish() };
}
