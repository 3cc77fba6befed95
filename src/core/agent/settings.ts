// The `imessage.agent.*` settings, spread into the settings schema in ../settings.ts: how much an
// agent may text (a prompt injection must not be able to spam the user's phone) and how long
// imessage_ask may wait.
import * as z from '../zod';

export const agentSettingsShape = {
  agentMaxTextsPerSession: z._default(z.number().check(z.int('must be a whole number'), z.gte(0, 'must be 0 or more')), 10),
  agentAskMaxTimeoutSeconds: z._default(
    z.number().check(z.int('must be a whole number'), z.gte(10, 'must be at least 10'), z.lte(86_400, 'must be at most 86400 (a day)')),
    900,
  ),
};

export const AGENT_SETTING_IDS: Record<keyof typeof agentSettingsShape, string> = {
  agentMaxTextsPerSession: 'imessage.agent.maxTextsPerSession',
  agentAskMaxTimeoutSeconds: 'imessage.agent.askMaxTimeoutSeconds',
};
