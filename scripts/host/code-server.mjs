// Starts code-server (a full VS Code server with a Node extension host) on 127.0.0.1, isolated
// in a fresh temp folder, with the flags from the offline-host recipe.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, hostEnv, killTree, waitForHttp } from './util.mjs';

export const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  // Otherwise an agent runtime process starts with the workbench.
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
};

/**
 * @param {object} o
 * @param {{ node: string, codeServer: string }} o.paths   from setup()
 * @param {number} [o.port]            default: a free port
 * @param {object} [o.settings]        merged over BASE_SETTINGS into User/settings.json
 * @param {Record<string,string>} [o.env]  extra environment (reaches the extension host)
 * @param {(extensionsDir: string) => void} [o.prepareExtensions]  e.g. symlink an extension in
 * @param {boolean} [o.verbose]        echo the server's output
 */
export async function startCodeServer({ paths, port, settings = {}, env = {}, prepareExtensions, verbose = false }) {
  port ??= await freePort();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-host-'));
  const dir = (...p) => {
    const d = path.join(root, ...p);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const dataDir = dir('data');
  const extensionsDir = dir('extensions');
  const workspace = dir('workspace');
  fs.writeFileSync(path.join(dir('data', 'User'), 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  prepareExtensions?.(extensionsDir);

  const childEnv = hostEnv({
    ...env,
    // VS Code drops sockets and caches in these; keep them per run.
    TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('xdg', 'config'),
    XDG_DATA_HOME: dir('xdg', 'data'),
    XDG_CACHE_HOME: dir('xdg', 'cache'),
  });

  const args = [
    paths.codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    '/dev/null',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    extensionsDir,
    // Without it the built workbench silently ignores the test payload.
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  // Own process group, so close() can end the extension host and helpers with it.
  const child = spawn(paths.node, args, { cwd: root, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const onData = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 200) tail.shift();
      if (verbose) console.error(`[code-server] ${line}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await killTree(child);
    fs.rmSync(root, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 30_000, () => child.exitCode === null);
  } catch (e) {
    await close();
    throw new Error(`code-server did not start: ${e.message}\n${tail.join('\n')}`, { cause: e });
  }
  return { url, port, root, dataDir, extensionsDir, workspace, process: child, exited, logTail: () => tail.join('\n'), close };
}

/** Workbench URL that opens `folder` and hands `payload` ([key, value] pairs) to the workbench. */
export function workbenchUrl(baseUrl, folder, payload) {
  let u = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
  if (payload?.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

/** The remote URI the workbench uses for a path on the server (the authority is literally `remote`). */
export const remoteUri = (absPath) => `vscode-remote://remote${absPath}`;
