// `npm start` as a new user runs it: a fresh clone of HEAD with no node_modules. Both URLs must be
// printed and serve; Ctrl-C (SIGINT to the process group) and SIGINT to the npm process alone must
// each stop every process it started. The VS Code host cache (~/.cache/imessage-sender/host) is reused.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Started {
  npm: ChildProcess;
  output: () => string;
  vscodeUrl: string;
  inboxUrl: string;
  /** Every process below npm while it ran (code-server, its extension host, the sandbox, ...). */
  tree: number[];
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

function alive(pid: number): boolean {
  try {
    // A zombie has ended; only its parent's bookkeeping is left.
    return !/^\S+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function start(dir: string, timeoutMs: number): Promise<Started> {
  // Its own process group, as a terminal gives a foreground job: Ctrl-C signals the whole group.
  const env = { ...process.env };
  delete env.PORT;
  delete env.SANDBOX_PORT;
  const npm = spawn('npm', ['start'], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  npm.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  npm.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const urls = () => ({
    vscode: /^\s*VS Code:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(out)?.[1],
    inbox: /^.*inbox.*?(http:\/\/127\.0\.0\.1:\d+\/\S*)$/im.exec(out)?.[1],
  });
  await waitFor(
    `npm start printing both URLs\n${out}`,
    () => {
      if (npm.exitCode !== null) throw new Error(`npm start exited ${npm.exitCode}:\n${out}`);
      return Boolean(urls().vscode && urls().inbox);
    },
    timeoutMs,
  );
  return { npm, output: () => out, vscodeUrl: urls().vscode!, inboxUrl: urls().inbox!, tree: descendants(npm.pid!) };
}

async function assertServes(s: Started): Promise<void> {
  const vscode = await fetch(s.vscodeUrl);
  assert.equal(vscode.status, 200, 'the VS Code URL serves');
  assert.match(await vscode.text(), /<html/i);
  const inbox = await fetch(s.inboxUrl);
  assert.equal(inbox.status, 200, 'the inbox URL serves');
  assert.match(await inbox.text(), /Sandbox inbox/);
}

async function assertAllStopped(s: Started, ms = 30_000): Promise<void> {
  await waitFor('npm to exit', () => s.npm.exitCode !== null || s.npm.signalCode !== null, ms);
  await waitFor(`every started process to end (left: ${s.tree.filter(alive).join(', ')})`, () => !s.tree.some(alive), ms);
  await assert.rejects(fetch(s.inboxUrl), 'the sandbox no longer listens');
  await assert.rejects(fetch(s.vscodeUrl), 'code-server no longer listens');
}

describe('npm start on a fresh clone', function () {
  // npm ci in the clone dominates: about a minute, several on a loaded machine.
  this.timeout(15 * 60_000);
  let dir: string;
  let running: Started | undefined;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-fresh-clone-'));
    execFileSync('git', ['clone', '--quiet', '--no-local', ROOT, dir]);
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules')));
  });
  afterEach(() => {
    // A failed test must not leave code-server running.
    for (const pid of running?.tree ?? []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    running = undefined;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('installs what it needs, prints both URLs, both serve; Ctrl-C stops everything', async () => {
    running = await start(dir, 12 * 60_000);
    const out = running.output();
    assert.match(out, /installing dependencies \(npm ci\)/);
    assert.doesNotMatch(out, /ERR_MODULE_NOT_FOUND|Set API Token/);
    assert.match(out, /token already stored/);
    assert.ok(running.tree.length >= 3, `started ${running.tree.length} processes`);
    await assertServes(running);
    process.kill(-running.npm.pid!, 'SIGINT');
    await assertAllStopped(running);
    assert.match(running.output(), /\[start\] stopped/);
  });

  it('SIGINT to the npm process alone stops everything too', async () => {
    running = await start(dir, 5 * 60_000);
    assert.doesNotMatch(running.output(), /installing dependencies/, 'the second start reuses node_modules');
    await assertServes(running);
    running.npm.kill('SIGINT');
    await assertAllStopped(running);
  });
});
