// The Contiguity API as typed methods. It validates every request body before sending and returns
// the parsed envelope; the HTTP and retry rules live in http.ts and retry.ts.
import * as z from 'zod';
import {
  entitlementsData,
  fieldName,
  leasedNumbersData,
  legacySendTextRequest,
  legacySuccess,
  messageHistoryData,
  sendIMessageData,
  sendIMessageRequest,
  type SendIMessageRequest,
  successEnvelope,
} from '../schema';
import { type ContiguityError, ValidationError } from './errors';
import { exchange } from './http';
import { toLegacyRequest } from './legacy';
import { DEFAULT_RETRY, type RetryNotice, type RetryPolicy, withRetry } from './retry';

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
}

export interface SendResult {
  /** The API's answer as received: the response envelope (legacy: `{ message, crumbs }`). */
  envelope: unknown;
  /** The message id, when the API gives one (the legacy API does not). */
  messageId?: string;
  status: number;
  endpoint: string;
}

const envelopeOf = <T extends z.ZodType>(data: T) => successEnvelope.extend({ data });

export class ContiguityClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Validate, then send once (retrying only where nothing can have been sent). */
  async send(request: unknown, call: CallOptions = {}): Promise<SendResult> {
    const req = validateSendRequest(request);
    if (this.options.legacy) {
      const body = legacySendTextRequest.parse(toLegacyRequest(req));
      const res = await this.call('POST', '/send/text', legacySuccess, call, body, 'Token');
      return { envelope: res.json, status: res.status, endpoint: '/send/text' };
    }
    const res = await this.call('POST', '/send/imessage', envelopeOf(sendIMessageData), call, req);
    return { envelope: res.json, messageId: res.data.data.message_id, status: res.status, endpoint: '/send/imessage' };
  }

  async entitlements(call: CallOptions = {}) {
    return (await this.call('GET', '/entitlements', envelopeOf(entitlementsData), call)).data;
  }

  async leasedNumbers(call: CallOptions = {}) {
    return (await this.call('GET', '/numbers/leased', envelopeOf(leasedNumbersData), call)).data;
  }

  async messageStatus(id: string, call: CallOptions = {}) {
    const path = `/conversations/history/message/${encodeURIComponent(id)}?tracking=true`;
    return (await this.call('GET', path, envelopeOf(messageHistoryData), call)).data;
  }

  private call<T extends z.ZodType>(method: 'GET' | 'POST', path: string, accept: T, call: CallOptions, body?: unknown, scheme: 'Bearer' | 'Token' = 'Bearer') {
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
            },
            accept,
          );
          call.onEvent?.({ type: 'response', attempt, status: res.status, durationMs: res.durationMs, envelope: res.json });
          return res;
        } catch (error) {
          call.onEvent?.({ type: 'error', attempt, error: error as ContiguityError });
          throw error;
        }
      },
      this.options.retry ?? DEFAULT_RETRY,
      { signal: call.signal, onRetry: (notice) => call.onEvent?.({ type: 'retry', notice }) },
    );
  }
}

/** Check a request against the contract; the first problem names its field. */
export function validateSendRequest(request: unknown): SendIMessageRequest {
  const parsed = sendIMessageRequest.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    return fail(fieldName([...issue.path, issue.keys[0]!]), 'is not a field of the send request');
  }
  return fail(fieldName(issue.path), issue.message);
}

function fail(field: string, reason: string): never {
  throw new ValidationError(field, reason);
}
