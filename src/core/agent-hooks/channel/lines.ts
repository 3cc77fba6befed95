// One newline-terminated line from a socket, bounded: the peer is not trusted to ever stop.
import type * as net from 'node:net';

export class LineTooLong extends Error {}
export class LineNotEnded extends Error {}

/** The first line `socket` sends (without its newline); rejects past `maxBytes` or when the peer closes first. */
export function readLine(socket: net.Socket, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      // The socket keeps flowing: what follows the line is dropped, and the peer's leaving still shows as 'close'.
      socket.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
      settle();
    };
    const onData = (chunk: Buffer) => {
      const end = chunk.indexOf(0x0a);
      const part = end === -1 ? chunk : chunk.subarray(0, end);
      size += part.length;
      if (size > maxBytes) return done(() => reject(new LineTooLong(`over ${maxBytes} bytes`)));
      chunks.push(part);
      if (end !== -1) done(() => resolve(Buffer.concat(chunks).toString('utf8')));
    };
    const onEnd = () => done(() => reject(new LineNotEnded('the peer closed before a whole line')));
    const onError = (e: Error) => done(() => reject(e));
    socket.on('data', onData).on('end', onEnd).on('close', onEnd).on('error', onError);
  });
}
