// Which settings only the user may set, and finding a workspace's attempts to set them anyway.
// Every `imessage.*` setting is user-only (package.json gives each `"scope": "application"`): each
// one decides where the token goes, who gets a message, what is sent, or when automatic texts go.
// README "Security" gives the reason per setting.
import { parse, type ParseError } from 'jsonc-parser';
import { MAX_PAYLOAD_DEPTH } from './limits';
import { nestingProblem } from './payload/json-guard';
import { SETTING_IDS } from './settings';

export const PROTECTED_SETTINGS: readonly string[] = Object.values(SETTING_IDS);

const PROTECTED = new Set(PROTECTED_SETTINGS);

export type SettingsFileKind = 'folder' | 'workspace';

/**
 * The protected settings a settings file tries to set, in file order: `.vscode/settings.json`
 * (kind `folder`) or a `.code-workspace` file (its `settings` object). Dotted keys, nested objects
 * (`"imessage": { "api": { … } }`) and language blocks (`"[json]": { … }`) all count. Unreadable
 * text (broken or absurdly nested JSON) yields what could be read: nothing is ever thrown.
 */
export function protectedSettingsIn(text: string, kind: SettingsFileKind): string[] {
  if (nestingProblem(text, () => '')) return [];
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const settings = kind === 'workspace' ? (isObject(root) ? root.settings : undefined) : root;
  if (!isObject(settings)) return [];
  const found: string[] = [];
  const visit = (value: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, child] of Object.entries(value)) {
      if (depth === 0 && /^\[.*\]$/.test(key)) {
        if (isObject(child)) visit(child, '', 1);
        continue;
      }
      const id = prefix ? `${prefix}.${key}` : key;
      if (PROTECTED.has(id)) {
        if (!found.includes(id)) found.push(id);
      } else if (isObject(child) && depth < MAX_PAYLOAD_DEPTH && [...PROTECTED].some((p) => p.startsWith(`${id}.`))) {
        visit(child, id, depth + 1);
      }
    }
  };
  visit(settings, '', 0);
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
