// The Contiguity API as typed methods. It validates every request body before sending and returns
// the parsed envelope; the HTTP and retry rules live in http.ts and retry.ts.
import * as z from '../zod';
import { entitlementsData, leasedNumbersData, legacySuccess, messageHistoryData, sendIMessageData, successEnvelope } from '../schema';
import { redactError } from '../redact';
import type { ContiguityError } from './errors';
import { exchange } from './http';
import { planSend, type WireSend } from './request';
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
    return (await this.call('GET', '/entitlements', envelopeOf(entitlementsData), call)).data;
  }

  async leasedNumbers(call: CallOptions = {}) {
    return (await this.call('GET', '/numbers/leased', envelopeOf(leasedNumbersData), call)).data;
  }

  async messageStatus(id: string, call: CallOptions = {}) {
    const path = `/conversations/history/message/${encodeURIComponent(id)}?tracking=true`;
    return (await this.call('GET', path, envelopeOf(messageHistoryData), call)).data;
  }

  private call<T extends z.ZodMiniType>(method: 'GET' | 'POST', path: string, accept: T, call: CallOptions, body?: unknown, scheme: 'Bearer' | 'Token' = 'Bearer') {
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
          // A server may echo the Authorization header into its error: nothing leaves here carrying the token.
          redactError(error as ContiguityError, [this.options.token]);
          call.onEvent?.({ type: 'error', attempt, error: error as ContiguityError });
          throw error;
        }
      },
      this.options.retry ?? DEFAULT_RETRY,
      { signal: call.signal, onRetry: (notice) => call.onEvent?.({ type: 'retry', notice }) },
    );
  }
}

export { validateSendRequest } from './request';
