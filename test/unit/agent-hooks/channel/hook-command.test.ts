// dist/hook.js spawned exactly as an agent runs it (stdin piped with a fixture, IMESSAGE_HOOK_DIR
// set, killed at the agent's timeout), against windows served from this test process with a real
// handler. Whatever happens it exits 0; a failure prints nothing on stdout and one line on stderr.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { answerFor } from '../../../../src/core/agent-hooks/answers';
import type { HookRequest } from '../../../../src/core/agent-hooks/channel-protocol';
import { readHookArgs } from '../../../../src/core/agent-hooks/channel/args';
import { ensurePrivateDir } from '../../../../src/core/agent-hooks/channel/private-dir';
import { writeRegistration } from '../../../../src/core/agent-hooks/channel/registration';
import type { ChannelServer, HookHandler } from '../../../../src/core/agent-hooks/channel/server';
import { parseHookInput } from '../../../../src/core/agent-hooks/formats';
import { hookFixture } from '../../../fixtures/agent-hooks';
import { builtHook, channelDirForTest, replyOf, runAsAgent, runHook, startWindow, type Run } from '../../../fixtures/hook-command';

/** A window that allows every permission and records what it was sent. */
function allowing(seen: HookRequest[] = []): HookHandler {
  return async (request) => {
    seen.push(request);
    const { agent, event, argumentInput } = readHookArgs(request.args);
    const parsed = parseHookInput(argumentInput ?? request.stdin, { agent, event });
    if (parsed.result !== 'event') return replyOf('', parsed.result === 'invalid' ? parsed.error : '');
    return replyOf(answerFor(parsed.event, { kind: 'allow' }).stdout, '');
  };
}

/** Exit 0, nothing on stdout, exactly one line on stderr matching `why`. */
function failedWith(run: Run, why: RegExp): void {
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^imessage-hook: [^\n]+\n$/);
  assert.match(run.stderr, why);
}

describe('the hook command (dist/hook.js, spawned as agents do)', function () {
  this.timeout(20_000);
  let dir: string;
  const windows: ChannelServer[] = [];
  const env = () => ({ IMESSAGE_HOOK_DIR: dir });

  before(() => builtHook());
  beforeEach(() => (dir = channelDirForTest()));
  afterEach(async () => {
    await Promise.all(windows.splice(0).map((w) => w.close()));
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });
  async function window(handler: HookHandler, o: { folders?: string[]; focusedAt?: number } = {}) {
    const w = await startWindow(dir, handler, o);
    windows.push(w);
    return w;
  }

  it("relays Claude's PreToolUse to the window and prints its answer verbatim", async () => {
    const seen: HookRequest[] = [];
    await window(allowing(seen));
    const stdin = hookFixture('claude.pre-tool-use.json');
    const args = ['--agent', 'claude', '--event', 'PreToolUse', '--timeout', '60'];
    const started = Date.now();
    const run = await runHook(args, { stdin, env: env(), timeoutMs: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}');
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.args, args);
    assert.equal(seen[0]!.stdin, stdin);
    // 60 s less the 2 s margin, from when the hook started.
    assert.ok(Math.abs(seen[0]!.deadline - (started + 58_000)) < 1_500, `deadline ${seen[0]!.deadline - started} ms after start`);
  });

  it('without --timeout, waits at most 28 s (VS Code and Copilot CLI give a hook 30 s)', async () => {
    const seen: HookRequest[] = [];
    await window(allowing(seen));
    const started = Date.now();
    const run = await runHook(['--agent', 'vscode'], { stdin: hookFixture('vscode.stop.json'), env: env(), timeoutMs: 30_000 });
    assert.equal(run.status, 0);
    assert.ok(Math.abs(seen[0]!.deadline - (started + 28_000)) < 1_500);
  });

  it("relays Codex's JSON argument, with stdin left open as Codex may leave it", async () => {
    const seen: HookRequest[] = [];
    await window(allowing(seen));
    const json = hookFixture('codex.agent-turn-complete.json');
    const run = await runHook(['--agent', 'codex', json], { keepStdinOpen: true, env: env(), timeoutMs: 10_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([run.stdout, run.stderr], ['', '']);
    assert.deepEqual(
      seen.map((r) => [r.args.at(-1), r.stdin]),
      [[json, '']],
    );
  });

  it('prints the line a window sends for bad input naming the field, still exit 0', async () => {
    await window(allowing());
    const run = await runHook(['--agent', 'claude'], { stdin: '{"hook_event_name":"Stop","cwd":"relative/dir"}', env: env() });
    failedWith(run, /^imessage-hook: Claude Code hook input \(Stop\): cwd must be an absolute path\n$/);
  });

  it('with no window running: exit 0, nothing on stdout, one line, within 1.5 s', async () => {
    for (const hookDir of [join(dir, 'never-made'), dir]) {
      const run = await runHook(['--agent', 'claude'], { stdin: hookFixture('claude.stop.json'), env: { IMESSAGE_HOOK_DIR: hookDir } });
      failedWith(run, /no VS Code window with agent hooks on \(imessage\.agentHooks\.enabled\) is running/);
      assert.ok(run.ms < 1_500, `${Math.round(run.ms)} ms`);
    }
  });

  it('with only a window whose socket is gone: the same, within 1.5 s', async () => {
    writeRegistration(dir, 'gone', { v: 1, pid: process.pid, socket: join(dir, 'gone.sock'), folders: [], focusedAt: 0 });
    const run = await runHook(['--agent', 'claude'], { stdin: hookFixture('claude.stop.json'), env: env() });
    failedWith(run, /no VS Code window .* is running; nothing was done \(cannot reach the window \(ENOENT\)\)/);
    assert.ok(run.ms < 1_500, `${Math.round(run.ms)} ms`);
  });

  it('bad input never reaches the window: not JSON, over 1 MiB', async () => {
    const seen: HookRequest[] = [];
    await window(allowing(seen));
    failedWith(await runHook(['--agent', 'claude'], { stdin: 'not json', env: env() }), /the hook input is not valid JSON/);
    const big = JSON.stringify({ hook_event_name: 'Stop', cwd: '/a', pad: 'x'.repeat(1024 * 1024) });
    failedWith(await runHook(['--agent', 'claude'], { stdin: big, env: env() }), /the hook input is over 1048576 bytes \(1 MiB\)/);
    assert.equal(seen.length, 0);
  });

  it("answers from the window whose folder holds the agent's cwd, else the one focused last", async () => {
    const acme: HookRequest[] = [];
    const other: HookRequest[] = [];
    await window(allowing(acme), { folders: ['/Users/ana/src/acme-api'], focusedAt: 1 });
    await window(allowing(other), { folders: ['/Users/ana/src/acme'], focusedAt: 2 });
    const stop = hookFixture('claude.stop.json'); // cwd /Users/ana/src/acme-api
    assert.equal((await runHook(['--agent', 'claude'], { stdin: stop, env: env() })).status, 0);
    const elsewhere = JSON.stringify({ ...JSON.parse(stop), cwd: '/Users/ana/src/acme-api-v2' });
    assert.equal((await runHook(['--agent', 'claude'], { stdin: elsewhere, env: env() })).status, 0);
    assert.deepEqual(
      [acme.map((r) => JSON.parse(r.stdin).cwd), other.map((r) => JSON.parse(r.stdin).cwd)],
      [['/Users/ana/src/acme-api'], ['/Users/ana/src/acme-api-v2']],
    );
  });

  it('a better window that died without cleaning up (its socket gone) is passed over for the next one', async () => {
    const seen: HookRequest[] = [];
    writeRegistration(dir, 'dead', {
      v: 1,
      pid: process.pid,
      socket: join(dir, 'dead.sock'),
      folders: ['/Users/ana/src/acme-api'],
      focusedAt: 9,
    });
    await window(allowing(seen), { folders: [], focusedAt: 1 });
    const run = await runHook(['--agent', 'claude'], { stdin: hookFixture('claude.stop.json'), env: env() });
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
    assert.equal(seen.length, 1);
  });

  it('a window that does not answer: the hook gives up at its deadline, before the agent kills it', async () => {
    await window(() => new Promise(() => undefined));
    // --timeout 3: the agent kills the hook at 3 s; the hook's deadline is 1.5 s.
    const run = await runHook(['--agent', 'claude', '--timeout', '3'], {
      stdin: hookFixture('claude.stop.json'),
      env: env(),
      timeoutMs: 3_000,
    });
    failedWith(run, /the window did not answer before the deadline; no decision/);
    assert.ok(run.ms > 1_400 && run.ms < 2_500, `${Math.round(run.ms)} ms`);
  });

  it('refuses a channel directory open to others', async () => {
    chmodSync(dir, 0o755);
    failedWith(
      await runHook(['--agent', 'claude'], { stdin: hookFixture('claude.stop.json'), env: env() }),
      /is open to others \(mode 755\)/,
    );
  });

  it('another user cannot reach the window (as root: a process of uid 65534 gets EACCES; otherwise the directory is 0700)', async () => {
    const w = await window(allowing());
    if (process.getuid!() !== 0) {
      assert.equal(lstatSync(dir).mode & 0o777, 0o700);
      return;
    }
    chmodSync(join(dir, '..'), 0o755); // the temp parent is 0700 too: open it so that only the channel directory stands in the way
    const connect = `require('node:net').createConnection(process.argv[1]).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => console.log(e.code))`;
    const stranger = await runAsAgent(process.execPath, ['-e', connect, w.endpoint], { uid: 65534, gid: 65534, timeoutMs: 5_000 });
    assert.equal(stranger.stdout.trim(), 'EACCES');
    const owner = await runAsAgent(process.execPath, ['-e', connect, w.endpoint], { timeoutMs: 5_000 });
    assert.equal(owner.stdout.trim(), 'connected');
    ensurePrivateDir(dir);
  });
});
