// Everything outside the API: the inbox page at `/`, and the documented control routes under
// `/__sandbox/` that the page and tests use to act as the person at the other end. Loopback only,
// no token; not recorded in `requests` and never faulted, so tests of the API see only the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeProblem, parseJsonObject, readBody } from './body';
import { errorEnvelope, success, writeReply, type Reply } from './envelope';
import { ApiError, badRequest } from './errors';
import { PAGE_CSP, PAGE_CSS, PAGE_HTML, pageScript } from './inbox/assets';
import type { InboxEvents } from './inbox/events';
import { snapshot } from './inbox/snapshot';
import { markRead, react, receive, setMode } from './phone';
import { redactAuthorization } from './auth';
import type { SandboxState } from './state';
import { parseOutage } from './outage';
import type { Outage, RecordedRequest } from './types';
import type { JsonObject } from './validate';

export const CONTROL_PREFIX = '/__sandbox/';
const CONTROL_BODY_LIMIT = 64 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ControlEnv {
  state: SandboxState;
  events: InboxEvents;
  requests: RecordedRequest[];
  reset(): void;
  /** Removes the tokens from text that leaves the sandbox. */
  redact(text: string): string;
  setOutage(outage: Outage, opts: { forMs?: number }): void;
}

export function isControlPath(pathname: string): boolean {
  return pathname === '/' || pathname === '/favicon.ico' || pathname.startsWith(CONTROL_PREFIX);
}

const ACTIONS: Record<string, (state: SandboxState, body: JsonObject) => unknown> = {
  inbound: (state, body) => ({ message_id: receive(state, body).id }),
  reactions: (state, body) => {
    const r = react(state, body);
    return { status: r.action, message_id: r.messageId };
  },
  read: (state, body) => ({ read: markRead(state, body) }),
  mode: (state, body) => ({ mode: setMode(state, body) }),
};

/** Answers a page or control request; returns what the log line needs. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  env: ControlEnv,
): Promise<{ status: number; body?: unknown }> {
  const method = req.method ?? '';
  const hostProblem = checkHost(req);
  if (hostProblem) return send(res, errorEnvelope(403, hostProblem));
  if (method === 'GET' && pathname === `${CONTROL_PREFIX}events`) {
    env.events.open(req, res);
    return { status: 200 };
  }
  if (method === 'GET') return send(res, await getResource(pathname, env));
  if (method !== 'POST') {
    return send(res, errorEnvelope(405, `Method ${method} not allowed on ${pathname}`, { headers: { Allow: 'GET, POST' } }));
  }
  const name = pathname.slice(CONTROL_PREFIX.length);
  const action =
    name === 'reset'
      ? () => (env.reset(), { reset: true })
      : name === 'outage'
        ? (_: SandboxState, b: JsonObject) => switchOutage(env, b, res)
        : ACTIONS[name];
  if (!pathname.startsWith(CONTROL_PREFIX) || !action) return send(res, errorEnvelope(404, `No control route POST ${pathname}`));
  const body = await readBody(req, CONTROL_BODY_LIMIT);
  let parsed: JsonObject | undefined;
  try {
    const crossSite = checkOrigin(req);
    if (crossSite) throw new ApiError(403, crossSite);
    if (body.tooLarge) throw badRequest(`Request body is larger than ${CONTROL_BODY_LIMIT} bytes`);
    const ctProblem = contentTypeProblem(req.headers['content-type']);
    if (ctProblem) throw badRequest(ctProblem);
    parsed = parseJsonObject(body.bytes);
    return send(res, success(action(env.state, parsed)), parsed);
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(500, `Internal sandbox error: ${(err as Error)?.message ?? err}`);
    return send(res, errorEnvelope(e.status, e.message), parsed);
  }
}

/** Applied once the answer has left: a "down" closes the port and every socket, this one included. */
function switchOutage(env: ControlEnv, body: JsonObject, res: ServerResponse): unknown {
  let parsed: ReturnType<typeof parseOutage>;
  try {
    parsed = parseOutage(body);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
  const { outage, forMs } = parsed;
  if (outage.kind === 'down' && forMs === undefined) {
    throw badRequest('forMs is required with kind "down": the port closes, so no control request could switch it back');
  }
  if (outage.kind === 'down') res.setHeader('Connection', 'close');
  res.once('finish', () => env.setOutage(outage, { forMs }));
  return { outage, ...(forMs === undefined ? {} : { forMs }) };
}

async function getResource(pathname: string, env: ControlEnv): Promise<Reply> {
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  switch (pathname) {
    case '/':
      return {
        status: 200,
        headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, 'X-Frame-Options': 'DENY' },
        body: PAGE_HTML,
      };
    case `${CONTROL_PREFIX}inbox.css`:
      return { status: 200, headers: { ...headers, 'Content-Type': 'text/css; charset=utf-8' }, body: PAGE_CSS };
    case `${CONTROL_PREFIX}inbox.js`:
      return { status: 200, headers: { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }, body: await pageScript() };
    case `${CONTROL_PREFIX}state`:
      return success(snapshot(env.state));
    case `${CONTROL_PREFIX}requests`:
      return success({ requests: JSON.parse(env.redact(JSON.stringify(env.requests.map(publicRecord)))) });
    case '/favicon.ico':
      return { status: 204, headers, body: '' };
    default:
      return errorEnvelope(404, `No control route GET ${pathname}`);
  }
}

/** Recorded requests as tests read them over HTTP: the Authorization header keeps only its scheme. */
function publicRecord(r: RecordedRequest) {
  return { ...r, headers: { ...r.headers, authorization: r.headers.authorization && redactAuthorization(r.headers.authorization) } };
}

/** DNS rebinding: a hostile site's name pointed at 127.0.0.1 still sends its own name as Host. */
function checkHost(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? '';
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK.has(name) ? undefined : `The inbox and control routes answer only loopback host names, got Host ${JSON.stringify(host)}`;
}

/** A page on another origin may POST to loopback; the browser says where it came from. */
function checkOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return `Cross-origin control request from ${origin} refused`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Cross-site control request (${site}) refused`;
  return undefined;
}

function send(res: ServerResponse, reply: Reply, body?: unknown): { status: number; body?: unknown } {
  writeReply(res, reply);
  return { status: reply.status, body };
}
