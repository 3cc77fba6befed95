// The read-only endpoints: entitlements, leased numbers, message history, iMessage availability.
import { requireImessage } from './account';
import type { Ctx } from './context';
import { ENTITLEMENT_DESCRIPTIONS } from './defaults';
import { success, type Reply } from './envelope';
import { ApiError } from './errors';
import { parseTracking, trackingOf } from './conversation';
import { requireE164 } from './validate';

export function getEntitlements({ state }: Ctx): Reply {
  const entitlements = state.allEntitlements().map(([name, status]) => ({
    name,
    description: ENTITLEMENT_DESCRIPTIONS[name] ?? name,
    status,
    ...(status === 'granted' ? { entitlement_id: `ent_${name}` } : {}),
  }));
  return success({ entitlements });
}

export function getLeasedNumbers({ state }: Ctx): Reply {
  return success({ leased: state.numbers.length, numbers: state.numbers });
}

export function getMessage({ state, params, query }: Ctx): Reply {
  const tracking = parseTracking(query.get('tracking'));
  const msg = state.findSent(params[0]);
  if (!msg) throw new ApiError(404, `No message with id ${JSON.stringify(params[0])}`);
  return success({
    id: msg.id,
    to: msg.to,
    from: msg.from,
    message: msg.message,
    timestamp: msg.timestamp,
    status: msg.status,
    attachments: msg.attachments,
    ...(tracking ? { tracking: trackingOf(msg) } : {}),
  });
}

export function getAvailability({ state, params }: Ctx): Reply {
  const to = requireE164(params[0], 'to');
  requireImessage(state);
  if (!state.defaultImessageNumber()) {
    throw new ApiError(403, 'Checking iMessage availability needs an active leased iMessage number');
  }
  return success({ available: state.modeOf(to) !== 'no-imessage' });
}
