// An agent running our hook as that agent does: the command line "Set Up Agent Notifications…"
// writes (core/agent-hooks/setup/entries.ts, not a copy of it) run through the agent's shell (Codex:
// the notify program itself, its JSON appended), in the project's folder, with the environment the
// agent gives its hooks (the user's, none of our variables but the test's channel directory, plus
// the agent's own), and killed at the entry's timeout as the agent kills it.
import * as assert from 'node:assert/strict';
import { codexNotify, entriesFor, ENTRIES, type SetupAgent, type SetupEvent } from '../../src/core/agent-hooks/setup/entries';
import { runAsAgent, type Run } from '../fixtures/hook-command';

export interface AgentCall {
  agent: SetupAgent;
  /** Which of the setup's choices wrote the entry that runs. */
  event: SetupEvent;
  /** The hook input, as the agent sends it. */
  input: Record<string, unknown>;
  launcher: string;
  /** The channel directory (IMESSAGE_HOOK_DIR): the test host's own, or an empty one for "no window". */
  hookDir: string;
  /** Where the agent runs: its project folder. */
  projectDir: string;
}

/** Codex gives notify no timeout and reads nothing back; a bound keeps a hung hook from hanging the test. */
const CODEX_BOUND_SECONDS = 30;

/** The user's environment as an agent passes it on: this host's, less every variable of ours and of the editor. */
function agentEnvironment(call: AgentCall): NodeJS.ProcessEnv {
  const user = Object.entries(process.env).filter(([k]) => !/^(IMESSAGE_|VSCODE_|ELECTRON_)/.test(k));
  const env: NodeJS.ProcessEnv = { ...Object.fromEntries(user), IMESSAGE_HOOK_DIR: call.hookDir };
  // Claude Code: "CLAUDE_PROJECT_DIR … the project root" for every hook command it spawns.
  if (call.agent === 'claude') env.CLAUDE_PROJECT_DIR = call.projectDir;
  return env;
}

/** The entry the setup writes for this agent and event, as the agent would run it. */
export function runAsSetUp(call: AgentCall): Promise<Run> {
  const env = agentEnvironment(call);
  assert.deepEqual(
    Object.keys(env).filter((k) => k.startsWith('IMESSAGE_')),
    ['IMESSAGE_HOOK_DIR'],
    'no token or test variable reaches the hook',
  );
  const stdin = JSON.stringify(call.input);
  if (call.agent === 'codex') {
    const [program, ...args] = codexNotify(call.launcher);
    return runAsAgent(program!, [...args, stdin], { env, envOnly: true, cwd: call.projectDir, timeoutMs: CODEX_BOUND_SECONDS * 1000 });
  }
  const entry = entriesFor(call.agent, [call.event], call.launcher).find((e) => e.event === ENTRIES[call.agent][call.event]?.event);
  assert.ok(entry, `the setup writes a ${call.event} entry for ${call.agent}`);
  // Claude Code and Copilot CLI filter notifications by the entry's matcher before running it.
  if (entry.matcher !== undefined) {
    assert.match(String(call.input.notification_type), new RegExp(`^(?:${entry.matcher})$`), 'the agent runs this entry for this input');
  }
  // Copilot CLI runs the entry's `bash` field with bash; Claude Code and VS Code run `command` with sh.
  const shell = call.agent === 'copilot-cli' ? 'bash' : 'sh';
  return runAsAgent(shell, ['-c', entry.command], { stdin, env, envOnly: true, cwd: call.projectDir, timeoutMs: entry.timeout * 1000 });
}
