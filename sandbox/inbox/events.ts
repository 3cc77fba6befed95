// Server-sent events for the inbox page: every change of state pushes one fresh snapshot.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../state';
import { snapshot } from './snapshot';

// Proxies and browsers drop idle streams; a comment line every so often keeps it open.
const HEARTBEAT_MS = 25_000;

export class InboxEvents {
  private readonly clients = new Set<ServerResponse>();
  private pending = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly state: SandboxState) {
    this.unsubscribe = state.onChange(() => this.schedule());
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(`retry: 1000\n\n${frame(this.state)}`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  get count(): number {
    return this.clients.size;
  }

  /** Many changes in one tick (a send moves several fields) become one event. */
  private schedule(): void {
    if (this.pending || this.clients.size === 0) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.write(frame(this.state));
    });
  }

  private write(chunk: string): void {
    for (const res of this.clients) if (!res.destroyed) res.write(chunk);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

// JSON.stringify escapes line breaks inside strings, so the snapshot is always one `data:` line.
function frame(state: SandboxState): string {
  return `event: inbox\ndata: ${JSON.stringify(snapshot(state))}\n\n`;
}
