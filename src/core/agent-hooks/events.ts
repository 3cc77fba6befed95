// The one event every agent's hook input becomes, whatever its key case, event names or transport.
// Strings here are as the agent sent them (bounded, never cleaned): texts.ts cleans what it shows.

export const AGENTS = ['vscode', 'claude', 'copilot-cli', 'codex'] as const;
export type Agent = (typeof AGENTS)[number];

/**
 * - started: the user gave the agent work (used to say how long it worked);
 * - finished: the agent ended its turn and handed control back;
 * - waiting: the agent waits for the user (a permission prompt or an idle input box);
 * - permission: the agent asks whether a tool call may run, and reads our answer.
 */
export type HookKind = 'started' | 'finished' | 'waiting' | 'permission';

export interface HookTool {
  /** The agent's tool name (`Bash`, `run_in_terminal`, `bash`, `mcp__github__create_issue`). */
  name: string;
  /** What the call does, for the text: the command line, else the file or URL it touches; '' when none of those. */
  summary: string;
  /** True when `summary` is a command line the tool would run. */
  isCommand: boolean;
}

export interface HookEvent {
  agent: Agent;
  kind: HookKind;
  /** The agent's own event name (`PreToolUse`, `preToolUse`, `PermissionRequest`, `agent-turn-complete`): answers are shaped for it. */
  event: string;
  /** Copilot CLI sends camelCase fields for camelCase events and snake_case ones for PascalCase events. */
  fieldCase?: 'camel' | 'snake';
  /** Absolute working directory of the agent: picks the window, names the repository. */
  cwd: string;
  sessionId?: string;
  tool?: HookTool;
  /** The agent's final message of the turn, when the input carries it (Claude Code Stop, Codex). */
  lastMessage?: string;
  /** Where the agent keeps the conversation, to read the last message from when the input lacks it. */
  transcriptPath?: string;
  /** waiting: what the agent itself says (Claude Code, Copilot CLI `message`). */
  message?: string;
  /** waiting: for a permission answer or for new input. */
  waitingFor?: 'permission' | 'input';
}

export type ParseResult =
  | { result: 'event'; event: HookEvent }
  /** A well-formed input this feature does not act on (another event, another notification type): exit 0, do nothing. */
  | { result: 'ignored'; agent: Agent; event: string; why: string }
  /** Input that is not what the agent documents: says which field and why; nothing is sent. */
  | { result: 'invalid'; error: string };
