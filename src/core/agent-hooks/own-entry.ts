// One agent event, one text. VS Code also runs the hooks in ~/.claude/settings.json (with
// chat.useClaudeHooks) and Copilot CLI also runs every file in ~/.copilot/hooks, VS Code's included,
// so an input can reach an entry written for another agent. Each entry names its agent (`--agent`)
// and the input's shape names the agent that ran it (formats.ts): an event is acted on only through
// the entry of the agent that sent it, which setup writes at most once (setup/entries.ts).
import type { ParseResult } from './events';

/** `parsed`, or "ignored" when the input came from another agent than the one the entry was written for. */
export function fromOwnEntry(parsed: ParseResult, entryAgent: string | undefined): ParseResult {
  if (parsed.result !== 'event' || entryAgent === undefined || parsed.event.agent === entryAgent) return parsed;
  const { agent, event } = parsed.event;
  return { result: 'ignored', agent, event, why: `a ${agent} event reached the ${entryAgent} hook entry; the ${agent} entry handles it` };
}
