// Public types of the sandbox. Deliberately independent of src/: the sandbox is a second,
// separately written reading of the API contract, so a bug in the client's schemas cannot hide here.

export type EntitlementStatus = 'granted' | 'available' | 'ineligible';
export type EntitlementName = 'fast_track' | 'imessage' | 'sms';
export type NumberChannel = 'sms' | 'mms' | 'rcs' | 'imessage' | 'whatsapp';
export type LeaseStatus = 'active' | 'paused' | 'expired' | 'terminated';
export type FallbackWhen = 'imessage_unsupported' | 'imessage_fails';
/** Where a sent message is: it moves queued → sent → delivered → read (or fails at once). */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
/** How a recipient's phone behaves: normal iMessage, no iMessage at all, or iMessage sends that fail. */
export type NumberMode = 'imessage' | 'no-imessage' | 'failing';
export type Tapback = 'love' | 'like' | 'dislike' | 'laugh' | 'emphasize' | 'question';

/** One entry of `GET /numbers/leased` → `data.numbers`, as documented. */
export interface LeasedNumber {
  id: string;
  number: { e164: string; formatted: string };
  capabilities: { intl_sms: boolean; channels: NumberChannel[] };
  lease_status: LeaseStatus;
  location: { country: string; region: string; city: string };
  carrier: string;
}

/** A message the sandbox accepted (and so would have been sent for real). */
export interface SentMessage {
  id: string;
  to: string;
  /** The number it went out from: the requested `from`, the one the sandbox picked, or the SMS fallback number. */
  from: string;
  /** '' when the request carried only attachments. */
  message: string;
  attachments: string[];
  fallback: { when: FallbackWhen[]; from: string | null } | null;
  channel: 'imessage' | 'sms';
  status: MessageStatus;
  fastTrack: boolean;
  api: 'current' | 'legacy';
  timestamp: number;
  /** When it reached the phone, or null. */
  deliveredAt: number | null;
  /** When the recipient read it, or null. */
  read: number | null;
  /** Every status change, in order: the `tracking` timeline. */
  events: TrackingEvent[];
}

export interface TrackingEvent {
  event: string;
  title: string;
  at: number;
}

/** A message the recipient sent to one of our numbers (injected from the inbox page or a test). */
export interface InboundMessage {
  id: string;
  /** The person. */
  from: string;
  /** Our leased number. */
  to: string;
  message: string;
  attachments: string[];
  timestamp: number;
  /** When we sent a read receipt for it, or null. */
  read: number | null;
}

/** One tapback added or removed; `by` is whoever tapped (our number or the person). */
export interface ReactionEvent {
  reaction: Tapback;
  messageId: string;
  /** The text of the message reacted to, as history reports it. */
  on: string;
  action: 'added' | 'removed';
  by: string;
  timestamp: number;
}

/**
 * When a sent message becomes sent, delivered and read, in ms after it was accepted
 * (`readMs: null`: only when the recipient reads it on the inbox page or through a control route).
 */
export interface DeliveryTiming {
  sentMs: number;
  deliveredMs: number;
  readMs: number | null;
}

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'error500' }
  | { kind: 'html502' }
  | { kind: 'rateLimit'; retryAfterSec?: number }
  | { kind: 'resetBeforeBody' }
  | { kind: 'resetAfterBody' }
  | { kind: 'topLevelError'; status: number; message: string }
  | { kind: 'envelopeError'; status: number; error: string; agreementUrl?: string };

/**
 * A lasting fault, until switched back to 'up'. 'down' closes the listening port, so a client gets
 * ECONNREFUSED before writing any byte (as with a server that is off); 'rateLimit' answers 429 and
 * 'unavailable' 503 to every API request, with Retry-After when `retryAfterSec` is given.
 */
export type Outage = { kind: 'up' } | { kind: 'down' } | { kind: 'rateLimit' | 'unavailable'; retryAfterSec?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  body: unknown;
  status?: number;
  at: number;
}

export interface PacingOptions {
  perSecond: number;
  burst: number;
}

export interface SandboxOptions {
  host?: string;
  port?: number;
  token?: string;
  legacyToken?: string;
  entitlements?: Partial<Record<EntitlementName, EntitlementStatus>>;
  numbers?: LeasedNumber[];
  pacing?: PacingOptions | false;
  /** Time source for pacing, in ms. Tests pass a clock they move by hand so pacing is deterministic. */
  clock?: () => number;
  /** Recipients that have no iMessage: availability answers false and sends to them fail or fall back. */
  unreachable?: string[];
  /** Status timing of sent messages; 'instant' delivers at once and never reads by itself (deterministic tests). */
  delivery?: Partial<DeliveryTiming> | 'instant';
  log?: (line: string) => void;
}

export interface Sandbox {
  url: string;
  port: number;
  token: string;
  legacyToken: string;
  /** The inbox page (a phone you can watch and answer from). */
  inboxUrl: string;
  /** API requests only: the inbox page and control routes are not recorded. */
  requests: RecordedRequest[];
  sent: SentMessage[];
  inbound: InboundMessage[];
  reactions: ReactionEvent[];
  /** The person writes to one of our numbers, as `POST /__sandbox/inbound` does. */
  receive(input: { from: string; to: string; message?: string; attachments?: string[] }): InboundMessage;
  /** The person reacts to a message (by text, latest first, or by id), as `POST /__sandbox/reactions` does. */
  react(input: {
    from: string;
    to: string;
    action: 'add' | 'remove';
    tapback: Tapback;
    message?: string;
    message_id?: string;
  }): ReactionEvent;
  /** The person reads everything delivered to them in the thread, as `POST /__sandbox/read` does. */
  markRead(input: { from: string; to: string }): number;
  /** How a recipient's phone behaves from now on, as `POST /__sandbox/mode` does. */
  setMode(number: string, mode: NumberMode): void;
  inject(fault: Fault, opts?: { times?: number; path?: string }): void;
  /**
   * Switches a lasting outage on (or off with `{ kind: 'up' }`), as `POST /__sandbox/outage` does;
   * resolves once the port is closed or open again. `forMs` switches it back to 'up' after that long.
   * reset() leaves it alone: reopening the port is asynchronous.
   */
  outage(outage: Outage, opts?: { forMs?: number }): Promise<void>;
  /** The outage in force. */
  currentOutage(): Outage;
  clearFaults(): void;
  /** How many faulted requests are still queued (sum of remaining `times`). */
  pendingFaults(): number;
  reset(): void;
  setEntitlement(name: string, status: EntitlementStatus): void;
  close(): Promise<void>;
}
