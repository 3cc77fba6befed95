// The `imessage.notify.*` settings, spread into the settings schema in ../settings.ts.
import * as z from '../zod';
import { parseQuietHours } from './quiet-hours';
import { DEFAULT_TEMPLATE, PLACEHOLDERS, unknownPlaceholder } from './template';

const mode = z.enum(['off', 'failures', 'always'], { error: 'must be "off", "failures" or "always"' });

export const notifySettingsShape = {
  notifyTasks: z._default(mode, 'off'),
  notifyTerminal: z._default(mode, 'off'),
  notifyNotebooks: z._default(mode, 'off'),
  notifyDebug: z._default(mode, 'off'),
  notifyMinDurationSeconds: z._default(z.number().check(z.gte(0, 'must be 0 or more')), 30),
  notifyOnlyWhenUnfocused: z._default(z.boolean(), true),
  notifyIgnoreExitCodes: z._default(z.array(z.number().check(z.int('must list whole numbers'))), [130, 143]),
  notifyRecipient: z._default(z.string(), ''),
  notifyQuietHours: z._default(z.string(), '').check(
    z.superRefine((value, ctx) => {
      const parsed = parseQuietHours(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  ),
  notifyDuringQuietHours: z._default(z.enum(['drop', 'digest'], { error: 'must be "drop" or "digest"' }), 'drop'),
  outboxMaxAgeMinutes: z._default(
    z.number().check(z.int('must be a whole number'), z.gte(1, 'must be 1 or more'), z.lte(10_080, 'must be at most 10080 (a week)')),
    240,
  ),
  notifyTemplate: z._default(z.string(), DEFAULT_TEMPLATE).check(
    z.superRefine((value, ctx) => {
      if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'is empty: a notification needs some text' });
      const unknown = unknownPlaceholder(value);
      if (unknown) {
        ctx.addIssue({
          code: 'custom',
          message: `has an unknown placeholder ${unknown}; use ${PLACEHOLDERS.map((p) => `\${${p}}`).join(' ')}`,
        });
      }
    }),
  ),
};

export const NOTIFY_SETTING_IDS: Record<keyof typeof notifySettingsShape, string> = {
  notifyTasks: 'imessage.notify.tasks',
  notifyTerminal: 'imessage.notify.terminal',
  notifyNotebooks: 'imessage.notify.notebooks',
  notifyDebug: 'imessage.notify.debug',
  notifyMinDurationSeconds: 'imessage.notify.minDurationSeconds',
  notifyOnlyWhenUnfocused: 'imessage.notify.onlyWhenUnfocused',
  notifyIgnoreExitCodes: 'imessage.notify.ignoreExitCodes',
  notifyRecipient: 'imessage.notify.recipient',
  notifyQuietHours: 'imessage.notify.quietHours',
  notifyTemplate: 'imessage.notify.template',
  notifyDuringQuietHours: 'imessage.notify.duringQuietHours',
  outboxMaxAgeMinutes: 'imessage.outbox.maxAgeMinutes',
};
