// The conversation endpoints of the client, against the sandbox: paths, bodies, validation, and
// reads that are retried where safe and say so when they fail.
import assert from 'node:assert/strict';
import { ContiguityClient } from '../../../src/core/client/client';
import { RateLimitedError, READ_NOTE, ServerError, ValidationError } from '../../../src/core/client/errors';
import { NO_RETRY } from '../../../src/core/client/retry';
import { type Sandbox, startSandbox } from '../../../sandbox';

const OURS = '+15550000001';
const THEM = '+14155552671';

describe('ContiguityClient conversation endpoints against the sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const client = () =>
    new ContiguityClient({
      baseUrl: sandbox.url,
      token: sandbox.token,
      timeoutMs: 2_000,
      retry: { attempts: 3, baseDelayMs: 5, maxWaitMs: 2_000 },
    });

  it('history: both directions and reactions, with the numbers URL-encoded in the path', async () => {
    await client().send({ to: THEM, from: OURS, message: 'hi' });
    sandbox.receive({ from: THEM, to: OURS, message: 'hello back' });
    sandbox.react({ from: THEM, to: OURS, action: 'add', tapback: 'love', message: 'hi' });
    const envelope = await client().history(THEM, OURS, 20);
    assert.deepEqual(
      envelope.data.conversation.map((m) => [m.from, m.message]),
      [
        [OURS, 'hi'],
        [THEM, 'hello back'],
      ],
    );
    assert.deepEqual(
      envelope.data.reactions?.map((r) => [r.reaction, r.on, r.action]),
      [['love', 'hi', 'added']],
    );
    assert.equal(
      sandbox.requests.at(-1)!.path,
      `/conversations/history/imessage/${encodeURIComponent(THEM)}/${encodeURIComponent(OURS)}/20`,
    );
  });

  it('availability, typing, read receipt and tapback reach the API with the documented bodies', async () => {
    await client().send({ to: THEM, from: OURS, message: 'react to me' });
    sandbox.receive({ from: THEM, to: OURS, message: 'unread' });
    assert.equal((await client().availability(THEM)).data.available, true);
    sandbox.setMode(THEM, 'no-imessage');
    assert.equal((await client().availability(THEM)).data.available, false);
    sandbox.setMode(THEM, 'imessage');
    assert.equal((await client().typing({ to: THEM, from: OURS, action: 'start' })).data.status, 'started');
    await client().markRead({ to: THEM, from: OURS });
    assert.notEqual(sandbox.inbound[0]!.read, null);
    await client().react({ to: THEM, from: OURS, action: 'add', tapback: 'like', message: 'react to me' });
    assert.deepEqual(
      sandbox.reactions.map((r) => [r.reaction, r.by, r.on]),
      [['like', OURS, 'react to me']],
    );
    const posts = sandbox.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body]);
    assert.deepEqual(posts.slice(1), [
      ['/send/imessage/typing', { to: THEM, from: OURS, action: 'start' }],
      ['/send/imessage/read', { to: THEM, from: OURS }],
      ['/send/imessage/reactions', { to: THEM, from: OURS, action: 'add', tapback: 'like', message: 'react to me' }],
    ]);
  });

  it('refuses bad input before any request, naming the field', async () => {
    const fails = async (run: () => Promise<unknown>, field: string) => {
      const error = await run().then(
        () => assert.fail('expected a ValidationError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ValidationError, String(error));
      assert.equal(error.field, field);
    };
    await fails(() => client().history('4155552671', OURS), 'to');
    await fails(() => client().history(THEM, 'mine'), 'from');
    await fails(() => client().history(THEM, OURS, 201), 'limit');
    await fails(() => client().availability('../numbers/leased'), 'to');
    await fails(() => client().typing({ to: THEM, action: 'pause' }), 'action');
    await fails(() => client().markRead({ to: THEM }), 'from');
    await fails(() => client().react({ to: THEM, from: OURS, action: 'add', tapback: 'wow', message: 'x' }), 'tapback');
    await fails(() => client().react({ to: THEM, from: OURS, action: 'add', tapback: 'like', message: 'x', id: 'imsg_1' }), 'id');
    assert.equal(sandbox.requests.length, 0);
  });

  it('a read is retried after a 500 (it changes nothing), and a failed read says that retrying is safe', async () => {
    sandbox.inject({ kind: 'error500' }, { times: 1, path: '/conversations/history' });
    const ok = await client().history(THEM, OURS);
    assert.deepEqual(ok.data.conversation, []);
    assert.equal(sandbox.requests.length, 2);

    sandbox.inject({ kind: 'error500' }, { times: 1, path: '/conversations/history' });
    const error = await client()
      .history(THEM, OURS, 20, { retry: NO_RETRY })
      .then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ServerError);
    assert.ok(error.message.endsWith(READ_NOTE), error.message);
    assert.doesNotMatch(error.message, /message may have been sent/);
  });

  it('a 429 on a read carries Retry-After for the poller', async () => {
    sandbox.inject({ kind: 'rateLimit', retryAfterSec: 7 }, { times: 1, path: '/conversations/history' });
    const error = await client()
      .history(THEM, OURS, 20, { retry: NO_RETRY })
      .then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 7_000);
  });
});
