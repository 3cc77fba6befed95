// One HTTP exchange with the API: a hard deadline, a size cap, cancellation, and turning whatever
// comes back (envelope, top-level error, HTML page, reset socket) into a typed result or a typed error.
import type * as z from '../zod';
import { MAX_RESPONSE_BYTES } from '../limits';
import { safeAgreementUrl } from '../links';
import { errorEnvelope, topLevelError } from '../schema';
import {
  AuthError,
  CancelledError,
  ContiguityError,
  NetworkError,
  RateLimitedError,
  RequestRejectedError,
  ResponseTooLargeError,
  SENT_WARNING,
  ServerError,
  TimeoutError,
  UnreadableResponseError,
  UnsendableRequestError,
} from './errors';

/**
 * Failures where the socket never carried our request: safe to try again. TLS sends the request
 * only after the handshake, so a certificate or handshake failure is one of them.
 */
const CONNECT_FAILURE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  authorization: string;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** What a failure that may have reached the server says about it (default: the message may have been sent). */
  sentNote?: string;
}

export interface HttpResponse<T> {
  status: number;
  /** The body as received, for the log and for callers who want the raw envelope. */
  json: unknown;
  data: T;
  durationMs: number;
}

export async function exchange<T extends z.ZodMiniType>(req: HttpRequest, accept: T): Promise<HttpResponse<z.infer<T>>> {
  const started = Date.now();
  const sentNote = req.sentNote ?? SENT_WARNING;
  if (req.signal?.aborted) throw new CancelledError();
  const headers = requestHeaders(req.authorization, req.body !== undefined);
  preflight(req.url, headers);
  const controller = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let stop: (error: ContiguityError) => void = () => {};
  // The deadline covers connecting, the headers and the whole body, and does not wait for fetch to
  // honour its signal: on Node 20, reading the body of a server that stalled after its headers never
  // settled after the abort (over a minute with a 3 s timeout). The race settles when the timer
  // fires; aborting and cancelling then only release the socket and the stream.
  const stopped = new Promise<never>((_, reject) => {
    stop = (error) => {
      reject(error);
      controller.abort();
      reader?.cancel().catch(() => {});
    };
  });
  let answered = false;
  const timer = setTimeout(() => stop(new TimeoutError(req.timeoutMs, req.sentNote, answered)), req.timeoutMs);
  const onCancel = () => stop(new CancelledError());
  req.signal?.addEventListener('abort', onCancel, { once: true });
  const receive = async (): Promise<[Response, string]> => {
    let res: Response;
    try {
      res = await (req.fetch ?? fetch)(req.url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : encodeBody(req.body),
        signal: controller.signal,
        redirect: 'error',
      });
      answered = true;
      reader = res.body?.getReader();
      // The headers came after the deadline: nobody will read this body.
      if (controller.signal.aborted) reader?.cancel().catch(() => {});
      return [res, await readCapped(reader, res.status, statusNote(res.status, sentNote))];
    } catch (err) {
      if (err instanceof ContiguityError) throw err;
      throw notStarted(err, req.url) ?? networkError(err, sentNote);
    }
  };
  try {
    const [res, text] = await Promise.race([receive(), stopped]);
    const json = parseJson(text);
    if (res.status < 200 || res.status > 299) throw errorFromResponse(res, json, text, req.url, sentNote);
    if (json === NOT_JSON) throw unreadable(res, text, sentNote);
    const parsed = accept.safeParse(json);
    if (!parsed.success) {
      throw new UnreadableResponseError(
        `The API answered HTTP ${res.status} with JSON of an unexpected shape (${parsed.error.issues[0]?.message ?? 'unknown'}). ${sentNote}`,
        res.status,
        res.headers.get('content-type') ?? '',
        excerpt(text),
      );
    }
    return { status: res.status, json, data: parsed.data, durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCancel);
    // A body left unread (too large) must not keep its socket; after a complete answer this does nothing.
    controller.abort();
  }
}

/**
 * The body as text, read as it arrives: bytes are counted after fetch has decompressed them, and
 * the stream is cancelled the moment they pass MAX_RESPONSE_BYTES.
 */
async function readCapped(reader: ReadableStreamDefaultReader<Uint8Array> | undefined, status: number, note: string): Promise<string> {
  if (!reader) return '';
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > MAX_RESPONSE_BYTES) {
      reader.cancel().catch(() => {});
      throw new ResponseTooLargeError(MAX_RESPONSE_BYTES, status, note);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** The headers of every request, in the order sent. Shared with the dry run and the cURL export. */
export function requestHeaders(authorization: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  return headers;
}

/** The body's bytes as sent. */
export function encodeBody(body: unknown): string {
  return JSON.stringify(body);
}

/**
 * Builds the request the way fetch will, before any socket exists: an invalid header (a token with
 * a line break, NUL or a character beyond Latin-1) or an unparsable URL fails here, known unsent.
 * The messages name the part, never the value (an invalid header value is the token).
 */
function preflight(url: string, headers: Record<string, string>): void {
  try {
    new URL(url);
  } catch {
    throw new UnsendableRequestError('url', `"${url}" is not a valid URL (check imessage.api.baseUrl)`);
  }
  for (const [name, value] of Object.entries(headers)) {
    // Stricter than fetch (which sends Latin-1 as is): only visible ASCII and spaces travel reliably.
    if (!/^[\x20-\x7e]*$/.test(value)) {
      throw new UnsendableRequestError(
        'header',
        `the ${name} header would carry a line break, NUL, control or non-ASCII character${name === 'Authorization' ? ' from the stored API token: set it again with "iMessage: Set API Token"' : ''}`,
      );
    }
  }
}

/** fetch rejects some requests before connecting; its reasons say so. Anything else may have left. */
function notStarted(err: unknown, url: string): UnsendableRequestError | undefined {
  const cause = (err as { cause?: { message?: unknown } } | undefined)?.cause;
  if (cause?.message === 'bad port') {
    const port = new URL(url).port;
    return new UnsendableRequestError(
      'port',
      `fetch refuses to connect to port ${port}, which belongs to another protocol (check imessage.api.baseUrl)`,
    );
  }
  const message = (err as { message?: unknown } | undefined)?.message;
  if (err instanceof TypeError && typeof message === 'string') {
    if (/invalid header|ByteString/i.test(message)) return new UnsendableRequestError('header', 'a request header is not valid HTTP');
    if (/^Failed to parse URL/.test(message)) return new UnsendableRequestError('url', `"${url}" is not a valid URL`);
  }
  return undefined;
}

const NOT_JSON = Symbol('not json');

function parseJson(text: string): unknown {
  if (text.trim() === '') return NOT_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function networkError(err: unknown, sentNote: string): NetworkError {
  const code = errorCode(err);
  const detail = describeCause(err);
  if (code && (CONNECT_FAILURE_CODES.has(code) || code.startsWith('ERR_SSL_'))) {
    return new NetworkError(`Could not connect to the API (${detail}). Nothing was sent.`, 'connect', code, err);
  }
  return new NetworkError(`The connection failed during the request (${detail}). ${sentNote}`, 'in-flight', code, err);
}

/** Node's fetch hides the socket error in `cause` (sometimes two levels down). */
function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describeCause(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && message && !parts.includes(message)) parts.push(message);
  }
  return parts.join(': ') || String(err);
}

function errorFromResponse(res: Response, json: unknown, text: string, apiUrl: string, sentNote: string): ContiguityError {
  if (json === NOT_JSON) return unreadable(res, text, sentNote);
  const status = res.status;
  const env = errorEnvelope.safeParse(json);
  const top = topLevelError.safeParse(json);
  const serverMessage = env.success ? env.data.data.error : top.success ? top.data.message : res.statusText || 'no message';
  const summary = `HTTP ${status}: ${serverMessage}`;
  if (status === 401 || status === 403) {
    const named = env.success ? env.data.data.agreement_url : undefined;
    // Only a safe link becomes something to click; any other is kept as text (see links.ts).
    return new AuthError(summary, status, json, safeAgreementUrl(named, apiUrl), named);
  }
  if (status === 429) {
    return new RateLimitedError(
      `Rate limited by the API (${summary}). Nothing was sent.`,
      json,
      retryAfterMs(res.headers.get('retry-after')),
    );
  }
  if (status >= 500) return new ServerError(`The API failed (${summary}). ${sentNote}`, status, json, text);
  return new RequestRejectedError(`The API refused the request (${summary}). Nothing was sent.`, status, json);
}

function unreadable(res: Response, text: string, sentNote: string): UnreadableResponseError {
  const contentType = res.headers.get('content-type') ?? 'no content type';
  const what =
    text.trim() === '' ? 'an empty body' : /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'a body that is not JSON';
  const note = statusNote(res.status, sentNote);
  const shown = excerpt(text);
  return new UnreadableResponseError(
    `The API answered HTTP ${res.status} with ${what} instead of JSON${shown ? ` ("${shown}")` : ''}. ${note}`,
    res.status,
    contentType,
    shown,
  );
}

/** What a failure with this status says about the request: a 4xx is the API refusing it. */
function statusNote(status: number, sentNote: string): string {
  return status >= 400 && status < 500 ? 'Nothing was sent.' : sentNote;
}

/** The readable words of a body (an HTML error page's title and heading), short enough for a notification. */
function excerpt(text: string): string {
  const words = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 160 ? `${words.slice(0, 157)}...` : words;
}

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
