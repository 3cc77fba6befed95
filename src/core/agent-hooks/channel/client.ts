// The hook's end of the channel. Connecting is quick or it is nobody (a window that is there accepts
// at once), so the connection gets about a second; the answer may legitimately take until the
// hook's deadline (the user is deciding on their phone).
import * as net from 'node:net';
import type { HookReply, HookRequest } from '../channel-protocol';
import { readLine } from './lines';
import { MAX_REPLY_BYTES, parseHookReply } from './messages';

export const CONNECT_TIMEOUT_MS = 1_000;

export class ChannelError extends Error {
  constructor(
    readonly kind: 'no-window' | 'no-answer' | 'bad-reply',
    message: string,
  ) {
    super(message);
  }
}

export function askWindow(endpoint: string, request: HookRequest, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<HookReply> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(endpoint);
    let connected = false;
    const fail = (kind: ChannelError['kind'], message: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new ChannelError(kind, message));
    };
    let timer = setTimeout(() => fail('no-window', `the window did not accept within ${connectTimeoutMs} ms`), connectTimeoutMs);
    socket.on('error', (e: NodeJS.ErrnoException) =>
      connected
        ? fail('no-answer', `the window dropped the connection (${e.code ?? e.message})`)
        : fail('no-window', `cannot reach the window (${e.code ?? e.message})`),
    );
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(
        () => fail('no-answer', 'the window did not answer before the deadline'),
        Math.max(0, request.deadline - Date.now()),
      );
      socket.write(`${JSON.stringify(request)}\n`);
      readLine(socket, MAX_REPLY_BYTES).then(
        (line) => {
          const reply = parseHookReply(line);
          if (typeof reply === 'string') return fail('bad-reply', `the window's ${reply}`);
          clearTimeout(timer);
          socket.destroy();
          resolve(reply);
        },
        (e: Error) => fail('no-answer', `the window did not answer (${e.message})`),
      );
    });
  });
}
