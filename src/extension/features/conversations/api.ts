// `api.history({ to, from?, limit? })` for other extensions: the same thread the panel shows.
import * as z from '../../../core/zod';
import { resolveThread } from '../../../core/conversation/resolve';
import type { Thread } from '../../../core/conversation/thread';
import { redactValue } from '../../../core/redact';
import { MAX_HISTORY_LIMIT } from '../../../core/client/client';
import type { Services } from '../../services';
import { parseArgs } from '../../ui/args';

const historyArgs = z.strictObject({
  to: z.string().check(z.maxLength(320)),
  from: z.optional(z.string().check(z.maxLength(64))),
  limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(MAX_HISTORY_LIMIT))),
});

export async function history(services: Services, arg: unknown): Promise<Thread> {
  const args = parseArgs('api.history', historyArgs, arg);
  const { spec } = await resolveThread(args, services.config.read());
  return redactValue(await services.conversations.history(spec, args.limit ?? 20));
}
