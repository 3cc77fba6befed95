// One request from arrival to answer: record, apply an injected fault, route, log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, tryParseJson, MAX_BODY_BYTES } from './body';
import { handleControl, isControlPath, type ControlEnv } from './control';
import { errorEnvelope, writeReply, type Reply } from './envelope';
import { faultReply, type FaultQueue } from './faults';
import { outageReply } from './outage';
import { logLine } from './log';
import { dispatch, type RouteEnv } from './routes';
import type { Outage, RecordedRequest } from './types';

export interface PipelineEnv extends RouteEnv {
  requests: RecordedRequest[];
  faults: FaultQueue;
  /** The lasting outage in force; its answer takes precedence over the one-request faults. */
  outage(): Outage;
  /** Resolves false when the sandbox is closing, so a delayed request is dropped instead of handled. */
  sleep(ms: number): Promise<boolean>;
  log?: (line: string) => void;
  control: ControlEnv;
}

// A client that vanishes mid-request makes req/res emit errors; the sandbox must shrug, not crash.
const noop = () => undefined;

export async function handleRequest(req: IncomingMessage, res: ServerResponse, env: PipelineEnv): Promise<void> {
  const started = Date.now();
  const target = splitTarget(req.url ?? '');
  req.on('error', noop);
  res.on('error', noop);
  if (target && isControlPath(target.pathname)) {
    const { status, body } = await handleControl(req, res, target.pathname, env.control);
    env.log?.(logLine({ method: req.method ?? '', target: req.url ?? '', outcome: status, ms: Date.now() - started, body }));
    return;
  }
  const record: RecordedRequest = {
    method: req.method ?? '',
    path: target?.pathname ?? req.url ?? '',
    query: target ? Object.fromEntries(target.query) : {},
    headers: { ...req.headers },
    bodyText: '',
    body: undefined,
    at: started,
  };
  // Recorded on arrival, so `requests` keeps arrival order even when a delayed one answers last.
  env.requests.push(record);
  const held = outageReply(env.outage());
  const fault = held ? undefined : env.faults.take(record.path);
  const finish = (status: number | undefined, note?: string) => {
    record.status = status;
    env.log?.(
      logLine({
        method: record.method,
        target: req.url ?? '',
        outcome: status ?? note ?? 'no answer',
        ms: Date.now() - started,
        api: { authorization: req.headers.authorization },
        body: record.body,
        fault: fault?.kind,
      }),
    );
  };

  if (fault?.kind === 'resetBeforeBody') {
    req.socket.destroy();
    return finish(undefined, 'reset');
  }
  const body = await readBody(req);
  record.bodyText = body.bytes.toString('utf8');
  record.body = tryParseJson(record.bodyText);
  if (body.aborted) return finish(undefined, 'client aborted');
  if (fault?.kind === 'resetAfterBody') {
    req.socket.destroy();
    return finish(undefined, 'reset');
  }
  // After a delay the request is handled even if the client gave up: a real server cannot tell,
  // and tests of "a timed-out send may still have been sent" depend on exactly that.
  if (fault?.kind === 'delay' && !(await env.sleep(fault.ms))) return finish(undefined, 'dropped (closing)');

  const canned = held ?? (fault && faultReply(fault));
  let reply: Reply;
  if (canned) reply = canned;
  else if (body.tooLarge) {
    reply = errorEnvelope(400, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
  } else if (!target) reply = errorEnvelope(400, `Malformed request target ${JSON.stringify(req.url)}`);
  else {
    reply = dispatch(
      { method: record.method, pathname: target.pathname, query: target.query, headers: req.headers, body: body.bytes },
      env,
    );
  }
  writeReply(res, reply);
  finish(reply.status);
}

/** Origin-form only (`/path?query`); parsed by hand because `new URL('//x', base)` would treat `x` as a host. */
function splitTarget(raw: string): { pathname: string; query: URLSearchParams } | undefined {
  if (!raw.startsWith('/')) return undefined;
  const q = raw.indexOf('?');
  return q < 0
    ? { pathname: raw, query: new URLSearchParams() }
    : { pathname: raw.slice(0, q), query: new URLSearchParams(raw.slice(q + 1)) };
}
