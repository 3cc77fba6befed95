// The `imessage.agentHooks.*` settings, spread into the settings schema in ../settings.ts. Off by
// default: on, a window listens for the hook command (only the user can reach it: see channel/).
// Approving a tool call by text is off by default too: it lets a reply run a command.
import * as z from '../zod';

export const APPROVAL_MODES = ['off', 'whenAway', 'always'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

const seconds = (min: number, max: number) =>
  z.number().check(z.int('must be a whole number of seconds'), z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`));

export const agentHooksSettingsShape = {
  agentHooksEnabled: z._default(z.boolean(), false),
  agentHooksApprovals: z._default(z.enum(APPROVAL_MODES, { error: 'must be "off", "whenAway" or "always"' }), 'off'),
  agentHooksAwaySeconds: z._default(seconds(0, 86_400), 60),
  agentHooksApprovalTimeoutSeconds: z._default(seconds(5, 3_600), 120),
};

export const AGENT_HOOKS_SETTING_IDS: Record<keyof typeof agentHooksSettingsShape, string> = {
  agentHooksEnabled: 'imessage.agentHooks.enabled',
  agentHooksApprovals: 'imessage.agentHooks.approvals',
  agentHooksAwaySeconds: 'imessage.agentHooks.awaySeconds',
  agentHooksApprovalTimeoutSeconds: 'imessage.agentHooks.approvalTimeoutSeconds',
};
