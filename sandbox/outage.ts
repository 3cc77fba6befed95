// A lasting fault, unlike the one-request FaultQueue: the API is down, or answers every request
// with 429 or 503 until switched back. Control routes and the inbox page are never affected, so a
// test can always switch it off again (except "down", which closes the port: see server.ts).
import { errorEnvelope, type Reply } from './envelope';
import type { Outage } from './types';

const KINDS = new Set<Outage['kind']>(['up', 'down', 'rateLimit', 'unavailable']);
/** How long a "down" switched on over HTTP may last: the port is closed, so nothing could switch it back. */
export const MAX_DOWN_MS = 10 * 60_000;

/** Checks an outage from a control request or a test; names the field at fault. */
export function parseOutage(body: Record<string, unknown>): { outage: Outage; forMs?: number } {
  const kind = body.kind as Outage['kind'];
  if (!KINDS.has(kind)) throw new TypeError(`kind must be one of ${[...KINDS].join(', ')}, got ${JSON.stringify(body.kind)}`);
  const retryAfterSec = body.retryAfterSec;
  if (retryAfterSec !== undefined && !(Number.isInteger(retryAfterSec) && (retryAfterSec as number) >= 0)) {
    throw new RangeError(`retryAfterSec must be an integer >= 0, got ${JSON.stringify(retryAfterSec)}`);
  }
  const forMs = body.forMs;
  if (forMs !== undefined && !(Number.isInteger(forMs) && (forMs as number) > 0 && (forMs as number) <= MAX_DOWN_MS)) {
    throw new RangeError(`forMs must be an integer from 1 to ${MAX_DOWN_MS}, got ${JSON.stringify(forMs)}`);
  }
  const outage: Outage =
    kind === 'rateLimit' || kind === 'unavailable'
      ? { kind, ...(retryAfterSec === undefined ? {} : { retryAfterSec: retryAfterSec as number }) }
      : { kind };
  return { outage, forMs: forMs as number | undefined };
}

/** The answer every API request gets while the outage lasts, or undefined when it is not answered here. */
export function outageReply(outage: Outage): Reply | undefined {
  if (outage.kind !== 'rateLimit' && outage.kind !== 'unavailable') return undefined;
  const headers: Record<string, string> = outage.retryAfterSec === undefined ? {} : { 'Retry-After': String(outage.retryAfterSec) };
  return outage.kind === 'rateLimit'
    ? errorEnvelope(429, 'Too Many Requests', { headers })
    : errorEnvelope(503, 'Service Unavailable', { headers });
}
