// Bold / Italic / Strike / Underline on the message textarea: wrap the selection in markers, or
// unwrap it when it already is. Pure, so it is unit-tested in Node.

export interface MarkerEdit {
  /** Replace [from, to) of the old value with `text`… */
  from: number;
  to: number;
  text: string;
  /** …then select [selectionStart, selectionEnd) of the new value. */
  selectionStart: number;
  selectionEnd: number;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * Markers next to whitespace neither open nor close, and no style crosses a line (FORMATTING.md
 * rules 2 and 6): so spaces at the selection's edges stay outside the markers, and a selection over
 * several lines is wrapped line by line.
 */
export function toggleMarker(value: string, start: number, end: number, marker: string): MarkerEdit {
  let s = Math.min(start, end);
  let e = Math.max(start, end);
  while (s < e && isSpace(value[s])) s++;
  while (e > s && isSpace(value[e - 1])) e--;
  const m = marker.length;
  const ch = marker[0];
  const selected = value.slice(s, e);

  if (!/[\r\n]/.test(selected)) {
    // Already wrapped just outside the selection (and not part of a longer run such as `__` for `_`).
    if (s >= m && value.slice(s - m, s) === marker && value.slice(e, e + m) === marker && value[s - m - 1] !== ch && value[e + m] !== ch) {
      return { from: s - m, to: e + m, text: selected, selectionStart: s - m, selectionEnd: e - m };
    }
    // The selection includes its markers.
    if (
      e - s > 2 * m &&
      selected.startsWith(marker) &&
      selected.endsWith(marker) &&
      selected[m] !== ch &&
      selected[selected.length - m - 1] !== ch
    ) {
      const inner = selected.slice(m, -m);
      return { from: s, to: e, text: inner, selectionStart: s, selectionEnd: s + inner.length };
    }
    const text = marker + selected + marker;
    return { from: s, to: e, text, selectionStart: s + m, selectionEnd: s + m + selected.length };
  }

  const text = selected.replace(/[^\r\n]+/g, (line) => {
    const lead = line.length - line.trimStart().length;
    const trail = line.length - line.trimEnd().length;
    const core = line.trim();
    return core === '' ? line : line.slice(0, lead) + marker + core + marker + line.slice(line.length - trail);
  });
  return { from: s, to: e, text, selectionStart: s, selectionEnd: s + text.length };
}

/** The marker a shortcut stands for: Ctrl/Cmd+B, I, U and Ctrl/Cmd+Shift+X (strike). */
export function shortcutMarker(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): string | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (e.shiftKey) return key === 'x' ? '~~' : undefined;
  return ({ b: '**', i: '_', u: '__' } as Record<string, string>)[key];
}
