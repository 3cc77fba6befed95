// Checks a payload file's text and says where each problem is, as offsets into the text: JSON
// syntax (with line and column), the request contract, and in legacy mode what the legacy API
// cannot carry. jsonc-parser gives the node for each JSON path, so a problem marks the exact value.
import { findNodeAtLocation, type Node, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { ValidationError } from '../client/errors';
import { toLegacyRequest } from '../client/legacy';
import type { ApiVersion } from '../client/request';
import { fieldName, sendIMessageRequest } from '../schema';
import { duplicateKeyProblems, nestingProblem } from './json-guard';

export interface PayloadProblem {
  /** "attachments[1]", "fallback.when", or "" for the document itself. */
  field: string;
  message: string;
  offset: number;
  length: number;
}

export type PayloadCheck = { ok: true; value: Record<string, unknown> } | { ok: false; syntax: boolean; problems: PayloadProblem[] };

export function checkPayload(text: string, version: ApiVersion): PayloadCheck {
  const where = (offset: number) => {
    const { line, column } = lineColumn(text, offset);
    return `line ${line}, column ${column}`;
  };
  // Before any parser sees it: jsonc-parser and JSON.parse recurse, and deep nesting overflows them.
  const deep = nestingProblem(text, where);
  if (deep) return { ok: false, syntax: true, problems: [deep] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length || !root) {
    if (!errors.length) {
      return { ok: false, syntax: true, problems: [{ field: '', message: 'Not valid JSON: the document is empty', offset: 0, length: 1 }] };
    }
    const problems = errors.map((e) => {
      const { line, column } = lineColumn(text, e.offset);
      const what = printParseErrorCode(e.error)
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase();
      return {
        field: '',
        message: `Not valid JSON: ${what} at line ${line}, column ${column}`,
        offset: e.offset,
        length: Math.max(e.length, 1),
      };
    });
    return { ok: false, syntax: true, problems };
  }
  // Which of two values is sent depends on the parser: ambiguous, so never sent, even unchecked.
  const duplicates = duplicateKeyProblems(root, where);
  if (duplicates.length) return { ok: false, syntax: true, problems: duplicates };
  if (root.type !== 'object') {
    return {
      ok: false,
      syntax: false,
      problems: [{ field: '', message: 'A payload must be a JSON object with the /send/imessage fields', ...span(root) }],
    };
  }
  const value = JSON.parse(text) as Record<string, unknown>;
  const parsed = sendIMessageRequest.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): PayloadProblem[] => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => {
          const path = [...issue.path, key] as (string | number)[];
          const property = findNodeAtLocation(root, path)?.parent;
          const keyNode = property?.children?.[0] ?? nearest(root, path);
          return { field: fieldName(path), message: `${fieldName(path)} is not a field of the send request`, ...span(keyNode) };
        });
      }
      const path = issue.path as (string | number)[];
      const node = findNodeAtLocation(root, path);
      const missing = node === undefined;
      const message = missing ? `${fieldName(path)} is required` : `${fieldName(path)} ${issue.message}`;
      return [
        {
          field: fieldName(path),
          message: issue.code === 'custom' ? `${fieldName(path)} ${issue.message}` : message,
          ...span(node ?? nearest(root, path)),
        },
      ];
    });
    return { ok: false, syntax: false, problems };
  }
  if (version === 'legacy') {
    try {
      toLegacyRequest(parsed.data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const path = pathOf(error.field);
      return {
        ok: false,
        syntax: false,
        problems: [{ field: error.field, message: error.message, ...span(findNodeAtLocation(root, path) ?? nearest(root, path)) }],
      };
    }
  }
  return { ok: true, value };
}

/** Where a missing value would go: its closest ancestor that exists (its object's opening brace). */
function nearest(root: Node, path: (string | number)[]): Node {
  for (let n = path.length - 1; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node.type === 'object' || node.type === 'array' ? { ...node, length: 1 } : node;
  }
  return { ...root, length: 1 };
}

function span(node: Node): { offset: number; length: number } {
  return { offset: node.offset, length: Math.max(node.length, 1) };
}

/** "fallback.when" / "attachments[2]" back to a JSON path. */
export function pathOf(field: string): (string | number)[] {
  return field
    .split('.')
    .flatMap((part) => part.split(/\[(\d+)\]/).filter((p) => p !== ''))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
