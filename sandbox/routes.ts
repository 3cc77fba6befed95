import type { IncomingHttpHeaders } from 'node:http';
import { currentAuthProblem, legacyAuthProblem } from './auth';
import { contentTypeProblem, parseJsonObject } from './body';
import type { Ctx } from './context';
import { errorEnvelope, topLevelError, type Reply } from './envelope';
import { ApiError, badRequest } from './errors';
import { getHistory, sendReaction, sendRead } from './conversation';
import { sendText } from './legacy';
import { getAvailability, getEntitlements, getLeasedNumbers, getMessage } from './reads';
import { sendImessage, sendTyping } from './send';
import type { SandboxState } from './state';

interface Route {
  method: 'GET' | 'POST';
  /** Anchored at both ends: a trailing slash or a doubled base path is a client bug, hence 404. */
  pattern: RegExp;
  /** Query parameters the route understands; any other is a 400 (usually a typo). */
  query: readonly string[];
  legacy?: boolean;
  handler: (ctx: Ctx) => Reply;
}

const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: /^\/send\/imessage$/, query: [], handler: sendImessage },
  { method: 'POST', pattern: /^\/send\/imessage\/typing$/, query: [], handler: sendTyping },
  { method: 'POST', pattern: /^\/send\/imessage\/read$/, query: [], handler: sendRead },
  { method: 'POST', pattern: /^\/send\/imessage\/reactions$/, query: [], handler: sendReaction },
  // The official JS SDK lists entitlements with a trailing slash; the only path that takes one.
  { method: 'GET', pattern: /^\/entitlements\/?$/, query: [], handler: getEntitlements },
  { method: 'GET', pattern: /^\/numbers\/leased$/, query: [], handler: getLeasedNumbers },
  { method: 'GET', pattern: /^\/conversations\/history\/message\/([^/]+)$/, query: ['tracking'], handler: getMessage },
  {
    method: 'GET',
    pattern: /^\/conversations\/history\/imessage\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/,
    query: ['tracking'],
    handler: getHistory,
  },
  { method: 'GET', pattern: /^\/conversations\/availability\/imessage\/([^/]+)$/, query: [], handler: getAvailability },
  { method: 'POST', pattern: /^\/send\/text$/, query: [], legacy: true, handler: sendText },
];

export interface RoutedRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RouteEnv {
  state: SandboxState;
  token: string;
  legacyToken: string;
}

/** Decides the whole answer to a (fully read) request. Never throws. */
export function dispatch(req: RoutedRequest, env: RouteEnv): Reply {
  const matches = ROUTES.filter((r) => r.pattern.test(req.pathname));
  const legacy = matches.some((r) => r.legacy);
  try {
    // 404 before 401 so a wrong base URL is reported as such, whatever the token.
    if (matches.length === 0) throw new ApiError(404, `No route ${req.method} ${req.pathname}`);
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      const allow = matches.map((r) => r.method).join(', ');
      // 405 (not 404): the path exists, and saying which method it takes is the useful answer.
      throw new ApiError(405, `Method ${req.method} not allowed on ${req.pathname}; use ${allow}`, { headers: { Allow: allow } });
    }
    const authProblem = route.legacy
      ? legacyAuthProblem(req.headers.authorization, env.legacyToken)
      : currentAuthProblem(req.headers.authorization, env.token);
    if (authProblem) throw new ApiError(401, authProblem);
    checkQuery(req.query, route.query);
    return route.handler({
      state: env.state,
      params: route.pattern
        .exec(req.pathname)!
        .slice(1)
        .map((p) => (p === undefined ? p : decodeParam(p))) as string[],
      query: req.query,
      body: route.method === 'POST' ? parseBody(req) : {},
    });
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(500, `Internal sandbox error: ${(err as Error)?.message ?? err}`);
    return legacy ? topLevelError(e.status, e.message, e.extra.headers) : errorEnvelope(e.status, e.message, e.extra);
  }
}

function parseBody(req: RoutedRequest) {
  const ctProblem = contentTypeProblem(req.headers['content-type']);
  // 400 rather than 415: the contract documents only 400/401/403/500 (and 404), and clients map 400s.
  if (ctProblem) throw badRequest(ctProblem);
  return parseJsonObject(req.body);
}

function checkQuery(query: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of query.keys()) {
    if (!allowed.includes(key)) throw badRequest(`Unknown query parameter \`${key}\``);
    if (seen.has(key)) throw badRequest(`Query parameter \`${key}\` given more than once`);
    seen.add(key);
  }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest(`Malformed percent-encoding in path segment ${JSON.stringify(raw)}`);
  }
}
