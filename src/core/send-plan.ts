// Everything a send decides before the token is needed: defaults and recipients (prepare.ts), the
// endpoint and body for the configured API (client/request.ts). The sender sends this plan; the
// payload lab's dry run and cURL export show it. One function, so they cannot drift apart.
import { apiTarget, type ApiTarget, planSend, type WireSend } from './client/request';
import { ValidationError } from './client/errors';
import { prepareSend } from './prepare';
import type { SendIMessageRequest } from './schema';
import type { Settings } from './settings';

export interface SendPlan {
  /** The /send/imessage request after defaults and normalisation (unvalidated: the body as written). */
  request: SendIMessageRequest;
  warnings: string[];
  target: ApiTarget;
  wire: WireSend;
}

export async function planFromInput(
  input: unknown,
  settings: Settings,
  options: { validate: boolean } = { validate: true },
): Promise<SendPlan> {
  const target = apiTarget(settings);
  if (!options.validate) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      // Even unchecked, only a JSON object can be a request body.
      throw new ValidationError('request', 'must be a JSON object');
    }
    // Deliberately untyped: the point is to let the API judge what the client would have refused.
    return { request: input as SendIMessageRequest, warnings: [], target, wire: planSend(input, target.version, options) };
  }
  const prepared = await prepareSend(input, settings);
  return { ...prepared, target, wire: planSend(prepared.request, target.version) };
}
