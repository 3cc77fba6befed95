// An untrusted API (or a proxy in front of it) that answers every request with a fault whose body
// quotes the request's headers back: raw, URL-encoded, form-encoded, JSON-escaped and base64. The
// trust tests point the user's own base URL at it and count what survives on each surface.
import * as http from 'node:http';

export type FaultShape = 'envelope' | 'top-level' | 'html' | 'text';
export const FAULT_SHAPES: FaultShape[] = ['envelope', 'top-level', 'html', 'text'];

export interface EchoServer {
  url: string;
  shape: FaultShape;
  status: number;
  /** An agreement link the server offers with 403s (never safe: http, another host). */
  agreementUrl?: string;
  requests: number;
  close(): Promise<void>;
}

/** Every encoding of `text` the server puts in its bodies. */
export function echoedForms(text: string): string[] {
  return [
    text,
    encodeURIComponent(text),
    new URLSearchParams({ v: text }).toString().slice(2),
    JSON.stringify(text).slice(1, -1),
    Buffer.from(text).toString('base64'),
  ];
}

export async function startEchoServer(): Promise<EchoServer> {
  const state: EchoServer = { url: '', shape: 'envelope', status: 500, requests: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    state.requests++;
    req.resume();
    req.on('end', () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`);
      const echoed = headers.flatMap((h) => echoedForms(h)).join(' | ');
      const status = state.status;
      let body: string;
      let type: string;
      switch (state.shape) {
        case 'envelope':
          type = 'application/json';
          body = JSON.stringify({
            id: 'err_echo',
            timestamp: Date.now(),
            api_version: 'v1',
            object: 'error',
            data: {
              error: `echo ${echoed}`,
              status,
              ...(state.agreementUrl && { agreement_url: state.agreementUrl }),
              headers: req.headers,
            },
          });
          break;
        case 'top-level':
          type = 'application/json';
          body = JSON.stringify({ message: `echo ${echoed}`, status, headers: req.headers });
          break;
        case 'html':
          type = 'text/html';
          body = `<html><head><title>${status} ${echoed}</title></head><body><h1>Proxy error</h1><pre>${echoed}</pre></body></html>`;
          break;
        case 'text':
          type = 'text/plain';
          body = `upstream said: ${echoed}\n${headers.join('\n')}`;
          break;
      }
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
