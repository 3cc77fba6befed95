// Request bodies of the documented endpoints, checked strictly (shape only; account-dependent
// checks such as "is `from` one of your numbers" live in the handlers).
import { badRequest } from './errors';
import type { FallbackWhen, Tapback } from './types';
import {
  describe,
  nullableString,
  optionalBoolean,
  optionalString,
  rejectUnknown,
  requireAttachmentUrl,
  requireE164,
  requireObject,
  requireRecipient,
  requireString,
  type JsonObject,
} from './validate';

export const MAX_ATTACHMENTS = 10;
const FALLBACK_WHEN: readonly FallbackWhen[] = ['imessage_unsupported', 'imessage_fails'];

export interface SendBody {
  to: string;
  from: string | null;
  message: string;
  attachments: string[];
  fallback: { when: FallbackWhen[]; from: string | null } | null;
  fastTrack: boolean;
}

export function parseSendBody(body: JsonObject): SendBody {
  rejectUnknown(body, ['to', 'from', 'message', 'fallback', 'attachments', 'fast_track']);
  const to = requireRecipient(requireString(body.to, 'to'), 'to');
  const from = nullableString(body.from, 'from');
  if (from !== null) requireE164(from, 'from');
  // Documented as plain `string` (not "or null"), unlike from/fallback/attachments.
  const message = optionalString(body.message, 'message');
  const attachments = parseAttachments(body.attachments);
  const fallback = parseFallback(body.fallback);
  const fastTrack = optionalBoolean(body.fast_track, 'fast_track') ?? false;
  if (attachments.length === 0 && (message === undefined || message.trim() === '')) {
    throw badRequest(
      message === undefined
        ? '`message` is required unless `attachments` is non-empty'
        : '`message` must not be empty or whitespace only unless `attachments` is non-empty',
    );
  }
  return { to, from, message: message ?? '', attachments, fallback, fastTrack };
}

function parseAttachments(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`\`attachments\` must be an array of URLs or null, got ${describe(value)}`);
  if (value.length > MAX_ATTACHMENTS) {
    throw badRequest(`\`attachments\` has ${value.length} URLs; at most ${MAX_ATTACHMENTS} are allowed`);
  }
  return value.map((url, i) => requireAttachmentUrl(requireString(url, `attachments[${i}]`), `attachments[${i}]`));
}

function parseFallback(value: unknown): SendBody['fallback'] {
  if (value === undefined || value === null) return null;
  const fallback = requireObject(value, 'fallback');
  rejectUnknown(fallback, ['when', 'from'], 'fallback.');
  if (fallback.when === undefined) throw badRequest('`fallback.when` is required');
  if (!Array.isArray(fallback.when) || fallback.when.length === 0) {
    throw badRequest(`\`fallback.when\` must be a non-empty array of ${FALLBACK_WHEN.join(' | ')}`);
  }
  const when: FallbackWhen[] = [];
  fallback.when.forEach((item: unknown, i: number) => {
    if (!FALLBACK_WHEN.includes(item as FallbackWhen)) {
      throw badRequest(`\`fallback.when[${i}]\` must be one of ${FALLBACK_WHEN.join(', ')}, got ${JSON.stringify(item)}`);
    }
    // Decision: a duplicate means the client built the list wrongly; reject rather than guess.
    if (when.includes(item as FallbackWhen)) throw badRequest(`\`fallback.when[${i}]\` repeats ${JSON.stringify(item)}`);
    when.push(item as FallbackWhen);
  });
  const from = nullableString(fallback.from, 'fallback.from');
  if (from !== null) requireE164(from, 'fallback.from');
  return { when, from };
}

export interface TypingBody {
  to: string;
  from: string | null;
  action: 'start' | 'stop';
}

export function parseTypingBody(body: JsonObject): TypingBody {
  rejectUnknown(body, ['to', 'from', 'action']);
  const to = requireRecipient(requireString(body.to, 'to'), 'to');
  const from = nullableString(body.from, 'from');
  if (from !== null) requireE164(from, 'from');
  const action = requireString(body.action, 'action');
  if (action !== 'start' && action !== 'stop') {
    throw badRequest(`\`action\` must be "start" or "stop", got ${JSON.stringify(action)}`);
  }
  return { to, from, action };
}

export interface LegacyBody {
  to: string;
  message: string;
  from: string | null;
  fallback: boolean;
}

/** Legacy `/send/text`: no attachments, fast track or `when` list exist there, so they are unknown fields. */
export function parseLegacyBody(body: JsonObject): LegacyBody {
  rejectUnknown(body, ['to', 'message', 'beta_features']);
  const to = requireE164(requireString(body.to, 'to'), 'to');
  const message = requireString(body.message, 'message');
  if (message.trim() === '') throw badRequest('`message` must not be empty');
  if (body.beta_features === undefined) throw badRequest('`beta_features` is required (with `imessage: true`)');
  const beta = requireObject(body.beta_features, 'beta_features');
  rejectUnknown(beta, ['imessage', 'from', 'fallback'], 'beta_features.');
  if (beta.imessage !== true) {
    throw badRequest(`\`beta_features.imessage\` must be true, got ${JSON.stringify(beta.imessage) ?? 'nothing'}`);
  }
  const from = optionalString(beta.from, 'beta_features.from') ?? null;
  if (from !== null) requireE164(from, 'beta_features.from');
  return { to, message, from, fallback: optionalBoolean(beta.fallback, 'beta_features.fallback') ?? false };
}

export const TAPBACKS: readonly Tapback[] = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question'];

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  const text = requireString(value, field);
  if (!allowed.includes(text as T)) {
    throw badRequest(`\`${field}\` must be one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  }
  return text as T;
}

export interface ReadBody {
  to: string;
  from: string;
}

/** POST /send/imessage/read: both required. */
export function parseReadBody(body: JsonObject): ReadBody {
  rejectUnknown(body, ['to', 'from']);
  const to = requireRecipient(requireString(body.to, 'to'), 'to');
  const from = requireE164(requireString(body.from, 'from'), 'from');
  return { to, from };
}

export interface ReactionBody extends ReadBody {
  action: 'add' | 'remove';
  tapback: Tapback;
  message: string;
}

/** POST /send/imessage/reactions: all required; `message` is the TEXT reacted to. */
export function parseReactionBody(body: JsonObject): ReactionBody {
  rejectUnknown(body, ['to', 'from', 'action', 'tapback', 'message']);
  const { to, from } = parseReadBody({ to: body.to, from: body.from });
  const action = requireOneOf(body.action, ['add', 'remove'] as const, 'action');
  const tapback = requireOneOf(body.tapback, TAPBACKS, 'tapback');
  const message = requireString(body.message, 'message');
  if (message === '') throw badRequest('`message` must be the text of the message to react to, got ""');
  return { to, from, action, tapback, message };
}
