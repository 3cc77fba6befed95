// Payload text that parses but cannot be trusted to mean one thing: keys given twice (which value
// is sent depends on the parser) and nesting deep enough to overflow a recursive parser, printer
// or schema check. Both are found before anything else reads the text.
import type { Node } from 'jsonc-parser';
import { MAX_PAYLOAD_DEPTH } from '../limits';
import { fieldName } from '../schema';
import type { PayloadProblem } from './check';

/** The first place `text` nests deeper than MAX_PAYLOAD_DEPTH, found by one linear scan (no recursion). */
export function nestingProblem(text: string, where: (offset: number) => string): PayloadProblem | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) {
        i++;
      } // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > MAX_PAYLOAD_DEPTH) {
        return {
          field: '',
          message: `The JSON nests deeper than ${MAX_PAYLOAD_DEPTH} levels at ${where(i)}: a payload needs 3`,
          offset: i,
          length: 1,
        };
      }
    } else if (ch === 0x7d || ch === 0x5d) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Every key given more than once in one object: says which value would be sent (the last, as JSON.parse does) and where. */
export function duplicateKeyProblems(root: Node, where: (offset: number) => string): PayloadProblem[] {
  const problems: PayloadProblem[] = [];
  const visit = (node: Node, path: (string | number)[]) => {
    if (node.type === 'object') {
      const byKey = new Map<string, Node[]>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0]?.value as string;
        byKey.set(key, [...(byKey.get(key) ?? []), property]);
      }
      for (const [key, properties] of byKey) {
        const value = properties.at(-1)!.children?.[1];
        if (value) visit(value, [...path, key]);
        if (properties.length < 2) continue;
        const field = fieldName([...path, key]);
        const sent = value ? `${where(value.offset)} (${preview(value)})` : 'the last one';
        for (const ignored of properties.slice(0, -1)) {
          const keyNode = ignored.children![0]!;
          problems.push({
            field,
            message: `${field} is given ${properties.length} times: the value that would be sent is the last one, at ${sent}; the API may read another. Keep one`,
            offset: keyNode.offset,
            length: keyNode.length,
          });
        }
      }
    } else if (node.type === 'array') {
      node.children?.forEach((child, i) => visit(child, [...path, i]));
    }
  };
  visit(root, []);
  return problems;
}

function preview(node: Node): string {
  if (node.type === 'object') return 'an object';
  if (node.type === 'array') return 'an array';
  const text = JSON.stringify(node.value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
