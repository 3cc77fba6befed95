// ~/.claude/settings.json: our entries merged into `hooks.<Event>`, every other key, hook, comment
// and the file's layout kept: the text is edited in place at offsets from jsonc-parser's tree.
// (Not jsonc-parser's modify(): 3.3.1 cuts a last array item short, `[{…},{…}]` → `[{…}}]`, and
// its formatter would double this feature's size in the .vsix.) Shape, from the Claude Code hooks
// reference ("Configuration"): `{ "hooks": { "<Event>": [ { "matcher"?, "hooks": [ { "type":
// "command", "command", "timeout" } ] } ] } }`. Ours are recognised by the command (isOurCommand).
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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
  let next = removed.text!;
  for (const e of entries) {
    const group = { ...(e.matcher ? { matcher: e.matcher } : {}), hooks: [{ type: 'command', command: e.command, timeout: e.timeout }] };
    const { root } = readSettings(next, file) as Settings;
    const hooks = findChild(root, 'hooks');
    const list = hooks && findChild(hooks, e.event);
    next = list
      ? append(next, list, 3, group)
      : hooks
        ? append(next, hooks, 2, [e.event, [group]])
        : append(next, root, 1, ['hooks', { [e.event]: [group] }]);
  }
  return { ok: true, text: text === undefined ? `${next.trim()}\n` : next };
}

/** `text` without our hooks (and without the groups and event lists that held only ours); unchanged when it has none. */
export function removeOurs(text: string | undefined, file: string): Edited {
  if (text === undefined) return { ok: true, text };
  let next = text;
  // One cut at a time from a fresh parse: each one moves the offsets after it.
  for (;;) {
    const read = readSettings(next, file);
    if (!read.ok) return read;
    const cut = nextRemoval(read.root);
    if (!cut) return { ok: true, text: next };
    const [container, index] = cut;
    const items = container.children!;
    const item = items[index]!;
    const after = items[index + 1];
    const before = items[index - 1];
    // Up to the next item (taking our comma), else from the end of the one before (taking its comma);
    // an only item takes the blank space around it, when that is all there is (`{ }` → `{}`).
    let from = after || !before ? item.offset : before.offset + before.length;
    let to = after ? after.offset : item.offset + item.length;
    if (!after && !before) {
      const open = container.offset + 1;
      const close = container.offset + container.length - 1;
      if (!next.slice(open, from).trim() && !next.slice(to, close).replace(',', '').trim()) [from, to] = [open, close];
    }
    next = next.slice(0, from) + next.slice(to);
  }
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

/** The next thing to take out, as [container, index]: a group of only our hooks (with the lists it empties), or one of ours in a shared group. */
function nextRemoval(root: Node): [Node, number] | undefined {
  const hooks = findChild(root, 'hooks');
  for (const [l, list] of (hooks?.children ?? []).entries()) {
    const groups = list.children![1]!;
    for (const [g, group] of (groups.children ?? []).entries()) {
      const commands = findChild(group, 'hooks');
      const mine = (commands?.children ?? []).map((c) => isOurCommand(findChild(c, 'command')?.value));
      if (mine.length && mine.every(Boolean)) {
        if (groups.children!.length > 1) return [groups, g];
        return hooks!.children!.length > 1 ? [hooks!, l] : [root, root.children!.indexOf(hooks!.parent!)];
      }
      if (mine.includes(true)) return [commands!, mine.indexOf(true)];
    }
  }
  return undefined;
}

/** `text` with `value` (an array item, or a [key, value] member of an object) added at the end of `container`, indented at `depth`. */
function append(text: string, container: Node, depth: number, value: unknown): string {
  const { unit, eol } = layout(text);
  const pad = (d: number) => eol + unit.repeat(d);
  const json = (v: unknown) => JSON.stringify(v, null, unit).replaceAll('\n', pad(depth));
  const member =
    container.type === 'array'
      ? json(value)
      : `${JSON.stringify((value as [string, unknown])[0])}: ${json((value as [string, unknown])[1])}`;
  const last = container.children?.at(-1);
  if (last) {
    const at = last.offset + last.length;
    return `${text.slice(0, at)},${pad(depth)}${member}${text.slice(at)}`;
  }
  const inside = container.offset + 1;
  const close = container.offset + container.length - 1;
  return `${text.slice(0, inside)}${pad(depth)}${member}${pad(depth - 1)}${text.slice(close)}`;
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
function layout(text: string): { unit: string; eol: string } {
  return { unit: /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
