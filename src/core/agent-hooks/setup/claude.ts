// ~/.claude/settings.json: our entries merged into `hooks.<Event>`, every other key, hook, comment
// and the file's layout kept (jsonc-parser edits the text in place). Shape, from the Claude Code
// hooks reference ("Configuration"): `{ "hooks": { "<Event>": [ { "matcher"?, "hooks": [ { "type":
// "command", "command", "timeout" } ] } ] } }`. Ours are recognised by the command (isOurCommand).
import {
  applyEdits,
  type Edit,
  findNodeAtLocation,
  type FormattingOptions,
  modify,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { nestingProblem } from '../../payload/json-guard';
import { type HookEntry, isOurCommand } from './entries';

export type Edited = { ok: true; text: string | undefined } | { ok: false; error: string };

/** `text` (undefined: no file) with exactly `entries` as our hooks; unchanged when it already has them. */
export function applyClaude(text: string | undefined, entries: readonly HookEntry[], file: string): Edited {
  const read = readSettings(text ?? '{}', file);
  if (!read.ok) return read;
  if (sameEntries(ours(read.root), entries)) return { ok: true, text };
  const removed = removeOurs(text ?? '{}', file);
  if (!removed.ok) return removed;
  let next = removed.text ?? '{}';
  const options = { formattingOptions: formatting(text ?? '') };
  for (const e of entries) {
    const group = { ...(e.matcher ? { matcher: e.matcher } : {}), hooks: [{ type: 'command', command: e.command, timeout: e.timeout }] };
    const events = readSettings(next, file);
    if (!events.ok) return events;
    const list = events.root.children && findChild(events.root, 'hooks');
    const existing = list && findChild(list, e.event);
    next = applyEdits(
      next,
      modify(next, existing ? ['hooks', e.event, -1] : ['hooks', e.event], existing ? group : [group], {
        ...options,
        isArrayInsertion: true,
      }),
    );
  }
  return { ok: true, text: text === undefined ? `${next.trim()}\n` : next };
}

/** `text` without our hooks (and without the groups and event lists that held only ours); unchanged when it has none. */
export function removeOurs(text: string | undefined, file: string): Edited {
  if (text === undefined) return { ok: true, text };
  let next = text;
  // One edit at a time from a fresh parse: each removal moves the offsets and indices after it.
  for (;;) {
    const read = readSettings(next, file);
    if (!read.ok) return read;
    const path = nextRemoval(read.root);
    if (!path) return { ok: true, text: next };
    next = applyEdits(next, removal(next, read.root, path));
  }
}

/** The edit that deletes `path`: jsonc-parser 3.3.1 cuts a last array item short (`[{…},{…}]` → `[{…}}]`), so array items are cut here. */
function removal(text: string, root: Node, path: (string | number)[]): Edit[] {
  const index = path.at(-1);
  if (typeof index !== 'number') return modify(text, path, undefined, {});
  const items = findNodeAtLocation(root, path.slice(0, -1))!.children!;
  const item = items[index]!;
  const next = items[index + 1];
  // From the end of the item before (taking its comma), or up to the start of the item after (taking ours).
  const from = next ? item.offset : index > 0 ? items[index - 1]!.offset + items[index - 1]!.length : item.offset;
  const to = next ? next.offset : item.offset + item.length;
  return [{ offset: from, length: to - from, content: '' }];
}

interface Settings {
  ok: true;
  root: Node;
}

function readSettings(text: string, file: string): Settings | { ok: false; error: string } {
  const refuse = (why: string) => ({
    ok: false as const,
    error: `${file}: ${why}. Nothing was changed; fix the file, then run the command again.`,
  });
  if (nestingProblem(text, () => '')) return refuse('nests too deep to be a settings file');
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const { error, offset } = errors[0]!;
    return refuse(`is not valid JSON (${printParseErrorCode(error)} at line ${text.slice(0, offset).split('\n').length})`);
  }
  if (!root || root.type !== 'object') return refuse('is not a JSON object');
  const hooks = findChild(root, 'hooks');
  if (hooks && hooks.type !== 'object') return refuse('"hooks" is not an object');
  for (const list of hooks?.children ?? []) {
    const [key, value] = list.children!;
    if (value!.type !== 'array') return refuse(`"hooks.${String(key!.value)}" is not a list`);
  }
  return { ok: true, root };
}

/** The path of the next thing to take out: a group of only our hooks, one of ours in a shared group, or an event list we emptied. */
function nextRemoval(root: Node): (string | number)[] | undefined {
  const hooks = findChild(root, 'hooks');
  for (const list of hooks?.children ?? []) {
    const event = String(list.children![0]!.value);
    const groups = list.children![1]!.children ?? [];
    for (const [g, group] of groups.entries()) {
      const commands = findChild(group, 'hooks')?.children ?? [];
      const mine = commands.map((c) => isOurCommand(findChild(c, 'command')?.value));
      if (mine.length && mine.every(Boolean)) {
        return groups.length === 1 && hooks!.children!.length === 1
          ? ['hooks']
          : groups.length === 1
            ? ['hooks', event]
            : ['hooks', event, g];
      }
      const one = mine.indexOf(true);
      if (one >= 0) return ['hooks', event, g, 'hooks', one];
    }
  }
  return undefined;
}

function ours(root: Node): Omit<HookEntry, 'powershell'>[] {
  return (findChild(root, 'hooks')?.children ?? []).flatMap((list) =>
    (list.children![1]!.children ?? []).flatMap((group) =>
      (findChild(group, 'hooks')?.children ?? [])
        .filter((c) => isOurCommand(findChild(c, 'command')?.value))
        .map((c) => ({
          event: String(list.children![0]!.value),
          command: findChild(c, 'command')!.value as string,
          timeout: findChild(c, 'timeout')?.value as number,
          matcher: findChild(group, 'matcher')?.value as string | undefined,
        })),
    ),
  );
}

function sameEntries(found: Omit<HookEntry, 'powershell'>[], wanted: readonly HookEntry[]): boolean {
  const key = (e: Omit<HookEntry, 'powershell'>) => JSON.stringify([e.event, e.command, e.timeout, e.matcher ?? null]);
  const wantedKeys = wanted.map(key).sort();
  return (
    found.length === wanted.length &&
    found
      .map(key)
      .sort()
      .every((k, i) => k === wantedKeys[i])
  );
}

function findChild(node: Node, key: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/** The file's own indentation and line ends, so that what we add looks like the rest. */
export function formatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
