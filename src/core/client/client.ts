// The Contiguity API as typed methods. It validates every request body before sending and returns
// the parsed envelope; the HTTP and retry rules live in http.ts and retry.ts.
import * as z from '../zod';
import {
  availabilityData,
  e164,
  entitlementsData,
  fieldName,
  historyData,
  leasedNumbersData,
  legacySuccess,
  messageHistoryData,
  reactionData,
  reactionRequest,
  readReceiptData,
  readRequest,
  sendIMessageData,
  successEnvelope,
  typingData,
  typingRequest,
} from '../schema';
import { redactError } from '../redact';
import { type ContiguityError, READ_NOTE, ValidationError } from './errors';
import { exchange } from './http';
import { planSend, type WireSend } from './request';
import { DEFAULT_RETRY, READ_RETRY, type RetryNotice, type RetryPolicy, withRetry } from './retry';

export interface ClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Send through the legacy `/send/text` endpoint. */
  legacy?: boolean;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
}

/** What the client reports about each attempt, for the log. Never carries the token. */
export type ClientEvent =
  | { type: 'request'; attempt: number; method: string; url: string; body?: unknown }
  | { type: 'response'; attempt: number; status: number; durationMs: number; envelope: unknown }
  | { type: 'error'; attempt: number; error: ContiguityError }
  | { type: 'retry'; notice: RetryNotice };

export interface CallOptions {
  signal?: AbortSignal;
  onEvent?: (event: ClientEvent) => void;
  /** Overrides the client's policy for this call (a poller that keeps its own backoff passes NO_RETRY). */
  retry?: RetryPolicy;
}

/** The most messages one history call may ask for (the API's limit). */
export const MAX_HISTORY_LIMIT = 200;

/** The POSTs beside sending: none of them carries a message, so what they may have done is said plainly. */
const ACTION_NOTE = 'It may have reached Contiguity.';

export interface SendResult {
  /** The API's answer as received: the response envelope (legacy: `{ message, crumbs }`). */
  envelope: unknown;
  /** The message id, when the API gives one (the legacy API does not). */
  messageId?: string;
  status: number;
  endpoint: string;
}

const envelopeOf = <T extends z.ZodMiniType>(data: T) => z.extend(successEnvelope, { data });

export class ContiguityClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Validate, then send once (retrying only where nothing can have been sent). */
  async send(request: unknown, call: CallOptions = {}): Promise<SendResult> {
    return this.sendWire(planSend(request, this.options.legacy ? 'legacy' : 'current'), call);
  }

  /** Sends exactly what `planSend` decided: the one way a message leaves. */
  async sendWire(wire: WireSend, call: CallOptions = {}): Promise<SendResult> {
    if (wire.path === '/send/text') {
      const res = await this.call(wire.method, wire.path, legacySuccess, call, wire.body, wire.scheme);
      return { envelope: res.json, status: res.status, endpoint: wire.path };
    }
    const res = await this.call(wire.method, wire.path, envelopeOf(sendIMessageData), call, wire.body, wire.scheme);
    return { envelope: res.json, messageId: res.data.data.message_id, status: res.status, endpoint: wire.path };
  }

  async entitlements(call: CallOptions = {}) {
    return (await this.read('/entitlements', envelopeOf(entitlementsData), call)).data;
  }

  async leasedNumbers(call: CallOptions = {}) {
    return (await this.read('/numbers/leased', envelopeOf(leasedNumbersData), call)).data;
  }

  async messageStatus(id: string, call: CallOptions = {}) {
    const path = `/conversations/history/message/${encodeURIComponent(id)}?tracking=true`;
    return (await this.read(path, envelopeOf(messageHistoryData), call)).data;
  }

  /** A thread, both directions, oldest first. Reads are retried where safe; their errors say so. */
  async history(to: string, from: string, limit = 20, call: CallOptions = {}) {
    const person = checked(e164, to, 'to');
    const ours = checked(e164, from, 'from');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
      throw new ValidationError('limit', `must be an integer from 1 to ${MAX_HISTORY_LIMIT}`);
    }
    const path = `/conversations/history/imessage/${encodeURIComponent(person)}/${encodeURIComponent(ours)}/${limit}`;
    return (await this.read(path, envelopeOf(historyData), call)).data;
  }

  /** Does this number have iMessage. */
  async availability(to: string, call: CallOptions = {}) {
    const path = `/conversations/availability/imessage/${encodeURIComponent(checked(e164, to, 'to'))}`;
    return (await this.read(path, envelopeOf(availabilityData), call)).data;
  }

  async typing(request: unknown, call: CallOptions = {}) {
    return (await this.action('/send/imessage/typing', typingRequest, envelopeOf(typingData), request, call)).data;
  }

  /** A read receipt for the whole thread. */
  async markRead(request: unknown, call: CallOptions = {}) {
    return (await this.action('/send/imessage/read', readRequest, envelopeOf(readReceiptData), request, call)).data;
  }

  /** A tapback on the latest message with exactly this text (the API has no message ids here). */
  async react(request: unknown, call: CallOptions = {}) {
    return (await this.action('/send/imessage/reactions', reactionRequest, envelopeOf(reactionData), request, call)).data;
  }

  private read<T extends z.ZodMiniType>(path: string, accept: T, call: CallOptions) {
    return this.call('GET', path, accept, { retry: READ_RETRY, ...call }, undefined, 'Bearer', READ_NOTE);
  }

  /** A POST beside sending (typing, read receipt, tapback): its body checked before it leaves. */
  private action<T extends z.ZodMiniType>(path: string, body: z.ZodMiniType, accept: T, request: unknown, call: CallOptions) {
    return this.call('POST', path, accept, call, checked(body, request), 'Bearer', ACTION_NOTE);
  }

  private call<T extends z.ZodMiniType>(
    method: 'GET' | 'POST',
    path: string,
    accept: T,
    call: CallOptions,
    body?: unknown,
    scheme: 'Bearer' | 'Token' = 'Bearer',
    sentNote?: string,
  ) {
    const url = this.baseUrl + path;
    return withRetry(
      async (attempt) => {
        call.onEvent?.({ type: 'request', attempt, method, url, body });
        try {
          const res = await exchange(
            {
              method,
              url,
              body,
              authorization: `${scheme} ${this.options.token}`,
              timeoutMs: this.options.timeoutMs,
              signal: call.signal,
              fetch: this.options.fetch,
              sentNote,
            },
            accept,
          );
          call.onEvent?.({ type: 'response', attempt, status: res.status, durationMs: res.durationMs, envelope: res.json });
          return res;
        } catch (error) {
          // A server may echo the Authorization header into its error: nothing leaves here carrying the token.
          redactError(error as ContiguityError, [this.options.token]);
          call.onEvent?.({ type: 'error', attempt, error: error as ContiguityError });
          throw error;
        }
      },
      call.retry ?? this.options.retry ?? DEFAULT_RETRY,
      { signal: call.signal, onRetry: (notice) => call.onEvent?.({ type: 'retry', notice }) },
    );
  }
}

/** The request as the schema reads it, or a ValidationError naming the first wrong field. */
function checked<T extends z.ZodMiniType>(schema: T, value: unknown, field = ''): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const name = [field, fieldName(path)].filter(Boolean).join('.');
  throw new ValidationError(name, issue.code === 'unrecognized_keys' ? 'is not a field of this request' : issue.message);
}

export { validateSendRequest } from './request';
