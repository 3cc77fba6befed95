// What "iMessage: Set Up Agent Notifications…" writes for each agent: which of the agent's events
// each choice maps to, the entry's timeout, and the command line that runs the launcher. The
// merges (claude.ts, copilot.ts, codex.ts) only place these entries; every fact they rest on is here.
//
// Which files each agent reads for the user (sources checked December 2026):
// - Claude Code: ~/.claude/settings.json, `hooks.<Event>` → matcher groups → `hooks` entries
//   (https://code.claude.com/docs/en/hooks, "Configuration").
// - Copilot CLI: every ~/.copilot/hooks/*.json (`$COPILOT_HOME/hooks`), `{ version: 1, hooks: {
//   <event>: [{ type, bash, powershell, timeoutSec }] } }`; camelCase events get camelCase input,
//   PascalCase ones the "VS Code compatible" snake_case input (github/docs
//   content/copilot/reference/hooks-reference.md, "Hooks locations", "Hook event input payloads").
//   It does not read ~/.claude/settings.json (only a repository's .claude/settings.json).
// - VS Code (Local agent): ~/.copilot/hooks and ~/.claude/settings.json (microsoft/vscode
//   promptFileLocations.ts DEFAULT_HOOK_FILE_PATHS); Claude-format files only when
//   `chat.useClaudeHooks` is on (off by default); Copilot files with their camelCase events renamed
//   to PascalCase (`agentStop` becomes `AgentStop`, which VS Code does not fire) and matchers ignored
//   (microsoft/vscode-docs docs/agent-customization/hooks.md, "How does VS Code handle …").
// - Codex: `notify` in $CODEX_HOME/config.toml (default ~/.codex), one program, the JSON appended as
//   its last argument (openai/codex docs/config.md, "notify").
//
// So one agent event can reach several of our entries (VS Code runs Claude's and Copilot's user
// hooks too). Each entry names its agent (`--agent`), and the input's own shape names the agent that
// ran it (formats.ts): the window acts on an input only when the two agree, so every event is handled
// by exactly one entry (test/unit/agent-hooks/setup/once.test.ts walks every agent and event).
import { CLAUDE, COPILOT_CAMEL, type Dialect } from '../dialects';

export const SETUP_AGENTS = ['claude', 'copilot-cli', 'vscode', 'codex'] as const;
export type SetupAgent = (typeof SETUP_AGENTS)[number];

/** finished: the agent ended its turn; waiting: it waits for the user; approvals: a tool call waits for Y/N by iMessage. */
export const SETUP_EVENTS = ['finished', 'waiting', 'approvals'] as const;
export type SetupEvent = (typeof SETUP_EVENTS)[number];

/** Seconds an entry gives the hook: an approval waits for the reply; the rest only hand the event over. */
export const APPROVAL_TIMEOUT_SECONDS = 300;
export const SHORT_TIMEOUT_SECONDS = 30;

export interface EventEntry {
  /** The agent's own event name, as configured. */
  event: string;
  timeout: number;
  /** The notification types worth a text (both agents filter `notification_type` with `matcher`). */
  notifications?: Dialect;
}

/**
 * Claude approvals use PermissionRequest, not PreToolUse: it comes only when Claude would show its
 * permission dialog (PreToolUse comes for every tool call, reads included), and no answer leaves
 * that dialog as it was. Copilot CLI's permissionRequest likewise falls through to its own flow
 * when we give no answer, where preToolUse would have to answer "ask" and prompt for calls its
 * rules allow; it also skips reads. VS Code has only PreToolUse.
 */
export const ENTRIES: Record<SetupAgent, Partial<Record<SetupEvent, EventEntry>>> = {
  claude: {
    finished: { event: 'Stop', timeout: SHORT_TIMEOUT_SECONDS },
    waiting: { event: 'Notification', timeout: SHORT_TIMEOUT_SECONDS, notifications: CLAUDE },
    approvals: { event: 'PermissionRequest', timeout: APPROVAL_TIMEOUT_SECONDS },
  },
  'copilot-cli': {
    finished: { event: 'agentStop', timeout: SHORT_TIMEOUT_SECONDS },
    waiting: { event: 'notification', timeout: SHORT_TIMEOUT_SECONDS, notifications: COPILOT_CAMEL },
    approvals: { event: 'permissionRequest', timeout: APPROVAL_TIMEOUT_SECONDS },
  },
  // VS Code has no notification event.
  vscode: {
    finished: { event: 'Stop', timeout: SHORT_TIMEOUT_SECONDS },
    approvals: { event: 'PreToolUse', timeout: APPROVAL_TIMEOUT_SECONDS },
  },
  // Codex calls notify when a turn completes and reads nothing back.
  codex: { finished: { event: 'agent-turn-complete', timeout: 0 } },
};

/** One hook entry to write: the agent's event, the command line and the timeout it was given. */
export interface HookEntry {
  event: string;
  command: string;
  /** PowerShell form, for Copilot CLI's `powershell` field. */
  powershell: string;
  timeout: number;
  /** `notification_type` values, `|`-joined: the agent's own filter (Claude and Copilot CLI call it `matcher`). */
  matcher?: string;
}

/** The entries for `agent` and the chosen events, in SETUP_EVENTS order. */
export function entriesFor(
  agent: SetupAgent,
  events: readonly SetupEvent[],
  launcher: string,
  platform: NodeJS.Platform = process.platform,
): HookEntry[] {
  return SETUP_EVENTS.filter((e) => events.includes(e)).flatMap((chosen) => {
    const spec = ENTRIES[agent][chosen];
    if (!spec || agent === 'codex') return [];
    const args = ['--agent', agent, '--event', spec.event, '--timeout', String(spec.timeout)];
    const entry: HookEntry = {
      event: spec.event,
      command: platform === 'win32' ? `"${launcher}" ${args.join(' ')}` : posixCommand(launcher, args),
      powershell: powershellCommand(launcher, args),
      timeout: spec.timeout,
    };
    if (spec.notifications?.notifications) {
      // With approvals on, the permission prompt is already texted (with Y/N): don't text it twice.
      const types = Object.keys(spec.notifications.notifications).filter(
        (t) => !(events.includes('approvals') && t === 'permission_prompt'),
      );
      entry.matcher = types.join('|');
    }
    return [entry];
  });
}

/** Codex's notify value: the launcher and its arguments; Codex appends its JSON. */
export function codexNotify(launcher: string): string[] {
  return [launcher, '--agent', 'codex'];
}

/** Which agents offer which events (VS Code has no "waiting", Codex only "finished"). */
export function offers(agent: SetupAgent, event: SetupEvent): boolean {
  return ENTRIES[agent][event] !== undefined;
}

/** True for a command line this extension wrote: its launcher's file name followed by `--agent`. */
export function isOurCommand(command: unknown): boolean {
  // The name, not the whole path: VS Code builds and profiles keep the launcher in different
  // folders, and setup from one replaces what another wrote instead of doubling every text.
  return typeof command === 'string' && /imessage-hook(?:\.cmd)?['"]?\s+['"]?--agent['"]?\s/.test(command);
}

/**
 * `'path' args…` for sh/bash: single quotes keep spaces (macOS "Application Support") and `$` literal.
 * Windows gets `"path" args…`, which cmd.exe and Git Bash (Claude Code's shell there) both read; a
 * Windows path cannot hold `"`.
 */
function posixCommand(launcher: string, args: string[]): string {
  return [launcher, ...args].map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

function powershellCommand(launcher: string, args: string[]): string {
  return `& '${launcher.replaceAll("'", "''")}' ${args.join(' ')}`;
}
