import type { IncomingMessage } from 'node:http';
import { TextDecoder } from 'node:util';
import { badRequest } from './errors';
import { isObject, type JsonObject } from './validate';

// Far above any real send (attachments are URLs); only here so a runaway client cannot exhaust memory.
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReadBody {
  bytes: Buffer;
  /** The body exceeded the limit; `bytes` holds only its start. */
  tooLarge: boolean;
  /** The connection went away before the body ended. */
  aborted: boolean;
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (tooLarge: boolean, aborted: boolean) => {
      if (done) return;
      done = true;
      resolve({ bytes: Buffer.concat(chunks), tooLarge, aborted });
    };
    // Past the limit the rest is drained, not stored: answering while the client is still writing
    // would reset the connection and the client would never see the 400.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => finish(size > limit, false));
    req.on('error', () => finish(false, true));
    req.on('close', () => finish(false, !req.complete));
  });
}

/** `application/json`, parameters allowed; a charset other than UTF-8 is refused since JSON is UTF-8. */
export function contentTypeProblem(header: string | undefined): string | null {
  if (!header) return 'Content-Type header is missing; send `Content-Type: application/json`';
  const [type, ...params] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') {
    return `Content-Type must be application/json, got ${JSON.stringify(header)}`;
  }
  for (const param of params) {
    const [key, value = ''] = param.split('=');
    const charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
    if (key.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8') {
      return `Content-Type charset must be utf-8, got ${JSON.stringify(header)}`;
    }
  }
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses a request body that must be a JSON object; the 400 says exactly why it is not. */
export function parseJsonObject(bytes: Buffer): JsonObject {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw badRequest('Request body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = text.trim() === '' ? 'the body is empty' : (err as Error).message;
    throw badRequest(`Request body is not valid JSON: ${detail}`);
  }
  if (!isObject(value)) throw badRequest('Request body must be a JSON object');
  return value;
}

/** For recording only: lenient, never throws. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
