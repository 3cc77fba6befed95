// The one classification of failed sends (core/client/errors.ts classifySendFailure), checked on
// the errors the real client raises against the sandbox's faults and outages, not on hand-made ones.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContiguityClient } from '../../src/core/client/client';
import { classifySendFailure, MissingTokenError, type SendFailure } from '../../src/core/client/errors';
import { NO_RETRY } from '../../src/core/client/retry';
import { startSandbox, type Fault, type Outage, type Sandbox } from '../../sandbox';

const MESSAGE = { to: '+14155552671', message: 'Build done' };

describe('classifySendFailure: which failed sends surely did not reach the server', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ pacing: false, delivery: 'instant' });
  });
  after(() => sb.close());
  beforeEach(async () => {
    sb.reset();
    await sb.outage({ kind: 'up' });
  });

  async function failure(options: { baseUrl?: string; timeoutMs?: number; token?: string; request?: unknown } = {}): Promise<unknown> {
    const client = new ContiguityClient({
      baseUrl: options.baseUrl ?? sb.url,
      token: options.token ?? sb.token,
      timeoutMs: options.timeoutMs ?? 2_000,
      retry: NO_RETRY,
    });
    return client.send(options.request ?? MESSAGE).then(
      () => assert.fail('expected the send to fail'),
      (e: unknown) => e,
    );
  }

  const outages: [string, Outage, SendFailure][] = [
    ['API down (connection refused)', { kind: 'down' }, 'retry'],
    ['429 without Retry-After', { kind: 'rateLimit' }, 'retry'],
    ['429 with Retry-After', { kind: 'rateLimit', retryAfterSec: 30 }, 'retry'],
    // The contract: "a request that timed out or got a 5xx may still have been sent"; it names no safe 503.
    ['503 without Retry-After', { kind: 'unavailable' }, 'maybe-sent'],
    ['503 with Retry-After', { kind: 'unavailable', retryAfterSec: 30 }, 'maybe-sent'],
  ];
  for (const [name, outage, expected] of outages) {
    it(`${name}: ${expected}`, async () => {
      await sb.outage(outage);
      assert.equal(classifySendFailure(await failure()), expected);
    });
  }

  const faults: [string, Fault, SendFailure][] = [
    ['reset after the body', { kind: 'resetAfterBody' }, 'maybe-sent'],
    ['reset before the body was read', { kind: 'resetBeforeBody' }, 'maybe-sent'],
    ['500', { kind: 'error500' }, 'maybe-sent'],
    ['HTML 502 from a proxy', { kind: 'html502' }, 'maybe-sent'],
    ['400 (refused)', { kind: 'envelopeError', status: 400, error: 'Bad Request' }, 'final'],
    ['403 (entitlement)', { kind: 'envelopeError', status: 403, error: 'Forbidden' }, 'final'],
  ];
  for (const [name, fault, expected] of faults) {
    it(`${name}: ${expected}`, async () => {
      sb.inject(fault);
      assert.equal(classifySendFailure(await failure()), expected);
    });
  }

  it('a timeout (the server got the body and answers late): maybe-sent', async () => {
    sb.inject({ kind: 'delay', ms: 400 });
    assert.equal(classifySendFailure(await failure({ timeoutMs: 100 })), 'maybe-sent');
  });

  it('DNS failure (a name that cannot resolve): retry', async () => {
    assert.equal(classifySendFailure(await failure({ baseUrl: 'http://no-such-host.invalid' })), 'retry');
  });

  it('TLS handshake failure (https to a plain HTTP port: the request is never written): retry', async () => {
    let received = 0;
    const plain = http.createServer((_req, res) => (received++, res.end('{}')));
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      const error = await failure({ baseUrl: `https://127.0.0.1:${(plain.address() as AddressInfo).port}` });
      assert.equal(classifySendFailure(error), 'retry');
      assert.equal(received, 0);
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('invalid input, a bad token, no token: final', async () => {
    assert.equal(classifySendFailure(await failure({ request: { to: 'nobody', message: 'x' } })), 'final');
    assert.equal(classifySendFailure(await failure({ token: 'contiguity_sk_wrong' })), 'final');
    assert.equal(classifySendFailure(new MissingTokenError()), 'final');
  });

  it('anything that is not a client error: maybe-sent (what we cannot read, we do not resend)', () => {
    assert.equal(classifySendFailure(new Error('?')), 'maybe-sent');
    assert.equal(classifySendFailure('boom'), 'maybe-sent');
  });
});
