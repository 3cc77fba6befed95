// The whole change setup (or removal) makes, decided from the files' current text before anything
// is written: what each file becomes, or why it is left alone. The command shows this, then writes it.
import * as path from 'node:path';
import { applyClaude, removeOurs } from './claude';
import { applyCodex, removeCodex } from './codex';
import { COPILOT_FILE, copilotFile, VSCODE_FILE, vscodeFile } from './copilot';
import { entriesFor, SETUP_AGENTS, type SetupAgent, type SetupEvent } from './entries';

export type Locations = Record<SetupAgent, string>;

/**
 * Each agent's user-level file under `home`. COPILOT_HOME and CODEX_HOME move Copilot CLI's and
 * Codex's (their docs); VS Code reads `~/.copilot/hooks` whatever COPILOT_HOME says.
 */
export function locations(home: string, env: Record<string, string | undefined> = {}): Locations {
  const copilotHome = env.COPILOT_HOME?.trim() || path.join(home, '.copilot');
  return {
    claude: path.join(home, '.claude', 'settings.json'),
    'copilot-cli': path.join(copilotHome, 'hooks', COPILOT_FILE),
    vscode: path.join(home, '.copilot', 'hooks', VSCODE_FILE),
    codex: path.join(env.CODEX_HOME?.trim() || path.join(home, '.codex'), 'config.toml'),
  };
}

export interface FileChange {
  agent: SetupAgent;
  file: string;
  /** undefined: the file does not exist yet. */
  before: string | undefined;
  /** undefined: the file is deleted (our own files only). */
  after: string | undefined;
  /** A file that holds the user's own settings gets a copy before it is changed. */
  backup: boolean;
}

export interface Plan {
  changes: FileChange[];
  /** Agents left alone, and why (a file we cannot safely edit, another notify program). */
  refused: { agent: SetupAgent; error: string }[];
}

/** Shared files (the user's own settings) are edited in place and backed up; our own files are written whole. */
const SHARED: Record<SetupAgent, boolean> = { claude: true, 'copilot-cli': false, vscode: false, codex: true };

export function planSetup(o: {
  where: Locations;
  launcher: string;
  agents: readonly SetupAgent[];
  events: readonly SetupEvent[];
  read: (file: string) => string | undefined;
}): Plan {
  return plan(o.where, o.agents, o.read, (agent, before, file) => {
    const entries = entriesFor(agent, o.events, o.launcher);
    switch (agent) {
      case 'claude':
        return applyClaude(before, entries, file);
      case 'copilot-cli':
        return { ok: true, text: entries.length ? copilotFile(entries) : undefined };
      case 'vscode':
        return { ok: true, text: entries.length ? vscodeFile(entries) : undefined };
      case 'codex':
        return o.events.includes('finished') ? applyCodex(before, o.launcher, file) : removeCodex(before, file);
    }
  });
}

/** Everything setup ever added, for every agent, taken out. */
export function planRemoval(o: { where: Locations; read: (file: string) => string | undefined }): Plan {
  return plan(o.where, SETUP_AGENTS, o.read, (agent, before, file) => {
    switch (agent) {
      case 'claude':
        return removeOurs(before, file);
      case 'codex':
        return removeCodex(before, file);
      default:
        return { ok: true, text: undefined };
    }
  });
}

type Edit = (
  agent: SetupAgent,
  before: string | undefined,
  file: string,
) => { ok: true; text: string | undefined } | { ok: false; error: string };

function plan(where: Locations, agents: readonly SetupAgent[], read: (file: string) => string | undefined, edit: Edit): Plan {
  const result: Plan = { changes: [], refused: [] };
  for (const agent of SETUP_AGENTS.filter((a) => agents.includes(a))) {
    const file = where[agent];
    const before = read(file);
    const edited = edit(agent, before, file);
    if (!edited.ok) result.refused.push({ agent, error: edited.error });
    else if (edited.text !== before) {
      result.changes.push({ agent, file, before, after: edited.text, backup: SHARED[agent] && before !== undefined });
    }
  }
  return result;
}
