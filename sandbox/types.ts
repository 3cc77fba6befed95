// Public types of the sandbox. Deliberately independent of src/: the sandbox is a second,
// separately written reading of the API contract, so a bug in the client's schemas cannot hide here.

export type EntitlementStatus = 'granted' | 'available' | 'ineligible';
export type EntitlementName = 'fast_track' | 'imessage' | 'sms';
export type NumberChannel = 'sms' | 'mms' | 'rcs' | 'imessage' | 'whatsapp';
export type LeaseStatus = 'active' | 'paused' | 'expired' | 'terminated';
export type FallbackWhen = 'imessage_unsupported' | 'imessage_fails';

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
  status: 'delivered' | 'failed';
  fastTrack: boolean;
  api: 'current' | 'legacy';
  timestamp: number;
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
  log?: (line: string) => void;
}

export interface Sandbox {
  url: string;
  port: number;
  token: string;
  legacyToken: string;
  requests: RecordedRequest[];
  sent: SentMessage[];
  inject(fault: Fault, opts?: { times?: number; path?: string }): void;
  clearFaults(): void;
  /** How many faulted requests are still queued (sum of remaining `times`). */
  pendingFaults(): number;
  reset(): void;
  setEntitlement(name: string, status: EntitlementStatus): void;
  close(): Promise<void>;
}
