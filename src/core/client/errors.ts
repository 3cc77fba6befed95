// Every failure the UI has to explain is its own type. Each says whether the message may already
// have reached the recipient, because that decides whether offering "Retry" is safe.
import type { ErrorEnvelope, TopLevelError } from '../schema';

export type ErrorBody = ErrorEnvelope | TopLevelError;

export abstract class ContiguityError extends Error {
  abstract readonly kind: string;
  /** True when the request may have reached the server: never retry it automatically. */
  abstract readonly mayHaveBeenSent: boolean;
  readonly status?: number;
  readonly envelope?: unknown;

  constructor(message: string, init: { status?: number; envelope?: unknown; cause?: unknown } = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    if (init.status !== undefined) this.status = init.status;
    if (init.envelope !== undefined) this.envelope = init.envelope;
  }
}

/** The request was refused before sending: `field` names what is wrong. */
export class ValidationError extends ContiguityError {
  readonly kind = 'validation';
  readonly mayHaveBeenSent = false;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field} ${reason}` : reason);
  }
}

/**
 * 401/403: bad token, or an entitlement the account lacks. `agreementUrl` is where to get it, set
 * only when the link is safe to open; `agreementText` is what the server named, for showing as text.
 */
export class AuthError extends ContiguityError {
  readonly kind = 'auth';
  readonly mayHaveBeenSent = false;
  constructor(
    message: string,
    status: number,
    envelope: unknown,
    readonly agreementUrl?: string,
    readonly agreementText: string | undefined = agreementUrl,
  ) {
    super(message, { status, envelope });
  }
}

export class RateLimitedError extends ContiguityError {
  readonly kind = 'rate-limited';
  readonly mayHaveBeenSent = false;
  constructor(
    message: string,
    envelope: unknown,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message, { status: 429, envelope });
  }
}

/** A 4xx other than auth and rate limits: the API refused the request, nothing was sent. */
export class RequestRejectedError extends ContiguityError {
  readonly kind = 'rejected';
  readonly mayHaveBeenSent = false;
  constructor(message: string, status: number, envelope: unknown) {
    super(message, { status, envelope });
  }
}

/** 5xx: the API failed, possibly after sending. */
export class ServerError extends ContiguityError {
  readonly kind = 'server';
  readonly mayHaveBeenSent = true;
  constructor(
    message: string,
    status: number,
    envelope: unknown,
    readonly bodyText: string,
  ) {
    super(message, { status, envelope });
  }
}

/** The connection failed. `phase: 'connect'` means no byte of the request left this machine. */
export class NetworkError extends ContiguityError {
  readonly kind = 'network';
  readonly mayHaveBeenSent: boolean;
  constructor(
    message: string,
    readonly phase: 'connect' | 'in-flight',
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(message, { cause });
    this.mayHaveBeenSent = phase === 'in-flight';
  }
}

/**
 * The request's deadline passed: connecting, the headers and the whole body must all arrive within
 * it. The request may have reached the server before that.
 */
export class TimeoutError extends ContiguityError {
  readonly kind = 'timeout';
  readonly mayHaveBeenSent = true;
  constructor(
    readonly timeoutMs: number,
    note = 'The message may still have been sent: check before retrying.',
    /** The response's headers had come: the API answered, slowly. Otherwise nothing came back at all. */
    readonly answered = false,
  ) {
    super(`No complete response from the API within ${timeoutMs / 1000} s. ${note}`);
  }
}

/** The body grew past the cap (counted after decompression), so we stopped reading it. */
export class ResponseTooLargeError extends ContiguityError {
  readonly kind = 'too-large';
  readonly mayHaveBeenSent: boolean;
  constructor(
    readonly limitBytes: number,
    status: number,
    note: string,
  ) {
    super(`The API's response (HTTP ${status}) was larger than ${megabytes(limitBytes)}, so it was not read. ${note}`, { status });
    // As for an unreadable body: only a 4xx says the API refused the request.
    this.mayHaveBeenSent = !(status >= 400 && status < 500);
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export class CancelledError extends ContiguityError {
  readonly kind = 'cancelled';
  readonly mayHaveBeenSent = true;
  constructor() {
    super('Cancelled. If the request had already left, the message may still have been sent.');
  }
}

/** A body that is not the JSON we expect, such as a proxy's HTML 502 page. */
export class UnreadableResponseError extends ContiguityError {
  readonly kind = 'unreadable';
  readonly mayHaveBeenSent: boolean;
  constructor(
    message: string,
    status: number,
    readonly contentType: string,
    readonly bodyExcerpt: string,
  ) {
    super(message, { status });
    // Only a 4xx tells us the API refused it; a 2xx or a gateway error may follow a real send.
    this.mayHaveBeenSent = !(status >= 400 && status < 500);
  }
}

/**
 * The request could not even be built or started (an invalid header, a URL fetch will not parse, a
 * port fetch refuses): no byte left this machine, so it is never "may have been sent".
 */
export class UnsendableRequestError extends ContiguityError {
  readonly kind = 'unsendable';
  readonly mayHaveBeenSent = false;
  constructor(
    readonly part: 'header' | 'url' | 'port',
    reason: string,
  ) {
    super(`The request could not be sent: ${reason}. Nothing was sent.`);
  }
}

/**
 * What an automatic sender may do after a failed send, decided here once for every caller (the
 * retries inside one request and the outbox across minutes):
 * - 'retry': surely not sent, and likely to pass later: no connection (offline, DNS, refused, TLS)
 *   or a 429, with or without Retry-After;
 * - 'final': surely not sent, but sending again would fail the same way (bad input, token, a 4xx,
 *   a request that could not be built, a cancel before it left);
 * - 'maybe-sent': the request may have reached the server (a timeout, a reset after connecting,
 *   any 5xx: the contract names no 503 as safe): never sent again, only reported.
 * Anything that is not a ContiguityError is 'maybe-sent': what we cannot read, we must not resend.
 */
export type SendFailure = 'retry' | 'final' | 'maybe-sent';

export function classifySendFailure(error: unknown): SendFailure {
  if (!(error instanceof ContiguityError) || error.mayHaveBeenSent) return 'maybe-sent';
  return (error instanceof NetworkError && error.phase === 'connect') || error instanceof RateLimitedError ? 'retry' : 'final';
}

/** An automatic text queued behind an earlier one to the same recipient that still waits in the outbox. */
export class WaitingBehindError extends ContiguityError {
  readonly kind = 'waiting-behind';
  readonly mayHaveBeenSent = false;
  constructor() {
    super('An earlier text to the same recipient still waits in the outbox: this one goes right after it.');
  }
}

/** Another window took this outbox text to send it: this one sent nothing and must not report it. */
export class SentElsewhereError extends ContiguityError {
  readonly kind = 'sent-elsewhere';
  readonly mayHaveBeenSent = false;
  constructor() {
    super('Another VS Code window is sending this text: nothing was sent from here.');
  }
}

export const SENT_WARNING = 'The message may have been sent: check the recipient before retrying.';
/** What a failed read says instead: a GET changes nothing, so asking again is always safe. */
export const READ_NOTE = 'Nothing was sent: reading again is safe.';

export class MissingTokenError extends ContiguityError {
  readonly kind = 'no-token';
  readonly mayHaveBeenSent = false;
  constructor() {
    super('No Contiguity API token is set. Run "iMessage: Set API Token".');
  }
}
