// The sandbox's lasting outages, as the outbox's tests use them: a port that refuses connections,
// and 429/503 answers to every API request, switched on and off in process and over the control route.
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';

const TO = '+14155552671';

function send(sb: Sandbox): Promise<Response> {
  return fetch(`${sb.url}/send/imessage`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ to: TO, message: 'hi' }),
  });
}

function control(sb: Sandbox, body: unknown): Promise<Response> {
  return fetch(`${sb.url}/__sandbox/outage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The socket error under fetch's TypeError, or undefined when the request got an answer. */
async function connectError(sb: Sandbox): Promise<string | undefined> {
  try {
    await send(sb);
    return undefined;
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code ?? String(err);
  }
}

async function until(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sandbox outages', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ pacing: false, delivery: 'instant' });
  });
  afterEach(() => sb.close());

  it('"down" refuses connections (ECONNREFUSED, nothing recorded) until switched up on the same port', async () => {
    const res = await send(sb); // a keep-alive socket exists now: down must close it too
    assert.equal(res.status, 200);
    await sb.outage({ kind: 'down' });
    assert.deepEqual(sb.currentOutage(), { kind: 'down' });
    assert.equal(await connectError(sb), 'ECONNREFUSED');
    assert.equal(sb.requests.length, 1);
    await sb.outage({ kind: 'up' });
    assert.equal((await send(sb)).status, 200);
    assert.equal(sb.sent.length, 2);
  });

  it('"down" over the control route answers first, then closes the port for forMs', async () => {
    const res = await control(sb, { kind: 'down', forMs: 300 });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).data, { outage: { kind: 'down' }, forMs: 300 });
    await until(async () => (await connectError(sb)) === 'ECONNREFUSED');
    await until(async () => (await connectError(sb)) === undefined);
    assert.deepEqual(sb.currentOutage(), { kind: 'up' });
  });

  it('refuses "down" over the control route without forMs, and bad fields by name', async () => {
    for (const [body, field] of [
      [{ kind: 'down' }, /forMs is required/],
      [{ kind: 'off' }, /^kind must be one of/],
      [{ kind: 'rateLimit', retryAfterSec: -1 }, /^retryAfterSec must be/],
      [{ kind: 'down', forMs: 'soon' }, /^forMs must be/],
    ] as const) {
      const res = await control(sb, body);
      assert.equal(res.status, 400);
      assert.match((await res.json()).data.error, field);
    }
    assert.deepEqual(sb.currentOutage(), { kind: 'up' });
    await assert.rejects(sb.outage({ kind: 'nope' } as never), /kind must be one of/);
  });

  for (const [kind, status] of [
    ['rateLimit', 429],
    ['unavailable', 503],
  ] as const) {
    it(`"${kind}" answers ${status} to every API request, with Retry-After only when given, and sends nothing`, async () => {
      await sb.outage({ kind });
      let res = await send(sb);
      assert.equal(res.status, status);
      assert.equal(res.headers.get('retry-after'), null);
      assert.equal((await res.json()).data.status, status);
      const ctl = await control(sb, { kind, retryAfterSec: 7 }); // control routes keep working
      assert.equal(ctl.status, 200);
      await until(async () => sb.currentOutage().kind === kind && 'retryAfterSec' in sb.currentOutage());
      res = await send(sb);
      assert.equal(res.status, status);
      assert.equal(res.headers.get('retry-after'), '7');
      assert.equal(sb.sent.length, 0);
      assert.equal(sb.requests.length, 2);
      await sb.outage({ kind: 'up' });
      assert.equal((await send(sb)).status, 200);
    });
  }

  it('an outage takes precedence over queued one-request faults, which wait for it to end', async () => {
    sb.inject({ kind: 'error500' });
    await sb.outage({ kind: 'rateLimit', retryAfterSec: 1 });
    assert.equal((await send(sb)).status, 429);
    assert.equal(sb.pendingFaults(), 1);
    await sb.outage({ kind: 'up' });
    assert.equal((await send(sb)).status, 500);
  });

  it('closes cleanly while down', async () => {
    await sb.outage({ kind: 'down' }, { forMs: 60_000 });
    await sb.close();
  });
});
