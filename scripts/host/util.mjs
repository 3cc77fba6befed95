// Small process and network helpers shared by the host scripts.
import net from 'node:net';
import { fileURLToPath } from 'node:url';

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The environment for code-server. Inside a VS Code terminal, VSCODE_IPC_HOOK_CLI makes code-server
 * hand the request to the outer editor instead of serving; NODE_OPTIONS (debuggers, tsx) must not
 * leak into its Node 24 either.
 */
export function hostEnv(extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'NODE_OPTIONS') delete env[k];
  return Object.assign(env, extra);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until `url` answers 2xx, or throws after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/**
 * Ends a child started with `detached: true` together with everything it spawned (its process
 * group): code-server forks an extension host, file watchers and pty hosts that outlive it otherwise.
 */
export async function killTree(child, graceMs = 3000) {
  if (!child?.pid) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await Promise.race([exited, sleep(graceMs + 1000)]);
  clearTimeout(timer);
  // Stragglers that ignored SIGTERM but outlived the leader.
  signal('SIGKILL');
}

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
