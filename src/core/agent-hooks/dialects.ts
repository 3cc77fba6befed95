// Each agent's hook input as data: which keys carry what, and which of its events the pager acts on.
// One table instead of one parser per agent, so a new agent (or a renamed key) is a new row. Every
// key and event name here is checked against its source; test/fixtures/agent-hooks holds one input
// per row and event, each naming the section it was copied from.
import type { Agent } from './events';

/** What an event means to the pager: work started or finished, a notification (read its `notification_type`), or a tool call to approve. */
export type EventRule = 'started' | 'finished' | 'notification' | 'tool';

export interface Dialect {
  agent: Agent;
  /** How errors name the input: "Claude Code hook input". */
  label: string;
  keys: {
    /** undefined: the input carries no event name (Copilot CLI's camelCase events); the hook command is told it. */
    event?: string;
    session: string;
    transcript?: string;
    lastMessage?: string;
    toolName: string;
    /** The tool's arguments, first key present wins. */
    toolArgs: readonly string[];
  };
  events: Readonly<Record<string, EventRule>>;
  /** notification_type values worth a text, and what the agent then waits for; others are ignored. */
  notifications?: Readonly<Record<string, 'permission' | 'input'>>;
}

/** https://code.visualstudio.com/docs/agent-customization/hooks (microsoft/vscode-docs docs/agent-customization/hooks.md), "Hook input and output". */
export const VSCODE: Dialect = {
  agent: 'vscode',
  label: 'VS Code hook input',
  keys: { event: 'hookEventName', session: 'sessionId', transcript: 'transcript_path', toolName: 'tool_name', toolArgs: ['tool_input'] },
  // VS Code has no Notification event and no permission-request event: PreToolUse is where it asks.
  events: { UserPromptSubmit: 'started', Stop: 'finished', PreToolUse: 'tool' },
};

/** https://code.claude.com/docs/en/hooks, "Common input fields", "PreToolUse", "PermissionRequest", "Notification", "Stop". */
export const CLAUDE: Dialect = {
  agent: 'claude',
  label: 'Claude Code hook input',
  keys: {
    event: 'hook_event_name',
    session: 'session_id',
    transcript: 'transcript_path',
    lastMessage: 'last_assistant_message',
    toolName: 'tool_name',
    toolArgs: ['tool_input'],
  },
  events: { UserPromptSubmit: 'started', Stop: 'finished', Notification: 'notification', PreToolUse: 'tool', PermissionRequest: 'tool' },
  notifications: {
    permission_prompt: 'permission',
    idle_prompt: 'input',
    elicitation_dialog: 'input',
    elicitation_url_dialog: 'input',
    agent_needs_input: 'input',
  },
};

/**
 * https://docs.github.com/en/copilot/reference/hooks-reference (github/docs content/copilot/reference/hooks-reference.md),
 * "Hook event input payloads": an event configured in camelCase (`preToolUse`) gets camelCase fields
 * and no event name (but `notification`, which sends `hook_event_name`); configured in PascalCase it
 * gets the "VS Code compatible" snake_case fields below.
 */
export const COPILOT_CAMEL: Dialect = {
  agent: 'copilot-cli',
  label: 'Copilot CLI hook input',
  keys: { session: 'sessionId', transcript: 'transcriptPath', toolName: 'toolName', toolArgs: ['toolArgs', 'toolInput'] },
  events: {
    userPromptSubmitted: 'started',
    agentStop: 'finished',
    notification: 'notification',
    preToolUse: 'tool',
    permissionRequest: 'tool',
  },
  // agent_idle and agent_completed are background agents; shell_completed is a background shell.
  notifications: { permission_prompt: 'permission', elicitation_dialog: 'input' },
};

export const COPILOT_SNAKE: Dialect = {
  ...COPILOT_CAMEL,
  keys: { event: 'hook_event_name', session: 'session_id', transcript: 'transcript_path', toolName: 'tool_name', toolArgs: ['tool_input'] },
  events: { UserPromptSubmit: 'started', Stop: 'finished', Notification: 'notification', PreToolUse: 'tool', PermissionRequest: 'tool' },
};

/** https://github.com/openai/codex/blob/main/docs/config.md#notify: one JSON argument, kebab-case keys. */
export const CODEX: Dialect = {
  agent: 'codex',
  label: 'Codex notify input',
  keys: { event: 'type', session: 'thread-id', lastMessage: 'last-assistant-message', toolName: '', toolArgs: [] },
  events: { 'agent-turn-complete': 'finished' },
};
