// $CODEX_HOME/config.toml: `notify = ["<launcher>", "--agent", "codex"]`, a top-level key (TOML puts
// root keys before the first [table]; openai/codex docs/config.md). Codex runs one notify program,
// so another one already there is never replaced: the user decides.
import { codexNotify, isOurCommand } from './entries';
import type { Edited } from './claude';
import { scanToml } from './toml-scan';

export function applyCodex(text: string | undefined, launcher: string, file: string): Edited {
  const line = `notify = [${codexNotify(launcher).map(tomlString).join(', ')}]${text?.includes('\r\n') ? '\r\n' : '\n'}`;
  const found = findNotify(text ?? '', file);
  if (!found.ok) return found;
  const current = text ?? '';
  if (found.notify) {
    const existing = current.slice(found.notify.start, found.notify.end);
    if (!isOurs(existing)) {
      return {
        ok: false,
        error: `${file} already has a notify program (${existing.trim().slice(0, 200)}). Codex runs only one; remove that line or call our launcher from your program (${launcher} --agent codex <json>), then run the command again. Nothing was changed.`,
      };
    }
    if (existing.trimEnd() === line.trimEnd()) return { ok: true, text };
    return { ok: true, text: current.slice(0, found.notify.start) + line + current.slice(found.notify.end) };
  }
  // After the last root key, else at the top: never between a comment and the [table] it describes.
  const at = found.lastRootKeyEnd ?? 0;
  const before = current.slice(0, at);
  const eol = line.slice(line.lastIndexOf(']') + 1);
  return { ok: true, text: `${before}${before === '' || before.endsWith('\n') ? '' : eol}${line}${current.slice(at)}` };
}

export function removeCodex(text: string | undefined, file: string): Edited {
  if (text === undefined) return { ok: true, text };
  const found = findNotify(text, file);
  if (!found.ok) return found;
  const n = found.notify;
  if (!n || !isOurs(text.slice(n.start, n.end))) return { ok: true, text };
  return { ok: true, text: text.slice(0, n.start) + text.slice(n.end) };
}

function findNotify(text: string, file: string) {
  const scan = scanToml(text);
  if (!scan.ok) {
    return {
      ok: false as const,
      error: `${file} is not TOML this command can edit (${scan.error}). Nothing was changed; fix the file, then run the command again.`,
    };
  }
  return { ok: true as const, notify: scan.keys.find((k) => k.name === 'notify'), lastRootKeyEnd: scan.keys.at(-1)?.end };
}

function isOurs(keyValue: string): boolean {
  // The TOML array as the argv Codex runs: `"…/imessage-hook", "--agent"` reads as `imessage-hook" --agent`.
  return isOurCommand(keyValue.replace(/"\s*,\s*"/g, '" "'));
}

/** A TOML basic string: JSON's escapes are TOML's, but DEL must be escaped too. */
function tomlString(value: string): string {
  return JSON.stringify(value).replaceAll('\u007f', '\\u007F');
}
