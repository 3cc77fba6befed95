// Just enough of TOML (v1.0.0) to edit one top-level key safely: where each top-level `key = value`
// starts and ends (a value may span lines: arrays, inline tables, multi-line strings), and where the
// first table header is. Not a parser: the values are not read. A file whose strings, arrays or
// tables do not close, or with a line that is not a comment, header or `key = value`, is refused,
// so an edit lands only on line boundaries this scan is sure of. (A full parser such as smol-toml
// would add ~4 kB to a .vsix at its budget, for a check of one key.)

export interface TopLevelKey {
  /** The first segment of the key, unquoted (`notify`, `"notify"`, `notify.x` all give `notify`). */
  name: string;
  /** Offset of the line the key starts on. */
  start: number;
  /** Offset just after the value's line, its newline included. */
  end: number;
}

export type TomlScan = { ok: true; keys: TopLevelKey[]; firstTable: number | undefined } | { ok: false; error: string };

export function scanToml(text: string): TomlScan {
  const keys: TopLevelKey[] = [];
  let firstTable: number | undefined;
  let i = 0;
  const line = (at: number) => text.slice(0, at).split('\n').length;
  const fail = (why: string, at: number): TomlScan => ({ ok: false, error: `line ${line(at)}: ${why}` });
  const eol = (from: number) => {
    const n = text.indexOf('\n', from);
    return n < 0 ? text.length : n + 1;
  };
  /** Skips a string starting at `at`; the offset after it, or a failure. */
  const string = (at: number): number | TomlScan => {
    const quote = text[at]!;
    const multi = text.startsWith(quote.repeat(3), at);
    let j = at + (multi ? 3 : 1);
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (quote === '"' && c === '\\') j++;
      else if (!multi && c === '\n') return fail('a string does not end on its line', at);
      else if (multi && text.startsWith(quote.repeat(3), j)) {
        return j + 3 + (text[j + 3] === quote ? 1 : 0) + (text[j + 4] === quote ? 1 : 0);
      } else if (!multi && c === quote) return j + 1;
    }
    return fail('a string does not end', at);
  };

  while (i < text.length) {
    const start = i;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const c = text[i];
    if (c === undefined) break;
    if (c === '\n' || c === '\r' || c === '#') {
      i = eol(i);
      continue;
    }
    if (c === '[') {
      firstTable ??= start;
      const close = text.slice(i, eol(i)).search(/\]\s*(#.*)?\r?\n?$/);
      if (close < 0) return fail('a table header does not close on its line', i);
      i = eol(i);
      continue;
    }
    // A key: bare or quoted segments joined by dots, then `=`.
    let name: string | undefined;
    while (i < text.length && text[i] !== '=') {
      const k = text[i]!;
      if (k === '"' || k === "'") {
        const after = string(i);
        if (typeof after !== 'number') return after;
        name ??= text.slice(i + 1, after - 1);
        i = after;
      } else if (/[\w-]/.test(k)) {
        const bare = /^[\w-]+/.exec(text.slice(i))![0];
        name ??= bare;
        i += bare.length;
      } else if (k === '.' || k === ' ' || k === '\t') i++;
      else return fail('expected `key = value`, a [table] header or a comment', i);
    }
    if (name === undefined || text[i] !== '=') return fail('expected `key = value`, a [table] header or a comment', start);
    i++;
    // The value: up to the end of the line outside strings, arrays and inline tables.
    let depth = 0;
    while (i < text.length) {
      const v = text[i]!;
      if (v === '"' || v === "'") {
        const after = string(i);
        if (typeof after !== 'number') return after;
        i = after;
        continue;
      }
      if (v === '#') {
        i = eol(i) - 1;
        if (text[i] !== '\n') i = text.length;
        continue;
      }
      if (v === '[' || v === '{') depth++;
      else if (v === ']' || v === '}') depth--;
      else if (v === '\n' && depth <= 0) break;
      i++;
    }
    if (depth > 0) return fail(`the value of "${name}" does not close`, start);
    i = eol(i);
    if (firstTable === undefined) keys.push({ name, start, end: i });
  }
  return { ok: true, keys, firstTable };
}
