// The wire contract of the Contiguity API (see README "API contract"): one source of truth for
// what we send and what we accept back. Everything that sends validates through these schemas.
import * as z from './zod';
import { describeForbiddenChar, MAX_MESSAGE_CHARS } from './limits';

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FILE_EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

export const MAX_ATTACHMENTS = 10;

export const e164 = z.string().check(z.regex(E164_PATTERN, 'must be an E.164 number with country code, like +14155552671'));

export const recipient = z.string().check(
  z.refine((v) => E164_PATTERN.test(v) || EMAIL_PATTERN.test(v), {
    message: 'must be an E.164 number with country code (like +14155552671) or an iCloud email address',
  }),
);

/** An attachment must be fetchable by Contiguity: https, and a path naming a file type. */
export const attachmentUrl = z.string().check(
  z.superRefine((value, ctx) => {
    // The URL parser silently drops tabs and line breaks and trims spaces, but the text is sent as
    // written: Contiguity would fetch something other than what the parser (and the user) saw.
    const forbidden = describeForbiddenChar(value);
    if (forbidden) {
      ctx.addIssue({ code: 'custom', message: `contains ${forbidden}; remove it or percent-encode it` });
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not a URL: "${value}"` });
      return;
    }
    if (url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `must use https:// (got ${url.protocol}//)` });
    } else if (!FILE_EXTENSION.test(url.pathname)) {
      ctx.addIssue({ code: 'custom', message: `path must end in a file extension such as .png or .pdf: "${value}"` });
    }
  }),
);

/** See MAX_MESSAGE_CHARS for why this limit. */
export const message = z.string().check(
  z.refine((v) => v.length <= MAX_MESSAGE_CHARS, {
    error: (issue) =>
      `is ${(issue.input as string).length.toLocaleString('en-US')} characters long; the limit is ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}`,
  }),
);

export const fallbackWhen = z.enum(['imessage_unsupported', 'imessage_fails']);

export const fallback = z.strictObject({
  when: z.array(fallbackWhen).check(z.minLength(1, 'must list at least one of imessage_unsupported, imessage_fails')),
  from: z.optional(z.nullable(e164)),
});

export const sendIMessageRequest = z
  .strictObject({
    to: recipient,
    from: z.optional(z.nullable(e164)),
    message: z.optional(message),
    fallback: z.optional(z.nullable(fallback)),
    attachments: z.optional(
      z.nullable(z.array(attachmentUrl).check(z.maxLength(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} attachments`))),
    ),
    fast_track: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((req, ctx) => {
      const hasAttachments = (req.attachments?.length ?? 0) > 0;
      if (!hasAttachments && (req.message === undefined || req.message.trim() === '')) {
        ctx.addIssue({ code: 'custom', path: ['message'], message: 'is required unless there are attachments' });
      }
    }),
  );

export type SendIMessageRequest = z.infer<typeof sendIMessageRequest>;

export const legacySendTextRequest = z.strictObject({
  to: e164,
  message: message.check(z.minLength(1)),
  beta_features: z.strictObject({
    imessage: z.literal(true),
    from: z.optional(e164),
    fallback: z.optional(z.boolean()),
  }),
});
export type LegacySendTextRequest = z.infer<typeof legacySendTextRequest>;

// Responses are read loosely: the API may add fields at any time and we must not break on them.
const envelopeBase = {
  id: z.string(),
  timestamp: z.number(),
  api_version: z.string(),
};

export const successEnvelope = z.looseObject({
  ...envelopeBase,
  object: z.literal('response'),
  data: z.unknown(),
});
export type SuccessEnvelope<T = unknown> = Omit<z.infer<typeof successEnvelope>, 'data'> & { data: T };

export const errorEnvelope = z.looseObject({
  ...envelopeBase,
  object: z.literal('error'),
  data: z.looseObject({
    error: z.string(),
    status: z.number(),
    agreement_url: z.optional(z.string()),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

/** Some errors arrive without the envelope. */
export const topLevelError = z.looseObject({ message: z.string(), status: z.optional(z.number()) });
export type TopLevelError = z.infer<typeof topLevelError>;

export const sendIMessageData = z.looseObject({ message_id: z.string() });

export const legacySuccess = z.looseObject({
  message: z.string(),
  crumbs: z.optional(z.looseObject({})),
});

export const entitlementsData = z.looseObject({
  entitlements: z.array(
    z.looseObject({
      name: z.string(),
      description: z.optional(z.string()),
      status: z.string(),
      entitlement_id: z.optional(z.string()),
    }),
  ),
});

export const leasedNumbersData = z.looseObject({
  leased: z.optional(z.number()),
  numbers: z.array(
    z.looseObject({
      id: z.optional(z.string()),
      number: z.looseObject({ e164: z.string(), formatted: z.optional(z.string()) }),
      capabilities: z.optional(z.looseObject({ channels: z.optional(z.array(z.string())) })),
      lease_status: z.optional(z.string()),
    }),
  ),
});

export const messageHistoryData = z.looseObject({
  id: z.string(),
  to: z.optional(z.string()),
  from: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
  timestamp: z.optional(z.number()),
  status: z.string(),
  tracking: z.optional(z.array(z.looseObject({ event: z.string(), title: z.optional(z.string()), timestamp: z.string() }))),
});

export const TAPBACKS = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question'] as const;
export const tapback = z.enum(TAPBACKS);
export type Tapback = z.infer<typeof tapback>;

/**
 * One message of a thread as GET /conversations/history/imessage answers it. Both directions come
 * in one list; only `from` tells them apart. Everything but the text and time is optional: a
 * message the server describes partially must still be shown, not drop the whole thread.
 */
export const historyMessage = z.looseObject({
  /** Not in the documented shape; used for dedupe when a server sends it. */
  id: z.optional(z.string()),
  to: z.string(),
  from: z.string(),
  message: z.optional(z.nullable(z.string())),
  timestamp: z.number(),
  read: z.optional(z.nullable(z.number())),
  delivery: z.optional(
    z.nullable(
      z.looseObject({
        status: z.string(),
        delayed: z.optional(z.boolean()),
        timestamp: z.optional(z.nullable(z.number())),
      }),
    ),
  ),
  attachments: z.optional(z.nullable(z.array(z.string()))),
});
export type HistoryMessage = z.infer<typeof historyMessage>;

export const historyReaction = z.looseObject({
  reaction: z.string(),
  on: z.string(),
  timestamp: z.number(),
  action: z.string(),
  from: z.string(),
});
export type HistoryReaction = z.infer<typeof historyReaction>;

export const historyData = z.looseObject({
  conversation: z.array(historyMessage),
  reactions: z.optional(z.nullable(z.array(historyReaction))),
  chat: z.optional(z.nullable(z.looseObject({ total: z.optional(z.number()), count: z.optional(z.number()) }))),
});
export type HistoryData = z.infer<typeof historyData>;

export const availabilityData = z.looseObject({ available: z.boolean() });
export const typingData = z.looseObject({ status: z.string() });
export const readReceiptData = z.looseObject({ status: z.string(), message: z.optional(z.string()) });
export const reactionData = z.looseObject({ status: z.string(), message: z.optional(z.string()) });

export const typingRequest = z.strictObject({ to: recipient, from: z.optional(e164), action: z.enum(['start', 'stop']) });
export const readRequest = z.strictObject({ to: recipient, from: e164 });
export const reactionRequest = z.strictObject({
  to: recipient,
  from: e164,
  action: z.enum(['add', 'remove']),
  tapback,
  message: z.string().check(z.minLength(1, 'must be the text of the message reacted to')),
});
export type TypingRequest = z.infer<typeof typingRequest>;
export type ReadRequest = z.infer<typeof readRequest>;
export type ReactionRequest = z.infer<typeof reactionRequest>;

/** "attachments[2]" / "fallback.when" — how the UI names a field. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') return `${name}[${key}]`;
    return name ? `${name}.${String(key)}` : String(key);
  }, '');
}
