// `npm start`: try the extension in a real VS Code (code-server) against the local sandbox API.
// Prints a URL to open; Ctrl-C stops everything. Env: PORT (default: a free one), IMESSAGE_HOST_CACHE.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { buildExtension } from './host/build.mjs';
import { startCodeServer } from './host/code-server.mjs';
import { setup } from './host/setup.mjs';
import { killTree, REPO_ROOT } from './host/util.mjs';

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
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Starts the sandbox and resolves with what its first line, `SANDBOX_READY {json}`, announces. */
function startSandbox() {
  if (!fs.existsSync(SANDBOX_CLI)) throw new Error(`${path.relative(REPO_ROOT, SANDBOX_CLI)} is missing: the sandbox API is needed for npm start`);
  const child = spawn(process.execPath, ['--import', 'tsx', SANDBOX_CLI, '--port', '0'], {
    cwd: REPO_ROOT,
    detached: true, // own process group: Ctrl-C reaches us only, and we end it deliberately
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => killTree(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not print SANDBOX_READY within 30 s')), 30_000);
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
  iMessage Sender is running in VS Code (code-server), talking to the local sandbox API.

    Open:  ${url}

  The sandbox token is already stored; messages go to the sandbox, never to a phone.
  Bound to 127.0.0.1 only (from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} <host>).
  Press Ctrl-C to stop.
`);
}

main().catch((e) => {
  console.error(`[start] ERROR: ${e.message}`);
  stop(1);
});
