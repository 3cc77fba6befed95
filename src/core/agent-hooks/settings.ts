// The `imessage.agentHooks.*` settings, spread into the settings schema in ../settings.ts. Off by
// default: on, a window listens for the hook command (only the user can reach it: see channel/).
import * as z from '../zod';

export const agentHooksSettingsShape = {
  agentHooksEnabled: z._default(z.boolean(), false),
};

export const AGENT_HOOKS_SETTING_IDS: Record<keyof typeof agentHooksSettingsShape, string> = {
  agentHooksEnabled: 'imessage.agentHooks.enabled',
};
