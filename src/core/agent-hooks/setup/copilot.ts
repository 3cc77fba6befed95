// Our own files in ~/.copilot/hooks: nothing of the user's is in them, so setup writes them whole
// and removal deletes them.
// - imessage-sender.json, for Copilot CLI: `{ "version": 1, "hooks": { "<event>": [ { "type":
//   "command", "bash", "powershell", "timeoutSec", "matcher"? } ] } }` (github/docs
//   content/copilot/reference/hooks-reference.md, "Command hooks"; `matcher` on notification_type,
//   "notification hook").
// - imessage-sender-vscode.json, for VS Code's agent: VS Code's own shape, `{ "hooks": { "<Event>":
//   [ { "type": "command", "command", "timeout" } ] } }` (microsoft/vscode-docs
//   docs/agent-customization/hooks.md, "Hook configuration format"). VS Code reads ~/.copilot/hooks
//   and Claude-format files only with chat.useClaudeHooks, so this is where its user hooks go.
import type { HookEntry } from './entries';

export const COPILOT_FILE = 'imessage-sender.json';
export const VSCODE_FILE = 'imessage-sender-vscode.json';

export function copilotFile(entries: readonly HookEntry[]): string {
  const hooks = Object.fromEntries(
    entries.map((e) => [
      e.event,
      [{ type: 'command', bash: e.command, powershell: e.powershell, timeoutSec: e.timeout, ...(e.matcher ? { matcher: e.matcher } : {}) }],
    ]),
  );
  return `${JSON.stringify({ version: 1, hooks }, null, 2)}\n`;
}

export function vscodeFile(entries: readonly HookEntry[]): string {
  const hooks = Object.fromEntries(entries.map((e) => [e.event, [{ type: 'command', command: e.command, timeout: e.timeout }]]));
  return `${JSON.stringify({ hooks }, null, 2)}\n`;
}
