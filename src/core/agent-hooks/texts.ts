// The texts the pager sends. Every value from outside (the agent's words, a command line, a path, a
// folder name) goes through cleanText and a cap, so no hook input can make a text long, invisible
// or misleading. Our own words stay plain: a text is read on a phone, in a notification preview.
import { consumedMarkers } from '../format/markers';
import { formatDuration } from '../notify/duration';
import { cleanText } from '../untrusted-text';
import type { Agent, HookEvent } from './events';
import type { OpenQuestion } from './reply';

const AGENT_NAMES: Record<Agent, string> = { vscode: 'VS Code agent', claude: 'Claude Code', 'copilot-cli': 'Copilot CLI', codex: 'Codex' };
/** How a sentence names the agent when it asks: "Claude wants to run …". */
const AGENT_SUBJECTS: Record<Agent, string> = { vscode: 'The VS Code agent', claude: 'Claude', 'copilot-cli': 'Copilot', codex: 'Codex' };

const MAX_PLACE_CHARS = 60;
const MAX_LAST_MESSAGE_CHARS = 300;
const MAX_NOTE_CHARS = 200;
const MAX_COMMAND_CHARS = 300;
const MAX_TOOL_CHARS = 80;
const MAX_QUESTION_PREVIEW_CHARS = 80;

/** Where the agent works, as a person names it: the last folder of its cwd ("acme-api"). */
export function placeOf(cwd: string): string {
  const parts = cwd.split(/[\\/]+/).filter(Boolean);
  return cleanText(parts.at(-1) ?? cwd, { max: MAX_PLACE_CHARS });
}

/** "Claude Code finished in acme-api after 12m 4s: <its last message>". */
export function finishedText(e: HookEvent, options: { workedMs?: number; place?: string; lastMessage?: string } = {}): string {
  const after = options.workedMs === undefined ? '' : ` after ${formatDuration(options.workedMs)}`;
  const last = cleanText(options.lastMessage ?? e.lastMessage ?? '', { max: MAX_LAST_MESSAGE_CHARS });
  return `${AGENT_NAMES[e.agent]} finished in ${where(e, options.place)}${after}${last ? `: ${last}` : '.'}`;
}

/** "Claude Code needs your permission in acme-api: Claude needs your permission to use Bash". */
export function waitingText(e: HookEvent, options: { place?: string } = {}): string {
  const what = e.waitingFor === 'permission' ? 'needs your permission' : 'is waiting for your input';
  const note = cleanText(e.message ?? '', { max: MAX_NOTE_CHARS });
  return `${AGENT_NAMES[e.agent]} ${what} in ${where(e, options.place)}${note ? `: ${note}` : '.'}`;
}

/**
 * "Claude wants to run `npm publish` in acme-api. Reply Y to allow, N to deny." A command that holds
 * a backtick or a line break goes on lines of its own, so where it starts and ends is never in doubt.
 * undefined when Messages would not show the request as written: iMessage has no escaping, so
 * `echo **ok** && rm -rf _build_` would arrive as a bold "ok" and an italic "build". Nobody
 * approves what they could not read: the caller answers "ask" and the agent's own prompt decides.
 */
export function permissionText(e: HookEvent, options: { code?: string; place?: string } = {}): string | undefined {
  const text = requestText(e, options);
  return consumedMarkers(text).length === 0 ? text : undefined;
}

function requestText(e: HookEvent, options: { code?: string; place?: string }): string {
  const who = AGENT_SUBJECTS[e.agent];
  const place = where(e, options.place);
  const reply = options.code ? `Reply Y ${options.code} to allow, N ${options.code} to deny.` : 'Reply Y to allow, N to deny.';
  const tool = e.tool;
  if (tool?.isCommand) {
    const command = cleanText(tool.summary, { max: MAX_COMMAND_CHARS, multiline: true });
    if (!/[`\n]/.test(command)) return `${who} wants to run \`${command}\` in ${place}. ${reply}`;
    return `${who} wants to run this in ${place}:\n\n${command}\n\n${reply}`;
  }
  const name = cleanText(tool?.name ?? 'a tool', { max: MAX_TOOL_CHARS });
  const target = cleanText(tool?.summary ?? '', { max: MAX_COMMAND_CHARS });
  return `${who} wants to use ${name}${target ? ` on ${target}` : ''} in ${place}. ${reply}`;
}

/** The answer to a reply that could answer several questions: which codes to use. */
export function whichQuestionText(open: readonly OpenQuestion[]): string {
  const lines = open.map((q) => `${q.code}: ${cleanText(q.text, { max: MAX_QUESTION_PREVIEW_CHARS })}`);
  const example = open[0] ? `, for example "Y ${open[0].code}"` : '';
  return `${open.length} questions are open. Reply Y or N with the code of the one you answer${example}:\n${lines.join('\n')}`;
}

function where(e: HookEvent, place: string | undefined): string {
  return place === undefined ? placeOf(e.cwd) : cleanText(place, { max: MAX_PLACE_CHARS });
}
