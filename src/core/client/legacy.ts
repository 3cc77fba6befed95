// Older accounts send iMessage through the legacy `/send/text` with `beta_features.imessage`.
// It has no attachments, fast track or fallback rules: asking for them is refused before sending.
import type { LegacySendTextRequest, SendIMessageRequest } from '../schema';
import { ValidationError } from './errors';

const UNSUPPORTED = 'is not available with the legacy API (imessage.api.version is "legacy")';

export function toLegacyRequest(req: SendIMessageRequest): LegacySendTextRequest {
  if (req.attachments?.length) throw new ValidationError('attachments', UNSUPPORTED);
  if (req.fast_track) throw new ValidationError('fast_track', UNSUPPORTED);
  if (!req.to.startsWith('+')) {
    throw new ValidationError('to', 'must be a phone number with the legacy API: email recipients are not supported');
  }
  if (req.message === undefined || req.message === '') throw new ValidationError('message', 'is required');
  const beta: LegacySendTextRequest['beta_features'] = { imessage: true };
  if (req.from) beta.from = req.from;
  if (req.fallback) {
    // The legacy boolean means exactly "SMS if iMessage fails"; other rules cannot be expressed.
    const when = req.fallback.when;
    if (when.length !== 1 || when[0] !== 'imessage_fails') {
      throw new ValidationError('fallback.when', `${UNSUPPORTED} except ["imessage_fails"]`);
    }
    if (req.fallback.from) throw new ValidationError('fallback.from', UNSUPPORTED);
    beta.fallback = true;
  }
  return { to: req.to, message: req.message, beta_features: beta };
}
