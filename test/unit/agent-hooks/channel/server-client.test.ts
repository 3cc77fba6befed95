// The channel over a real Unix socket in a temporary private directory: one request, one reply;
// bounded, validated, and the handler stops when the hook is gone or its deadline comes.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { CHANNEL_VERSION, type HookRequest } from '../../../../src/core/agent-hooks/channel-protocol';
import { askWindow, ChannelError } from '../../../../src/core/agent-hooks/channel/client';
import { MAX_REQUEST_BYTES } from '../../../../src/core/agent-hooks/channel/messages';
import { ANSWER_MARGIN_MS, startChannelServer, type HookHandler } from '../../../../src/core/agent-hooks/channel/server';
import { channelDirForTest, replyOf } from '../../../fixtures/hook-command';

const request = (over: Partial<HookRequest> = {}): HookRequest => ({
  v: CHANNEL_VERSION,
  args: ['--agent', 'claude', '--event', 'Stop'],
  stdin: '{"hook_event_name":"Stop","cwd":"/a"}',
  deadline: Date.now() + 10_000,
  ...over,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Sends raw bytes and returns everything the server wrote back before closing. */
async function raw(endpoint: string, bytes: string | Buffer): Promise<string> {
  const socket = net.createConnection(endpoint);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  socket.write(bytes);
  await once(socket, 'close');
  return Buffer.concat(chunks).toString();
}

describe('the channel (server and client over a real socket)', () => {
  let dir: string;
  let close: (() => Promise<void>) | undefined;
  const endpoint = () => join(dir, 'w.sock');
  async function serve(handler: HookHandler) {
    const server = await startChannelServer(endpoint(), handler);
    close = server.close;
    return server;
  }
  /** A listener that is not our server: whatever `onConnection` does. */
  async function fakeWindow(onConnection: (socket: net.Socket) => void) {
    const accepted: net.Socket[] = [];
    const server = net.createServer((socket) => (accepted.push(socket), onConnection(socket)));
    await new Promise<void>((r) => server.listen(endpoint(), r));
    close = () => new Promise((r) => (accepted.forEach((socket) => socket.destroy()), server.close(() => r())));
  }
  beforeEach(() => (dir = channelDirForTest()));
  afterEach(async () => {
    await close?.();
    close = undefined;
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('carries one request to the handler and its reply back', async () => {
    let seen: HookRequest | undefined;
    await serve(async (r) => {
      seen = r;
      return replyOf('{"decision":"x"}', 'a line');
    });
    const sent = request({ stdin: '{"cwd":"/é ✓ \\n"}\n' });
    assert.deepEqual(await askWindow(endpoint(), sent), replyOf('{"decision":"x"}', 'a line'));
    assert.deepEqual(seen, sent);
  });

  it('removes a socket file left by a window that died, and makes its own 0600', async () => {
    writeFileSync(endpoint(), 'left over');
    await serve(async () => replyOf('', ''));
    assert.deepEqual(await askWindow(endpoint(), request()), replyOf('', ''));
    assert.equal(lstatSync(endpoint()).mode & 0o777, 0o600);
  });

  it('refuses a request over the bound with a line for the agent, without calling the handler', async () => {
    let called = false;
    await serve(async () => ((called = true), replyOf('', '')));
    const reply = await raw(endpoint(), Buffer.alloc(MAX_REQUEST_BYTES + 10, 'a'));
    assert.deepEqual(JSON.parse(reply), replyOf('', `imessage-hook: the request is over ${MAX_REQUEST_BYTES} bytes; nothing was done`));
    assert.equal(called, false);
  });

  const refused: [string, string, RegExp][] = [
    ['bad JSON', '{"v":1,\n', /request is not valid JSON/],
    ['not an object', '[1]\n', /request is not a JSON object/],
    ['another version', `${JSON.stringify({ ...request(), v: 2 })}\n`, /request v must be 1/],
    ['args not strings', `${JSON.stringify({ ...request(), args: [1] })}\n`, /request args must be/],
    ['too many args', `${JSON.stringify({ ...request(), args: Array(40).fill('x') })}\n`, /request args must be at most 32/],
    ['stdin missing', `${JSON.stringify({ ...request(), stdin: undefined })}\n`, /request stdin must be a string/],
    ['deadline as text', `${JSON.stringify({ ...request(), deadline: 'soon' })}\n`, /request deadline must be a number/],
  ];
  for (const [what, line, message] of refused) {
    it(`refuses ${what} with one line naming what is wrong`, async () => {
      let called = false;
      await serve(async () => ((called = true), replyOf('', '')));
      const reply = JSON.parse(await raw(endpoint(), line));
      assert.equal(reply.stdout, '');
      assert.match(reply.stderr, /^imessage-hook: /);
      assert.match(reply.stderr, message);
      assert.equal(called, false);
    });
  }

  it("aborts the handler's signal when the hook goes away", async () => {
    const aborted = deferred<unknown>();
    const started = deferred<void>();
    await serve(
      (_r, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted.resolve(signal.reason);
            resolve(replyOf('', ''));
          });
          started.resolve();
        }),
    );
    const socket = net.createConnection(endpoint());
    socket.write(`${JSON.stringify(request())}\n`);
    await started.promise;
    socket.destroy();
    assert.match(String(await aborted.promise), /the hook went away/);
  });

  it("aborts the handler's signal just before the deadline, and its answer still reaches the hook in time", async () => {
    const deadline = Date.now() + 600;
    let abortedAt = 0;
    await serve(
      (_r, signal) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            abortedAt = Date.now();
            resolve(replyOf('{"ask":true}', ''));
          }),
        ),
    );
    const reply = await askWindow(endpoint(), request({ deadline }));
    assert.deepEqual(reply, replyOf('{"ask":true}', ''));
    assert.ok(
      abortedAt >= deadline - ANSWER_MARGIN_MS - 5 && abortedAt <= deadline,
      `aborted ${deadline - abortedAt} ms before the deadline`,
    );
    assert.ok(Date.now() <= deadline + 50);
  });

  it('answers with a line, not a crash, when the handler throws', async () => {
    await serve(async () => {
      throw new Error('boom');
    });
    assert.deepEqual(await askWindow(endpoint(), request()), replyOf('', 'imessage-hook: the window could not handle it'));
  });

  it('the client: no socket is no window, at once', async () => {
    const started = Date.now();
    await assert.rejects(askWindow(endpoint(), request()), (e: ChannelError) => e.kind === 'no-window' && /ENOENT/.test(e.message));
    assert.ok(Date.now() - started < 500);
  });

  it('the client: a window that never answers gives up at the deadline', async () => {
    await fakeWindow(() => undefined);
    const deadline = Date.now() + 400;
    await assert.rejects(askWindow(endpoint(), request({ deadline })), (e: ChannelError) => e.kind === 'no-answer');
    assert.ok(Math.abs(Date.now() - deadline) < 150, `${Date.now() - deadline} ms from the deadline`);
  });

  it('the client: a reply that is not one is refused, naming the field', async () => {
    await fakeWindow((s) => s.end(`${JSON.stringify({ v: 1, exitCode: 2, stdout: '', stderr: '' })}\n`));
    await assert.rejects(
      askWindow(endpoint(), request()),
      (e: ChannelError) => e.kind === 'bad-reply' && /exitCode must be 0/.test(e.message),
    );
  });

  it('closing the server removes its socket', async () => {
    const server = await serve(async () => replyOf('', ''));
    await server.close();
    close = undefined;
    assert.equal(existsSync(endpoint()), false);
  });
});
