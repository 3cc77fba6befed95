// The read-only endpoints: entitlements, leased numbers, message history, iMessage availability.
import { requireImessage } from './account';
import type { Ctx } from './context';
import { ENTITLEMENT_DESCRIPTIONS } from './defaults';
import { success, type Reply } from './envelope';
import { ApiError } from './errors';
import type { SentMessage } from './types';
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
  const tracking = query.get('tracking');
  if (tracking !== null && tracking !== 'true' && tracking !== 'false') {
    throw new ApiError(400, `\`tracking\` must be true or false, got ${JSON.stringify(tracking)}`);
  }
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
    ...(tracking === 'true' ? { tracking: trackingEvents(msg) } : {}),
  });
}

function trackingEvents(msg: SentMessage): { event: string; title: string; timestamp: string }[] {
  const steps: [string, string][] = [['queued', 'Message queued']];
  if (msg.status === 'failed') {
    steps.push(['failed', 'Recipient cannot receive iMessage']);
  } else {
    if (msg.channel === 'sms') steps.push(['fallback', 'Recipient has no iMessage; sent as SMS']);
    steps.push(['sent', `Sent via ${msg.channel === 'sms' ? 'SMS' : 'iMessage'}`], ['delivered', 'Delivered']);
  }
  // A few ms apart so the order is visible in the timestamps too.
  return steps.map(([event, title], i) => ({ event, title, timestamp: new Date(msg.timestamp + i * 10).toISOString() }));
}

export function getAvailability({ state, params }: Ctx): Reply {
  const to = requireE164(params[0], 'to');
  requireImessage(state);
  if (!state.defaultImessageNumber()) {
    throw new ApiError(403, 'Checking iMessage availability needs an active leased iMessage number');
  }
  return success({ available: !state.unreachable.has(to) });
}
