// Contiguity's official JS SDK (npm `contiguity`) against the sandbox: every iMessage call it
// makes must succeed, with its own paths, headers (`Token` auth) and bodies. The SDK has its API
// origin built in, so the only thing changed is where fetch goes: https://api.contiguity.com → the sandbox.
import assert from 'node:assert/strict';
import type { Contiguity } from 'contiguity' with { 'resolution-mode': 'import' };
import { startSandbox, type Sandbox } from '../../sandbox';

const API = 'https://api.contiguity.com';
const TO = '+14155552671';
const FROM = '+15550000001';

describe('official Contiguity SDK against the sandbox', () => {
  let sb: Sandbox;
  let sdk: Contiguity;
  const realFetch = globalThis.fetch;

  before(async () => {
    sb = await startSandbox({ pacing: false, delivery: 'instant' });
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      assert.ok(url.startsWith(`${API}/`), `the SDK called ${url}`);
      return realFetch(sb.url + url.slice(API.length), init);
    };
    const { Contiguity: Sdk } = await import('contiguity');
    sdk = new Sdk(sb.token);
  });
  after(async () => {
    globalThis.fetch = realFetch;
    await sb.close();
  });
  beforeEach(() => sb.reset());

  it('sends with Token auth and reads the message back', async () => {
    const sent = await sdk.imessage.send({ to: TO, from: FROM, message: 'Hello from the **SDK**' });
    assert.match(sent.message_id, /^imsg_/);
    assert.equal(sb.requests[0].headers.authorization, `Token ${sb.token}`);
    assert.deepEqual(sb.requests[0].body, { to: TO, from: FROM, message: 'Hello from the **SDK**' });
    const got = await sdk.imessage.get(sent.message_id);
    assert.equal(got.id, sent.message_id);
    assert.equal(got.status, 'delivered');
    assert.equal(got.message, 'Hello from the **SDK**');
  });

  it('lets Contiguity pick the number when `from` is omitted', async () => {
    const sent = await sdk.imessage.send({ to: TO, message: 'no from' });
    assert.equal((await sdk.imessage.get(sent.message_id)).from, FROM);
  });

  it('starts and stops typing', async () => {
    assert.equal((await sdk.imessage.typing({ to: TO, from: FROM, action: 'start' })).status, 'started');
    assert.equal((await sdk.imessage.typing({ to: TO, action: 'stop' })).status, 'stopped');
    assert.deepEqual(
      sb.requests.map((r) => r.path),
      ['/send/imessage/typing', '/send/imessage/typing'],
    );
  });

  it('reads the history of both directions, with reactions, read receipts and chat totals', async () => {
    await sdk.imessage.send({ to: TO, from: FROM, message: 'Build finished' });
    sb.receive({ from: TO, to: FROM, message: 'Thanks!' });
    const added = await sdk.imessage.react('add', { to: TO, from: FROM, tapback: 'love', message: 'Thanks!' });
    assert.equal(added.status, 'added');
    const removed = await sdk.imessage.react('remove', { to: TO, from: FROM, tapback: 'love', message: 'Thanks!' });
    assert.equal(removed.status, 'removed');
    const read = await sdk.imessage.read({ to: TO, from: FROM });
    assert.equal(read.status, 'sent');
    assert.equal(typeof read.message, 'string');

    const history = (await sdk.imessage.history({ to: TO, from: FROM, limit: 50 })) as unknown as {
      conversation: { from: string; message: string; read: number | null; delivery: { status: string } }[];
      reactions: { reaction: string; on: string; action: string; from: string }[];
      chat: { limit: number; total: number; count: number };
    };
    assert.deepEqual(
      history.conversation.map((m) => [m.from, m.message, m.delivery.status]),
      [
        [FROM, 'Build finished', 'delivered'],
        [TO, 'Thanks!', 'delivered'],
      ],
    );
    assert.equal(typeof history.conversation[1].read, 'number', 'our read receipt shows on their message');
    assert.deepEqual(
      history.reactions.map((r) => [r.reaction, r.on, r.action, r.from]),
      [
        ['love', 'Thanks!', 'added', FROM],
        ['love', 'Thanks!', 'removed', FROM],
      ],
    );
    assert.deepEqual(history.chat, { filtered: false, chat_marked_as_spam: false, limit: 50, total: 2, count: 2 });
    assert.equal(sb.requests.at(-1)!.path, `/conversations/history/imessage/${encodeURIComponent(TO)}/${encodeURIComponent(FROM)}/50`);
  });

  it('lists entitlements at /entitlements/', async () => {
    const list = (await sdk.entitlements.list()) as unknown as { entitlements: { name: string; status: string }[] };
    assert.ok(list.entitlements.some((e) => e.name === 'imessage' && e.status === 'granted'));
    assert.equal(sb.requests[0].path, '/entitlements/');
  });

  it("surfaces the sandbox's errors as ContiguityError with the field named", async () => {
    const { ContiguityError } = await import('contiguity');
    await assert.rejects(sdk.imessage.history({ to: TO, from: FROM, limit: 500 }), (err: unknown) => {
      assert.ok(err instanceof ContiguityError);
      assert.equal(err.status, 400);
      assert.match(err.message, /`limit`/);
      return true;
    });
    await assert.rejects(
      sdk.imessage.react('add', { to: TO, from: FROM, tapback: 'like', message: 'never sent' }),
      /`message` matches no message/,
    );
  });
});
