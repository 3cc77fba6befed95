// The `imessage.notify.*` settings, spread into the settings schema in ../settings.ts.
import * as z from 'zod';
import { parseQuietHours } from './quiet-hours';
import { DEFAULT_TEMPLATE, PLACEHOLDERS, unknownPlaceholder } from './template';

const mode = z.enum(['off', 'failures', 'always'], { error: 'must be "off", "failures" or "always"' });

export const notifySettingsShape = {
  notifyTasks: mode.default('off'),
  notifyTerminal: mode.default('off'),
  notifyMinDurationSeconds: z.number().min(0, 'must be 0 or more').default(30),
  notifyOnlyWhenUnfocused: z.boolean().default(true),
  notifyIgnoreExitCodes: z.array(z.number().int('must list whole numbers')).default([130, 143]),
  notifyRecipient: z.string().default(''),
  notifyQuietHours: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      const parsed = parseQuietHours(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  notifyTemplate: z
    .string()
    .default(DEFAULT_TEMPLATE)
    .superRefine((value, ctx) => {
      if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'is empty: a notification needs some text' });
      const unknown = unknownPlaceholder(value);
      if (unknown) ctx.addIssue({ code: 'custom', message: `has an unknown placeholder ${unknown}; use ${PLACEHOLDERS.map((p) => `\${${p}}`).join(' ')}` });
    }),
};

export const NOTIFY_SETTING_IDS: Record<keyof typeof notifySettingsShape, string> = {
  notifyTasks: 'imessage.notify.tasks',
  notifyTerminal: 'imessage.notify.terminal',
  notifyMinDurationSeconds: 'imessage.notify.minDurationSeconds',
  notifyOnlyWhenUnfocused: 'imessage.notify.onlyWhenUnfocused',
  notifyIgnoreExitCodes: 'imessage.notify.ignoreExitCodes',
  notifyRecipient: 'imessage.notify.recipient',
  notifyQuietHours: 'imessage.notify.quietHours',
  notifyTemplate: 'imessage.notify.template',
};
