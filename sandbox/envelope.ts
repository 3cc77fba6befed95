import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const API_VERSION = 'v2026.8.2';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random [A-Za-z0-9]{n}. The modulo bias is irrelevant: these are ids, not secrets. */
export function randomAlnum(n = 16): string {
  let out = '';
  for (const b of randomBytes(n)) out += ALNUM[b % ALNUM.length];
  return out;
}

/** A fully decided answer; handlers return these so they stay pure and testable. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function success(data: unknown): Reply {
  return jsonReply(200, {
    id: `req_${randomAlnum()}`,
    timestamp: Date.now(),
    api_version: API_VERSION,
    object: 'response',
    data,
  });
}

export interface ErrorExtra {
  agreementUrl?: string;
  headers?: Record<string, string>;
}

export function errorEnvelope(status: number, error: string, extra: ErrorExtra = {}): Reply {
  const data: Record<string, unknown> = { error, status };
  if (extra.agreementUrl !== undefined) data.agreement_url = extra.agreementUrl;
  return jsonReply(
    status,
    { id: `err_${randomAlnum()}`, timestamp: Date.now(), api_version: API_VERSION, object: 'error', data },
    extra.headers,
  );
}

/** The legacy API (and sometimes the current one) answers errors as `{ message, status }`. */
export function topLevelError(status: number, message: string, headers?: Record<string, string>): Reply {
  return jsonReply(status, { message, status }, headers);
}

/** Writes a reply unless the client is already gone (a timed-out client must not crash us). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.socket?.destroyed || res.headersSent) return;
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}
