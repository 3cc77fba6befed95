// A TCP connect and nothing else: the cheapest sign that the network and the API's port are back.
// No byte is written, so the API never sees a request (connectivity.ts probes with it).
import * as net from 'node:net';

export const PROBE_TIMEOUT_MS = 3_000;

/** The host and port an API base URL connects to. */
export function probeTarget(baseUrl: string): { host: string; port: number } {
  const url = new URL(baseUrl);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

/** True when a connection to `host:port` opened within PROBE_TIMEOUT_MS; it is closed at once. */
export function connects({ host, port }: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: PROBE_TIMEOUT_MS });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
