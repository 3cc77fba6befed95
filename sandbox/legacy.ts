import { resolveFrom } from './account';
import type { Ctx } from './context';
import { jsonReply, type Reply } from './envelope';
import { badRequest, ApiError } from './errors';
import { parseLegacyBody } from './schemas';

/** Legacy POST /send/text with `beta_features.imessage` (errors are reshaped to `{ message, status }` by the router). */
export function sendText({ state, body }: Ctx): Reply {
  const legacy = parseLegacyBody(body);
  let from: string;
  try {
    from = resolveFrom(state, legacy.from, 'beta_features.from');
  } catch (err) {
    // The legacy API documents only 400/401/500: "no number to send from" is a bad request there.
    if (err instanceof ApiError && err.status === 403) throw badRequest(err.message);
    throw err;
  }
  state.deliver(
    {
      to: legacy.to,
      from,
      message: legacy.message,
      attachments: [],
      // Legacy `fallback: true` is "SMS if iMessage fails", whatever the reason.
      fallback: legacy.fallback ? { when: ['imessage_unsupported', 'imessage_fails'], from: null } : null,
      fastTrack: false,
      api: 'legacy',
    },
    'text_',
  );
  state.legacySends += 1;
  return jsonReply(200, {
    message: 'Successfully sent',
    crumbs: { plan: 'unlimited', quota: state.legacySends, type: 'imessage', ad: false },
  });
}
