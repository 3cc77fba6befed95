import { requireFastTrack, requireImessage, resolveFrom } from './account';
import type { Ctx } from './context';
import { success, type Reply } from './envelope';
import { ApiError } from './errors';
import { parseSendBody, parseTypingBody } from './schemas';

/** POST /send/imessage. Order: shape (400), entitlements and numbers (403/400), pacing (429). */
export function sendImessage({ state, body }: Ctx): Reply {
  const send = parseSendBody(body);
  requireImessage(state);
  const from = resolveFrom(state, send.from, 'from');
  if (send.fastTrack) requireFastTrack(state);
  // fast_track only reaches this point when granted, and then bypasses pacing by definition.
  if (!send.fastTrack && state.pacer) {
    const wait = state.pacer.take(from);
    if (wait > 0) {
      throw new ApiError(429, `Rate limit for ${from} exceeded; retry in ${wait} s or use fast_track`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
  }
  const sent = state.deliver(
    {
      to: send.to,
      from,
      message: send.message,
      attachments: send.attachments,
      fallback: send.fallback,
      fastTrack: send.fastTrack,
      api: 'current',
    },
    'imsg_',
  );
  return success({ message_id: sent.id });
}

/** POST /send/imessage/typing. */
export function sendTyping({ state, body }: Ctx): Reply {
  const typing = parseTypingBody(body);
  requireImessage(state);
  const from = resolveFrom(state, typing.from, 'from');
  state.setTyping(from, typing.to, typing.action === 'start');
  return success({ status: typing.action === 'start' ? 'started' : 'stopped' });
}
