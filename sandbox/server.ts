import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_HOST, defaultToken } from './defaults';
import { errorEnvelope, writeReply } from './envelope';
import { FaultQueue } from './faults';
import { parseOutage } from './outage';
import { InboxEvents } from './inbox/events';
import * as phone from './phone';
import { handleRequest, type PipelineEnv } from './pipeline';
import { SandboxState } from './state';
import type { Outage, EntitlementStatus, RecordedRequest, Sandbox, SandboxOptions } from './types';

const STATUSES: readonly EntitlementStatus[] = ['granted', 'available', 'ineligible'];

/** Starts a strict local Contiguity-compatible API on 127.0.0.1 (a free port unless `port` is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const token = options.token ?? defaultToken();
  const legacyToken = options.legacyToken ?? token;
  const state = new SandboxState(options);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const pendingSleeps = new Set<() => void>();
  let closing = false;

  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (closing) return resolve(false);
      const cancel = () => {
        clearTimeout(timer);
        pendingSleeps.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        pendingSleeps.delete(cancel);
        resolve(true);
      }, ms);
      pendingSleeps.add(cancel);
    });

  const log = options.log;
  const redact = (text: string) => redactSecrets(text, [token, legacyToken]);
  const events = new InboxEvents(state);
  let outage: Outage = { kind: 'up' };
  let outageTimer: NodeJS.Timeout | undefined;
  let port = 0;
  const setOutage = async (next: Outage, opts: { forMs?: number } = {}) => {
    clearTimeout(outageTimer);
    const wasDown = outage.kind === 'down';
    outage = next;
    if (next.kind === 'down' && !wasDown) {
      // Refused, not reset: with the port closed the client fails to connect (ECONNREFUSED) before
      // writing a byte, which is what "surely not sent" means. Destroying each accepted socket
      // instead would let the client write its request first and see a reset it cannot classify.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    } else if (next.kind !== 'down' && wasDown && !closing) {
      await listen(server, port, host);
    }
    if (opts.forMs !== undefined && next.kind !== 'up') {
      outageTimer = setTimeout(
        () => void setOutage({ kind: 'up' }).catch((err: unknown) => log?.(`outage end failed: ${err}`)),
        opts.forMs,
      );
    }
  };
  const reset = () => {
    requests.length = 0;
    faults.clear();
    state.reset();
  };
  const env: PipelineEnv = {
    state,
    token,
    legacyToken,
    requests,
    faults,
    sleep,
    // Belt and braces: even a client that puts the token in a URL must not get it into a log.
    log: log && ((line) => log(redact(line))),
    outage: () => outage,
    control: {
      state,
      events,
      requests,
      reset,
      redact,
      setOutage: (next, opts) => void setOutage(next, opts).catch((err: unknown) => log?.(`outage switch failed: ${err}`)),
    },
  };

  const server = createServer((req, res) => {
    handleRequest(req, res, env).catch((err: unknown) => {
      try {
        writeReply(res, errorEnvelope(500, `Internal sandbox error: ${(err as Error)?.message ?? err}`));
      } catch {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, options.port ?? 0, host);
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    inboxUrl: `${url}/`,
    port,
    token,
    legacyToken,
    requests,
    sent: state.sent,
    inbound: state.inbound,
    reactions: state.reactions,
    receive: (input) => phone.receive(state, { ...input }),
    react: (input) => phone.react(state, { ...input }),
    markRead: (input) => phone.markRead(state, { ...input }),
    setMode: (number, mode) => void phone.setMode(state, { number, mode }),
    inject: (fault, opts) => faults.add(fault, opts),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    outage: async (next, opts) => setOutage(parseOutage({ ...next }).outage, parseForMs(opts?.forMs)),
    currentOutage: () => ({ ...outage }),
    reset,
    setEntitlement(name, status) {
      if (!STATUSES.includes(status)) throw new TypeError(`entitlement status must be one of ${STATUSES.join(', ')}`);
      state.setEntitlement(name, status);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        clearTimeout(outageTimer);
        for (const cancel of [...pendingSleeps]) cancel();
        events.close();
        state.close();
        server.close(() => resolve());
        // Keep-alive sockets (fetch keeps them) would otherwise hold close() open for seconds.
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

function parseForMs(forMs: number | undefined): { forMs?: number } {
  return forMs === undefined ? {} : { forMs: parseOutage({ kind: 'up', forMs }).forMs };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function redactSecrets(line: string, secrets: string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, s) => out.split(s).join('<redacted>'), line);
}
