import { errorEnvelope, topLevelError, type Reply } from './envelope';
import { outageReply } from './outage';
import type { Fault } from './types';

interface Queued {
  fault: Fault;
  remaining: number;
  path?: string;
}

const KINDS = new Set<Fault['kind']>([
  'delay',
  'error500',
  'html502',
  'rateLimit',
  'resetBeforeBody',
  'resetAfterBody',
  'topLevelError',
  'envelopeError',
]);

/** FIFO of injected faults; each request consumes at most one, from the first entry whose path matches. */
export class FaultQueue {
  private queue: Queued[] = [];

  add(fault: Fault, opts: { times?: number; path?: string } = {}): void {
    const times = opts.times ?? 1;
    // Fail at the call site: a bad fault discovered inside the server would surface as a confusing 500.
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be an integer >= 1, got ${times}`);
    checkFault(fault);
    this.queue.push({ fault, remaining: times, path: opts.path });
  }

  take(pathname: string): Fault | undefined {
    const entry = this.queue.find((q) => q.path === undefined || pathname.startsWith(q.path));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue = this.queue.filter((q) => q !== entry);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }

  pending(): number {
    return this.queue.reduce((n, q) => n + q.remaining, 0);
  }
}

function checkFault(fault: Fault): void {
  if (!KINDS.has(fault?.kind)) throw new TypeError(`unknown fault kind ${JSON.stringify(fault?.kind)}`);
  if (fault.kind === 'delay' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new RangeError(`delay.ms must be a finite number >= 0, got ${fault.ms}`);
  }
  if ((fault.kind === 'topLevelError' || fault.kind === 'envelopeError') && !isStatus(fault.status)) {
    throw new RangeError(`${fault.kind}.status must be an integer HTTP status 200-599, got ${fault.status}`);
  }
  if (
    fault.kind === 'rateLimit' &&
    fault.retryAfterSec !== undefined &&
    !(Number.isInteger(fault.retryAfterSec) && fault.retryAfterSec >= 0)
  ) {
    throw new RangeError(`rateLimit.retryAfterSec must be an integer >= 0, got ${fault.retryAfterSec}`);
  }
}

function isStatus(n: number): boolean {
  return Number.isInteger(n) && n >= 200 && n <= 599;
}

// What nginx answers when the upstream is down; the client must not try to JSON.parse it.
const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** The canned answer for faults that answer (not delay or resets, which the server handles). */
export function faultReply(fault: Fault): Reply | undefined {
  switch (fault.kind) {
    case 'error500':
      return errorEnvelope(500, 'Internal Server Error');
    case 'html502':
      return { status: 502, headers: { 'Content-Type': 'text/html', Server: 'nginx' }, body: NGINX_502 };
    case 'rateLimit':
      return outageReply({ kind: 'rateLimit', retryAfterSec: fault.retryAfterSec });
    case 'topLevelError':
      return topLevelError(fault.status, fault.message);
    case 'envelopeError':
      return errorEnvelope(fault.status, fault.error, { agreementUrl: fault.agreementUrl });
    default:
      return undefined;
  }
}
