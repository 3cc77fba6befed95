// `npm start`: try the extension in a real VS Code (code-server) against the local sandbox API,
// with the sandbox inbox beside it. Works on a fresh clone: dependencies are installed before
// anything from node_modules is loaded. Ctrl-C stops everything it started.
// Env: PORT (VS Code's port, default a free one), SANDBOX_PORT (default a free one), IMESSAGE_HOST_CACHE.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(REPO_ROOT);
ensureDependencies();
// Only now: these import esbuild and playwright-core, which the step above installs.
const { buildExtension } = await import('./host/build.mjs');
const { startCodeServer } = await import('./host/code-server.mjs');
const { setup } = await import('./host/setup.mjs');
const { killTree } = await import('./host/util.mjs');

// The extension adopts this token into its SecretStorage at activation (loopback API only).
// Handing it over by environment works whatever browser the user opens the URL in.
const TOKEN_ENV = 'IMESSAGE_SANDBOX_TOKEN';
const SANDBOX_CLI = path.join(REPO_ROOT, 'sandbox', 'cli.ts');

const log = (l) => console.log(`[start] ${l}`);
const cleanups = [];
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));
// If whatever started us (npm, a shell) dies without passing the signal on, we are re-parented:
// stop too, or code-server and the sandbox would outlive it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop(0);
}, 500).unref();

/** Starts the sandbox and resolves with what its first line, `SANDBOX_READY {json}`, announces. */
function startSandbox() {
  if (!fs.existsSync(SANDBOX_CLI)) {
    throw new Error(`${path.relative(REPO_ROOT, SANDBOX_CLI)} is missing: the sandbox API is needed for npm start`);
  }
  const port = process.env.SANDBOX_PORT || '0';
  const child = spawn(process.execPath, ['--import', 'tsx', SANDBOX_CLI, '--port', port, '--child'], {
    cwd: REPO_ROOT,
    detached: true, // own process group: Ctrl-C reaches us only, and we end it deliberately
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => killTree(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not print SANDBOX_READY within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
    let ready = false;
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (ready) return console.log(`[sandbox] ${line}`);
      const m = /^SANDBOX_READY (\{.*\})\s*$/.exec(line);
      if (!m) return console.log(`[sandbox] ${line}`);
      ready = true;
      clearTimeout(timer);
      const info = JSON.parse(m[1]);
      child.once('exit', (code) => {
        if (stopping) return;
        log(`the sandbox exited (${code})`);
        stop(1);
      });
      resolve(info);
    });
  });
}

async function main() {
  const paths = await setup({ log: (l) => log(l) });
  buildExtension();
  log('extension built (dist/extension.js)');

  const sandbox = await startSandbox();
  log(`sandbox API at ${sandbox.url}`);

  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const server = await startCodeServer({
    paths,
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    settings: { 'imessage.api.baseUrl': sandbox.url },
    env: { [TOKEN_ENV]: sandbox.token },
    // Installed as a link to the repo: a rebuild (npm run build) + "Developer: Reload Window" picks up changes.
    prepareExtensions: (dir) => fs.symlinkSync(REPO_ROOT, path.join(dir, `${pkg.publisher}.${pkg.name}-${pkg.version}`)),
  });
  cleanups.push(() => server.close());
  server.exited.then(({ code, signal }) => {
    if (stopping) return;
    log(`code-server exited (${signal ?? code})\n${server.logTail()}`);
    stop(1);
  });

  const url = `${server.url}/?folder=${encodeURIComponent(REPO_ROOT)}`;
  console.log(`
  iMessage Sender is running against the local sandbox API; nothing reaches a real phone.

    VS Code:        ${url}
    Sandbox inbox:  ${sandbox.inboxUrl}

  VS Code is the editor in your browser, with the extension installed and the sandbox token already stored.
  The inbox is the phones the sandbox texts: watch messages arrive, reply, react, mark them read.

  Both are bound to 127.0.0.1 only (from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} -L ${sandbox.port}:127.0.0.1:${sandbox.port} <host>).
  Press Ctrl-C to stop.
`);
}

main().catch((e) => {
  console.error(`[start] ERROR: ${e.message}`);
  stop(1);
});
