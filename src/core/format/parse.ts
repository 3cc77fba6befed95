import { emit, type FormatSink } from './events';
import type { FormatNode, FormatTree, StyleNode, Style } from './tree';

class TreeBuilder implements FormatSink {
  readonly children: FormatNode[] = [];
  private current = this.children;
  private readonly openNodes: StyleNode[] = [];

  text(text: string, start: number): void {
    this.current.push({ type: 'text', text, start, end: start + text.length });
  }

  lineBreak(text: string, start: number): void {
    this.current.push({ type: 'break', text, start, end: start + text.length });
  }

  open(style: Style, marker: string, start: number): void {
    const node: StyleNode = {
      type: 'style',
      style,
      marker,
      open: { start, end: start + marker.length },
      close: { start: -1, end: -1 },
      children: [],
    };
    this.current.push(node);
    this.openNodes.push(node);
    this.current = node.children;
  }

  close(_style: Style, marker: string, start: number): void {
    const node = this.openNodes.pop() as StyleNode;
    node.close.start = start;
    node.close.end = start + marker.length;
    const parent = this.openNodes[this.openNodes.length - 1];
    this.current = parent === undefined ? this.children : parent.children;
  }
}

export function parse(text: string): FormatTree {
  const builder = new TreeBuilder();
  emit(text, builder);
  return { type: 'root', source: text, children: builder.children };
}
