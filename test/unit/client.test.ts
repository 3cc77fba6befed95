import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { type ClientEvent, ContiguityClient, type ClientOptions } from '../../src/core/client/client';
import {
  AuthError,
  CancelledError,
  NetworkError,
  RateLimitedError,
  RequestRejectedError,
  ServerError,
  TimeoutError,
  UnreadableResponseError,
  ValidationError,
} from '../../src/core/client/errors';
import { type Sandbox, startSandbox } from '../../sandbox';

const MESSAGE = { to: '+14155552671', message: 'Build **done**' };
const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxWaitMs: 2_000 };

describe('ContiguityClient against the sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const client = (options: Partial<ClientOptions> = {}) =>
    new ContiguityClient({ baseUrl: sandbox.url, token: sandbox.token, timeoutMs: 2_000, retry: FAST_RETRY, ...options });

  /** Runs a send that must fail, returning the error and what the client reported. */
  async function failing(options: Partial<ClientOptions> = {}, request: unknown = MESSAGE) {
    const events: ClientEvent[] = [];
    const error = await client(options)
      .send(request, { onEvent: (e) => events.push(e) })
      .then(
        () => assert.fail('expected the send to fail'),
        (e: unknown) => e,
      );
    return { error, events };
  }

  it('sends with Bearer auth and a JSON body, and returns the envelope', async () => {
    const result = await client().send(MESSAGE);
    assert.equal(sandbox.requests.length, 1);
    const [req] = sandbox.requests;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.path, '/send/imessage');
    assert.equal(req!.headers.authorization, `Bearer ${sandbox.token}`);
    assert.match(String(req!.headers['content-type']), /^application\/json/);
    assert.deepEqual(req!.body, MESSAGE);
    const envelope = result.envelope as { id: string; object: string; data: { message_id: string }; timestamp: number };
    assert.match(envelope.id, /^req_/);
    assert.equal(envelope.object, 'response');
    assert.equal(result.messageId, envelope.data.message_id);
    assert.ok(envelope.timestamp > 1e12, 'timestamps are in milliseconds');
    assert.equal(sandbox.sent.length, 1);
  });

  it('refuses an invalid request before sending anything', async () => {
    const { error } = await failing({}, { to: '+14155552671', attachments: ['http://x.io/a.png'] });
    assert.ok(error instanceof ValidationError);
    assert.equal(error.field, 'attachments[0]');
    assert.equal(sandbox.requests.length, 0);
  });

  it('explains a bad token as an auth error, without retrying', async () => {
    const { error } = await failing({ token: 'contiguity_sk_wrong' });
    assert.ok(error instanceof AuthError);
    assert.equal(error.status, 401);
    assert.equal(error.mayHaveBeenSent, false);
    assert.equal(sandbox.requests.length, 1);
    assert.doesNotMatch(error.message, /contiguity_sk_wrong/);
  });

  it('gives the agreement link when an entitlement is missing', async () => {
    const { error } = await failing({}, { ...MESSAGE, fast_track: true });
    assert.ok(error instanceof AuthError);
    assert.equal(error.status, 403);
    assert.equal(error.agreementUrl, 'https://api.contiguity.com/entitlements/fast_track');
    assert.equal((error.envelope as { object: string }).object, 'error');
  });

  it('reports what the server refused with its envelope', async () => {
    const { error } = await failing({}, { ...MESSAGE, from: '+15559999999' });
    assert.ok(error instanceof RequestRejectedError);
    assert.equal(error.status, 400);
    assert.match(error.message, /from/);
    assert.match((error.envelope as { id: string }).id, /^err_/);
  });

  describe('faults', () => {
    it('times out, says it may have been sent, and never retries', async () => {
      sandbox.inject({ kind: 'delay', ms: 600 });
      const { error } = await failing({ timeoutMs: 150 });
      assert.ok(error instanceof TimeoutError);
      assert.ok(error.mayHaveBeenSent);
      assert.match(error.message, /may still have been sent/);
      assert.equal(sandbox.requests.length, 1);
      // It really was: the server finishes the send after the client gave up.
      await until(() => sandbox.sent.length === 1);
    });

    it('a 500 envelope is a server error that may have been sent, never retried', async () => {
      sandbox.inject({ kind: 'error500' }, { times: 3 });
      const { error } = await failing();
      assert.ok(error instanceof ServerError);
      assert.equal(error.status, 500);
      assert.ok(error.mayHaveBeenSent);
      assert.match(error.message, /may have been sent/);
      assert.equal((error.envelope as { object: string }).object, 'error');
      assert.equal(sandbox.requests.length, 1);
    });

    it('an HTML 502 page becomes a clear error, not a JSON crash', async () => {
      sandbox.inject({ kind: 'html502' }, { times: 3 });
      const { error } = await failing();
      assert.ok(error instanceof UnreadableResponseError);
      assert.equal(error.status, 502);
      assert.match(error.message, /HTTP 502 with an HTML page instead of JSON/);
      assert.match(error.message, /Bad Gateway/);
      assert.doesNotMatch(error.message, /Unexpected token|JSON\.parse|<html/i);
      assert.ok(error.mayHaveBeenSent);
      assert.equal(sandbox.requests.length, 1);
    });

    it('a reset before the body was read may have been sent: one request, no retry', async () => {
      sandbox.inject({ kind: 'resetBeforeBody' }, { times: 3 });
      const { error } = await failing();
      assert.ok(error instanceof NetworkError);
      assert.equal(error.phase, 'in-flight');
      assert.ok(error.mayHaveBeenSent);
      assert.equal(sandbox.requests.length, 1);
    });

    it('a reset after the body was read may have been sent: one request, no retry', async () => {
      sandbox.inject({ kind: 'resetAfterBody' }, { times: 3 });
      const { error } = await failing();
      assert.ok(error instanceof NetworkError);
      assert.ok(error.mayHaveBeenSent);
      assert.match(error.message, /may have been sent/);
      assert.equal(sandbox.requests.length, 1);
      assert.deepEqual(sandbox.requests[0]!.body, MESSAGE);
    });

    it('a top-level {message, status} error is read like an envelope', async () => {
      sandbox.inject({ kind: 'topLevelError', status: 400, message: 'to is not reachable' });
      const { error } = await failing();
      assert.ok(error instanceof RequestRejectedError);
      assert.match(error.message, /HTTP 400: to is not reachable/);
      assert.deepEqual(error.envelope, { message: 'to is not reachable', status: 400 });
    });

    it('a 429 honours Retry-After and then succeeds', async () => {
      sandbox.inject({ kind: 'rateLimit', retryAfterSec: 1 });
      const events: ClientEvent[] = [];
      const started = Date.now();
      const result = await client().send(MESSAGE, { onEvent: (e) => events.push(e) });
      assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
      assert.ok(result.messageId);
      assert.equal(sandbox.requests.length, 2);
      assert.equal(sandbox.sent.length, 1, 'sent exactly once');
      const retry = events.find((e) => e.type === 'retry');
      assert.ok(retry && retry.type === 'retry' && retry.notice.delayMs >= 1000);
    });

    it('a 429 that persists stops after a bounded number of attempts', async () => {
      sandbox.inject({ kind: 'rateLimit' }, { times: 10 });
      const { error } = await failing();
      assert.ok(error instanceof RateLimitedError);
      assert.equal(error.status, 429);
      assert.equal(sandbox.requests.length, FAST_RETRY.attempts);
      assert.equal(sandbox.sent.length, 0);
    });

    it('a Retry-After longer than we wait is reported, not waited out', async () => {
      sandbox.inject({ kind: 'rateLimit', retryAfterSec: 60 });
      const { error } = await failing();
      assert.ok(error instanceof RateLimitedError);
      assert.equal(error.retryAfterMs, 60_000);
      assert.equal(sandbox.requests.length, 1);
    });

    it('a refused connection is retried (nothing was sent) and then reported', async () => {
      const port = await closedPort();
      const { error, events } = await failing({ baseUrl: `http://127.0.0.1:${port}` });
      assert.ok(error instanceof NetworkError);
      assert.equal(error.phase, 'connect');
      assert.equal(error.mayHaveBeenSent, false);
      assert.equal(error.code, 'ECONNREFUSED');
      assert.match(error.message, /Nothing was sent/);
      assert.equal(events.filter((e) => e.type === 'request').length, FAST_RETRY.attempts);
    });

    it('cancelling stops waiting and says the message may have been sent', async () => {
      sandbox.inject({ kind: 'delay', ms: 500 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(client().send(MESSAGE, { signal: controller.signal }), CancelledError);
      assert.equal(sandbox.requests.length, 1);
      await until(() => sandbox.sent.length === 1);
    });
  });

  describe('legacy /send/text', () => {
    it('sends with Token auth and beta_features', async () => {
      const result = await client({ legacy: true, token: sandbox.legacyToken }).send({
        ...MESSAGE,
        from: '+15550000001',
        fallback: { when: ['imessage_fails'] },
      });
      const [req] = sandbox.requests;
      assert.equal(req!.path, '/send/text');
      assert.equal(req!.headers.authorization, `Token ${sandbox.legacyToken}`);
      assert.deepEqual(req!.body, {
        to: MESSAGE.to,
        message: MESSAGE.message,
        beta_features: { imessage: true, from: '+15550000001', fallback: true },
      });
      assert.equal((result.envelope as { message: string }).message, 'Successfully sent');
    });

    it('refuses what the legacy API cannot do before any request', async () => {
      for (const [extra, field] of [
        [{ attachments: ['https://x.io/a.png'] }, 'attachments'],
        [{ fast_track: true }, 'fast_track'],
        [{ fallback: { when: ['imessage_unsupported'] } }, 'fallback.when'],
      ] as const) {
        const { error } = await failing({ legacy: true }, { ...MESSAGE, ...extra });
        assert.ok(error instanceof ValidationError);
        assert.equal(error.field, field);
      }
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('read endpoints', () => {
    it('verifies a token, lists numbers and tracks a sent message', async () => {
      const entitlements = await client().entitlements();
      assert.ok(entitlements.data.entitlements.some((e) => e.name === 'fast_track'));
      const numbers = await client().leasedNumbers();
      assert.ok(numbers.data.numbers.some((n) => n.capabilities?.channels?.includes('imessage')));
      const { messageId } = await client().send(MESSAGE);
      const status = await client().messageStatus(messageId!);
      assert.equal(status.data.status, 'delivered');
      assert.equal(status.data.message, MESSAGE.message);
      await assert.rejects(client().messageStatus('imsg_unknown'), (e: unknown) => e instanceof RequestRejectedError && e.status === 404);
    });
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until(condition: () => boolean, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
