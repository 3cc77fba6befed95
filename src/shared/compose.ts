// The messages between the compose panel's host (extension) and its webview, both directions.
// The webview is untrusted input: the host parses everything it receives with `webviewMessage`.
// The webview imports only types from here (`import type`), so zod stays out of its bundle.
import * as z from '../core/zod';
import { MAX_DRAFT_CHARS } from '../core/limits';
import { MAX_ATTACHMENTS, TAPBACKS } from '../core/schema';

/** Field values as typed, not yet normalised. `from: ''` means "let Contiguity choose". */
export const draftSchema = z.strictObject({
  to: z.string().check(z.maxLength(320)),
  from: z.string().check(z.maxLength(64)),
  // Longer than a message may be (MAX_MESSAGE_CHARS), so a too-long draft is kept and marked, not dropped.
  message: z.string().check(z.maxLength(MAX_DRAFT_CHARS)),
  // One more than allowed, so "too many" reaches the validation message instead of being cut.
  attachments: z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(MAX_ATTACHMENTS * 5)),
  fallbackWhen: z.array(z.enum(['imessage_unsupported', 'imessage_fails'])).check(z.maxLength(2)),
  fallbackFrom: z.string().check(z.maxLength(64)),
  fastTrack: z.boolean(),
});
export type Draft = z.infer<typeof draftSchema>;

/**
 * Counts edits of the draft, on both sides: the page adds one per edit, the host one per change it
 * makes (prefill, restore, clear after a send). A reload finds the draft in two places, the page's
 * state and the host's store, either of which can be behind: the higher revision is the newer draft.
 */
export const draftRevision = z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/** A draft with its revision, as the host stores it and the page keeps it in its state. */
export const savedDraftSchema = z.strictObject({ draft: draftSchema, revision: draftRevision });
export type SavedDraft = z.infer<typeof savedDraftSchema>;

export const EMPTY_DRAFT: Draft = {
  to: '',
  from: '',
  message: '',
  attachments: [],
  fallbackWhen: [],
  fallbackFrom: '',
  fastTrack: false,
};

/** `imessage.compose` args (also used by "Open in Compose"): each given field prefills the draft. */
export const composeArgsSchema = z.strictObject({
  to: z.optional(z.string()),
  message: z.optional(z.string()),
  from: z.optional(z.string()),
  attachments: z.optional(z.array(z.string())),
});
export type ComposeArgs = z.infer<typeof composeArgsSchema>;

export const webviewMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('draft'), draft: draftSchema, revision: z.optional(draftRevision) }),
  z.strictObject({ type: z.literal('send'), draft: draftSchema, revision: z.optional(draftRevision) }),
  z.strictObject({ type: z.literal('reloadNumbers') }),
  z.strictObject({ type: z.literal('restoreReplaced') }),
  z.strictObject({ type: z.literal('showLog') }),
  /** A tapback on a bubble of the thread shown (its key as the host sent it). */
  z.strictObject({
    type: z.literal('react'),
    bubble: z.string().check(z.maxLength(1024)),
    tapback: z.enum(TAPBACKS),
    action: z.enum(['add', 'remove']),
  }),
  /** The user started or stopped typing (the page debounces). */
  z.strictObject({ type: z.literal('typing'), active: z.boolean() }),
]);
export type WebviewMessage = z.infer<typeof webviewMessage>;

/** The fields the panel can mark; `attachments[2]` marks one URL, `general` is not a field. */
export type FieldProblems = Partial<Record<string, string>>;

export interface Validation {
  /** Problems by field name as ValidationError names them (`to`, `attachments[1]`, `fallback.from`). */
  problems: FieldProblems;
  /** Hints shown under a valid field: the E.164 the recipient becomes, the contact it names. */
  hints: Partial<Record<'to' | 'from' | 'fallback.from', string>>;
  /** Non-blocking warnings (an iCloud email recipient). */
  warnings: string[];
}

export interface LeasedNumberOption {
  e164: string;
  label: string;
}

export type NumbersState = { status: 'loading' } | { status: 'ok'; numbers: LeasedNumberOption[] } | { status: 'error'; message: string };

export interface Suggestion {
  value: string;
  /** What the suggestion stands for: "contact: +1415…" or "recent". */
  detail: string;
}

export type SendResultView =
  | { ok: true; to: string; messageId?: string; apiVersion?: string; timestamp: number; endpoint: string }
  | { ok: false; message: string; field?: string; mayHaveBeenSent: boolean; agreementUrl?: string };

/** One bubble of the thread on top of the panel; the page renders `text` with the formatting engine. */
export interface BubbleView {
  key: string;
  direction: 'in' | 'out';
  text: string;
  attachments: string[];
  at: number;
  state: 'pending' | 'sent' | 'delayed' | 'delivered' | 'read' | 'failed';
  tapbacks: { reaction: string; mine: boolean }[];
  /** Why a send from here failed. */
  error?: string;
}

/** The conversation with the draft's recipient, as the panel shows it. */
export interface ThreadView {
  /** The other party: contact name and number, or the number. */
  title: string;
  bubbles: BubbleView[];
  /** Under the last sent message, as in Messages: "Delivered", "Read 10:42". */
  status?: string;
  unread: number;
  /** Why the last poll failed; the bubbles are still the last ones known. */
  error?: string;
  /** Instead of `error` while the API cannot be reached: one notice that clears by itself. */
  offline?: string;
  /** No answer from the API yet. */
  loading: boolean;
}

export type HostMessage =
  | {
      type: 'init';
      draft: Draft;
      revision: number;
      suggestions: Suggestion[];
      numbers: NumbersState;
      legacy: boolean;
      /** A draft that args replaced, still restorable. */
      replaced: boolean;
    }
  | { type: 'draft'; draft: Draft; revision: number; replaced: boolean }
  | { type: 'numbers'; numbers: NumbersState }
  | { type: 'suggestions'; suggestions: Suggestion[] }
  | { type: 'validation'; validation: Validation }
  | { type: 'sending' }
  | { type: 'result'; result: SendResultView }
  /** The conversation with the recipient; null when the recipient names no thread (empty, an email, invalid). */
  | { type: 'thread'; thread: ThreadView | null };
