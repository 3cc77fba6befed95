// What a send puts on the wire, decided in one place: the real send, the dry run and the cURL
// export all come from here, so what they show is exactly what is sent.
import { fieldName, legacySendTextRequest, sendIMessageRequest, type SendIMessageRequest } from '../schema';
import type { Settings } from '../settings';
import { ValidationError } from './errors';
import { toLegacyRequest } from './legacy';

export type ApiVersion = Settings['apiVersion'];

/** Which API answers, and where. */
export interface ApiTarget {
  version: ApiVersion;
  baseUrl: string;
}

export function apiTarget(settings: Pick<Settings, 'apiVersion' | 'baseUrl' | 'legacyBaseUrl'>): ApiTarget {
  const version = settings.apiVersion;
  return { version, baseUrl: version === 'legacy' ? settings.legacyBaseUrl : settings.baseUrl };
}

/** A send as it goes out, minus the token (added by the transport, masked by the dry run). */
export interface WireSend {
  method: 'POST';
  path: '/send/imessage' | '/send/text';
  scheme: 'Bearer' | 'Token';
  body: unknown;
}

export interface PlanOptions {
  /**
   * false: send the body as written, for users who want to see how the API itself answers a bad
   * payload. The legacy body is then mapped field by field without checks, unknown fields kept.
   */
  validate: boolean;
}

export function planSend(request: unknown, version: ApiVersion, options: PlanOptions = { validate: true }): WireSend {
  if (version === 'legacy') {
    const body = options.validate
      ? legacySendTextRequest.parse(toLegacyRequest(validateSendRequest(request)))
      : toLegacyBodyUnchecked(request);
    return { method: 'POST', path: '/send/text', scheme: 'Token', body };
  }
  return { method: 'POST', path: '/send/imessage', scheme: 'Bearer', body: options.validate ? validateSendRequest(request) : request };
}

/** Check a request against the contract; the first problem names its field. */
export function validateSendRequest(request: unknown): SendIMessageRequest {
  const parsed = sendIMessageRequest.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new ValidationError(fieldName([...issue.path, issue.keys[0]!]), 'is not a field of the send request');
  }
  throw new ValidationError(fieldName(issue.path), issue.message);
}

function toLegacyBodyUnchecked(request: unknown): unknown {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return request;
  const { to, message, from, fallback, ...rest } = request as Record<string, unknown>;
  const beta: Record<string, unknown> = { imessage: true };
  if (from !== undefined && from !== null) beta.from = from;
  if (fallback !== undefined && fallback !== null) beta.fallback = typeof fallback === 'boolean' ? fallback : true;
  return { ...rest, to, message, beta_features: beta };
}
