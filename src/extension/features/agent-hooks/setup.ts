// "iMessage: Set Up Agent Notifications…" and "iMessage: Remove Agent Notifications": the user
// picks agents and events, sees the exact change, and the user-level hook files of each agent get
// entries that call the launcher (core/agent-hooks/setup). Never a workspace file: an agent hook
// in a repository is that repository's business, and every file here is under the home folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { offers, SETUP_AGENTS, SETUP_EVENTS, type SetupAgent, type SetupEvent } from '../../../core/agent-hooks/setup/entries';
import { locations, planRemoval, planSetup } from '../../../core/agent-hooks/setup/plan';
import { says } from '../../../core/untrusted-text';
import * as z from '../../../core/zod';
import type { Services } from '../../services';
import { reach } from '../../services/milestones';
import { parseArgs } from '../../ui/args';
import { tell } from '../../ui/prompts';
import { commandTable } from '../command-table';
import { ensureLauncher } from './launcher';
import { AGENT_NAMES, agentHome, type Applied, confirmAndWrite, describeApplied, readAll } from './setup-files';

const ENABLED = 'agentHooks.enabled';
const APPROVALS = 'agentHooks.approvals';

const setupArgs = z.strictObject({
  agents: z.optional(z.array(z.enum(SETUP_AGENTS)).check(z.minLength(1))),
  events: z.optional(z.array(z.enum(SETUP_EVENTS)).check(z.minLength(1))),
});

const EVENT_LABELS: Record<SetupEvent, { label: string; detail: string }> = {
  finished: { label: 'Finished', detail: 'A text when the agent ends its turn: which agent, which repository, how long, its last words.' },
  waiting: { label: 'Waiting for you', detail: 'A text when the agent waits for your input or a permission (Claude Code, Copilot CLI).' },
  approvals: {
    label: 'Approvals by reply',
    detail: 'The agent asks before a tool runs; reply Y or N from your phone. No reply or anything else leaves the agent’s own prompt.',
  },
};

/** `imessage.setUpAgentNotifications [{ agents?, events? }]`: resolves with what was written, or undefined when cancelled. */
async function setUp(s: Services, arg?: unknown): Promise<Applied | undefined> {
  const args = parseArgs('imessage.setUpAgentNotifications', setupArgs, arg);
  const { home, env } = agentHome();
  const where = locations(home, env);
  const agents = args.agents ?? (await pickAgents(home));
  if (!agents) return undefined;
  const events = args.events ?? (await pickEvents(agents));
  if (!events) return undefined;
  const launcher = await ensureLauncher(s.context);
  const plan = planSetup({ where, launcher, agents, events, read: await readAll(agents.map((a) => where[a])) });
  const applied = await confirmAndWrite(s, plan, 'Apply');
  if (!applied) return undefined;
  await setUserSetting(s, ENABLED, true);
  // Approval entries without approvals on would never ask: on, as the default has it, only
  // once the window has been unfocused for imessage.agentHooks.awaySeconds. "always" is kept.
  if (events.includes('approvals') && s.config.readIfValid()?.agentHooksApprovals !== 'always') {
    await setUserSetting(s, APPROVALS, 'whenAway');
  }
  reach('agentNotificationsSetUp');
  tell(
    applied.refused.length ? 'warning' : 'info',
    events.includes('approvals')
      ? says`Agent notifications: ${describeApplied(applied)}. Approvals by reply are on once this window has been unfocused for a while (imessage.agentHooks.approvals). Agents read their hook files when a session starts: restart running ones.`
      : says`Agent notifications: ${describeApplied(applied)}. Agents read their hook files when a session starts: restart running ones.`,
  );
  return applied;
}

/** `imessage.removeAgentNotifications`: takes out everything setup added, from every agent. */
async function remove(s: Services): Promise<Applied | undefined> {
  const { home, env } = agentHome();
  const where = locations(home, env);
  const plan = planRemoval({ where, read: await readAll(Object.values(where)) });
  const applied = await confirmAndWrite(s, plan, 'Remove');
  if (!applied) return undefined;
  await setUserSetting(s, ENABLED, undefined);
  await setUserSetting(s, APPROVALS, undefined);
  tell('info', says`Agent notifications removed: ${describeApplied(applied)}.`);
  return applied;
}

async function setUserSetting(s: Services, key: string, value: unknown): Promise<void> {
  try {
    await vscode.workspace.getConfiguration('imessage').update(key, value, vscode.ConfigurationTarget.Global);
  } catch (error) {
    // The files are right whatever happens here; the log says which setting to set by hand.
    s.log.warn(`Could not set imessage.${key}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function pickAgents(home: string): Promise<SetupAgent[] | undefined> {
  const found: Record<SetupAgent, boolean> = {
    claude: fs.existsSync(path.join(home, '.claude')),
    'copilot-cli': fs.existsSync(path.join(home, '.copilot')),
    vscode: true,
    codex: fs.existsSync(path.join(home, '.codex')),
  };
  const picked = await vscode.window.showQuickPick(
    SETUP_AGENTS.map((agent) => ({
      label: AGENT_NAMES[agent],
      description: found[agent] ? '' : 'not found in your home folder',
      picked: found[agent],
      agent,
    })),
    { title: 'Agent notifications (1/2): which agents?', placeHolder: 'Agents that text you', canPickMany: true, ignoreFocusOut: true },
  );
  return picked?.length ? picked.map((p) => p.agent) : undefined;
}

async function pickEvents(agents: SetupAgent[]): Promise<SetupEvent[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    SETUP_EVENTS.filter((e) => agents.some((a) => offers(a, e))).map((event) => ({
      ...EVENT_LABELS[event],
      description: agents
        .filter((a) => offers(a, event))
        .map((a) => AGENT_NAMES[a])
        .join(', '),
      picked: event !== 'approvals',
      event,
    })),
    {
      title: 'Agent notifications (2/2): when?',
      placeHolder: 'Approvals are off unless you pick them',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  return picked?.length ? picked.map((p) => p.event) : undefined;
}

export const commands = commandTable({
  'imessage.setUpAgentNotifications': setUp,
  'imessage.removeAgentNotifications': remove,
});
