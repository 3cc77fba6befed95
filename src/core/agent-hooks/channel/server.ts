// The window's end of the channel: one request line in, one reply line out, per connection. The
// handler gets a signal that aborts when the hook is gone (the agent killed it) or when the hook's
// deadline is about to pass, so that it stops waiting for the user and answers in time.
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { HookReply, HookRequest } from '../channel-protocol';
import { LineTooLong, readLine } from './lines';
import { MAX_REQUEST_BYTES, parseHookRequest, replyWithError } from './messages';

export type HookHandler = (request: HookRequest, signal: AbortSignal) => Promise<HookReply>;

/** The handler's signal aborts this long before the hook's deadline: its answer must still reach the hook. */
export const ANSWER_MARGIN_MS = 300;
/** A hook writes its request at once; a connection that says nothing is not a hook. */
const REQUEST_TIMEOUT_MS = 5_000;

export interface ChannelServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Listens on `endpoint` (a socket path in the private directory, or a Windows pipe name). A socket
 * file left there by a window that died is removed first. The socket itself is made 0600 as well,
 * though the directory's 0700 is what keeps others out.
 */
export async function startChannelServer(
  endpoint: string,
  handler: HookHandler,
  onError: (e: unknown) => void = () => {},
): Promise<ChannelServer> {
  const isPipe = endpoint.startsWith('\\\\');
  if (!isPipe) fs.rmSync(endpoint, { force: true });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, handler).catch(onError);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', onError);
  if (!isPipe) fs.chmodSync(endpoint, 0o600);
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

async function serve(socket: net.Socket, handler: HookHandler): Promise<void> {
  socket.on('error', () => socket.destroy());
  const idle = setTimeout(() => socket.destroy(), REQUEST_TIMEOUT_MS);
  let line: string;
  try {
    line = await readLine(socket, MAX_REQUEST_BYTES);
  } catch (e) {
    if (e instanceof LineTooLong) {
      answer(socket, replyWithError(`imessage-hook: the request is over ${MAX_REQUEST_BYTES} bytes; nothing was done`));
    } else socket.destroy();
    return;
  } finally {
    clearTimeout(idle);
  }
  const request = parseHookRequest(line);
  if (typeof request === 'string') return answer(socket, replyWithError(`imessage-hook: ${request}; nothing was done`));

  const controller = new AbortController();
  const gone = () => controller.abort(new Error('the hook went away'));
  socket.once('close', gone);
  const timer = setTimeout(
    () => controller.abort(new Error("the hook's deadline passed")),
    Math.max(0, request.deadline - ANSWER_MARGIN_MS - Date.now()),
  );
  try {
    const reply = await handler(request, controller.signal).catch(() => replyWithError('imessage-hook: the window could not handle it'));
    if (!socket.destroyed) answer(socket, reply);
  } finally {
    clearTimeout(timer);
    socket.off('close', gone);
  }
}

function answer(socket: net.Socket, reply: HookReply): void {
  socket.end(`${JSON.stringify(reply)}\n`);
}
