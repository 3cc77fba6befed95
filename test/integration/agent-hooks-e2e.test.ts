// The agent pager end to end in a real host: each agent runs the hook entry the setup writes
// (agent-harness.ts) with its documented input (test/fixtures/agent-hooks/, cwd moved into this
// workspace), through the launcher, to this window, which texts the sandbox; replies come in as the
// user sends them, through /__sandbox/inbound. The hostile workspace tries to turn approvals on and
// point the recipient elsewhere: only the user's settings count.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import { channelDir } from '../../src/core/agent-hooks/channel-protocol';
import { ensurePrivateDir } from '../../src/core/agent-hooks/channel/private-dir';
import { readRegistrations } from '../../src/core/agent-hooks/channel/registration';
import type { SetupAgent, SetupEvent } from '../../src/core/agent-hooks/setup/entries';
import { hookFixture } from '../fixtures/agent-hooks';
import type { Run } from '../fixtures/hook-command';
import { runAsSetUp } from './agent-harness';
import { messageOf, PAGER_KEYS, pageEverything, sendsAfter, sleep } from './notify-helpers';
import { readOutputLog } from './output-log';
import { until } from './until';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const OURS = '+15550000001';
const STRANGER = '+12025550177';
const KEYS = ['api.baseUrl', 'from', 'notify.recipient', 'agentHooks.enabled', ...PAGER_KEYS];
/** The shortest wait for a reply the settings allow: the "no answer" cases cost this much. */
const WAIT_SECONDS = 5;

describe('agent hooks end to end: each agent runs the entry the setup writes, against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let launcher: string;
  const dir = channelDir();
  const folder = () => vscode.workspace.workspaceFolders![0]!;
  const set = (key: string, value: unknown) =>
    vscode.workspace.getConfiguration('imessage').update(key, value, vscode.ConfigurationTarget.Global);
  const sends = () => sandbox.requests.filter((r) => r.path === '/send/imessage');
  const ours = () => readRegistrations(dir).find((r) => r.pid === process.pid);

  /** A fixture as the agent sends it, run from this workspace's folder. */
  function input(file: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    const fixtures = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'agent-hooks');
    return { ...(JSON.parse(hookFixture(file, fixtures)) as Record<string, unknown>), cwd: folder().uri.fsPath, ...fields };
  }

  function agent(name: SetupAgent, event: SetupEvent, hookInput: Record<string, unknown>, hookDir = dir): Promise<Run> {
    return runAsSetUp({ agent: name, event, input: hookInput, launcher, hookDir, projectDir: folder().uri.fsPath });
  }

  /** The user (or anyone) texts our number, as the inbox page does; resolves when the sandbox took it. */
  async function text(from: string, message: string): Promise<number> {
    const res = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, to: OURS, message }),
    });
    assert.equal(res.status, 200);
    return Date.now();
  }

  /** An approval: the hook runs, its question reaches the user, who answers `reply`; the hook's run. */
  async function approval(name: SetupAgent, file: string, reply: string): Promise<{ run: Run; question: string }> {
    const running = agent(name, 'approvals', input(file));
    const [sent] = await sendsAfter(sandbox, 1);
    const { to, message } = messageOf(sent!);
    assert.equal(to, TO);
    await text(TO, reply);
    return { run: await running, question: message };
  }

  before(async () => {
    sandbox = await startSandbox();
    await set('api.baseUrl', sandbox.url);
    await set('from', OURS);
    await set('notify.recipient', TO);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    await set('agentHooks.enabled', true);
    await until('this window to register', ours);
    const log = await readOutputLog((t) => /Agent hooks: this window listens at .*; agents call /.test(t));
    launcher = /Agent hooks: this window listens at .*; agents call (.+)$/m.exec(log)![1]!.trim();
  });

  beforeEach(async () => {
    await pageEverything(WAIT_SECONDS);
    sandbox.reset();
  });

  after(async () => {
    for (const key of KEYS) await set(key, undefined);
    await sandbox.close();
  });

  const texts: { agent: SetupAgent; event: SetupEvent; file: string; title: string; message: (folder: string) => string }[] = [
    {
      agent: 'claude',
      event: 'finished',
      file: 'claude.stop.json',
      title: "Claude Code's Stop: a text naming the agent and the folder, with its last message",
      message: (f) => `Claude Code finished in ${f}: I've completed the refactoring. Here's a summary...`,
    },
    {
      agent: 'codex',
      event: 'finished',
      file: 'codex.agent-turn-complete.json',
      title: "Codex's notify (the JSON as its last argument): a text naming Codex, the folder and its last message",
      message: (f) => `Codex finished in ${f}: Rename complete and verified \`cargo build\` succeeds.`,
    },
    {
      agent: 'claude',
      event: 'waiting',
      file: 'claude.notification.idle-prompt.json',
      title: "Claude Code's Notification (waiting for input): a text saying so",
      message: (f) => `Claude Code is waiting for your input in ${f}: Claude is waiting for your input`,
    },
  ];
  for (const t of texts) {
    it(`${t.title}, to the user's recipient; the hook exits 0, silent`, async () => {
      const run = await agent(t.agent, t.event, input(t.file));
      assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
      const [sent] = await sendsAfter(sandbox, 1);
      assert.deepEqual(messageOf(sent!), { from: OURS, to: TO, message: t.message(folder().name) });
    });
  }

  const approvals: { agent: SetupAgent; file: string; question: RegExp; allow: object; deny: object }[] = [
    {
      agent: 'claude',
      file: 'claude.permission-request.json',
      question: /^Claude wants to run `rm -rf node_modules` in (.+)\. Reply Y to allow, N to deny\.$/,
      allow: { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } },
      deny: { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'not now' } } },
    },
    {
      agent: 'copilot-cli',
      file: 'copilot-cli.permission-request.camel.json',
      question: /^Copilot wants to use web_fetch .* in (.+)\. Reply Y to allow, N to deny\.$/s,
      allow: { behavior: 'allow' },
      deny: { behavior: 'deny', message: 'not now' },
    },
    {
      agent: 'vscode',
      file: 'vscode.pre-tool-use.terminal.json',
      question: /^The VS Code agent wants to run `npm publish` in (.+)\. Reply Y to allow, N to deny\.$/,
      allow: { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' } },
      deny: { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'not now' } },
    },
  ];
  for (const a of approvals) {
    it(`${a.agent} approval: the request is texted; "Y" prints the allow answer, "N not now" the denial with its reason`, async () => {
      const allowed = await approval(a.agent, a.file, 'Y');
      assert.equal(a.question.exec(allowed.question)?.[1], folder().name, allowed.question);
      assert.deepEqual([allowed.run.status, JSON.parse(allowed.run.stdout), allowed.run.stderr], [0, a.allow, '']);
      sandbox.reset();
      const denied = await approval(a.agent, a.file, 'N not now');
      assert.deepEqual([denied.run.status, JSON.parse(denied.run.stdout), denied.run.stderr], [0, a.deny, '']);
    });
  }

  it("no reply within the wait: VS Code's PreToolUse answers ask, well before the agent's timeout", async () => {
    const run = await agent('vscode', 'approvals', input('vscode.pre-tool-use.terminal.json'));
    assert.deepEqual(
      [run.status, JSON.parse(run.stdout), run.stderr],
      [
        0,
        {
          hookSpecificOutput: {
            hookEventName: 'PreToolUse',
            permissionDecision: 'ask',
            permissionDecisionReason: `Not answered by iMessage (no answer by iMessage within ${WAIT_SECONDS} s): decide here.`,
          },
        },
        '',
      ],
    );
    assert.ok(run.ms >= WAIT_SECONDS * 1000 && run.ms < (WAIT_SECONDS + 10) * 1000, `answered after ${run.ms} ms`);
    assert.equal(sends().length, 1);
  });

  it("a stranger's Y approves nothing: Claude's PermissionRequest gets no decision (its own dialog decides), the stranger no text", async () => {
    const running = agent('claude', 'approvals', input('claude.permission-request.json'));
    await sendsAfter(sandbox, 1);
    await text(STRANGER, 'Y');
    const run = await running;
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
    assert.ok(run.ms >= WAIT_SECONDS * 1000, `answered after ${run.ms} ms`);
    assert.deepEqual(
      sends().map((r) => messageOf(r).to),
      [TO],
    );
  });

  it('two agents ask at once (two hook processes): each question is answered by its own reply', async () => {
    const first = agent('claude', 'approvals', input('claude.permission-request.json'));
    await sendsAfter(sandbox, 1);
    const second = agent('claude', 'approvals', input('claude.permission-request.json', { tool_input: { command: 'git push' } }));
    const [, asked] = await sendsAfter(sandbox, 2);
    const code = /^Claude wants to run `git push` in .+\. Reply Y (\w{3}) to allow, N \1 to deny\.$/.exec(messageOf(asked!).message)?.[1];
    assert.ok(code, messageOf(asked!).message);
    await text(TO, `N ${code} not now`);
    const denied = await second;
    assert.deepEqual(JSON.parse(denied.stdout), {
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'not now' } },
    });
    // Only the first is open now: a bare reply is its answer.
    await text(TO, 'Y');
    const allowed = await first;
    assert.deepEqual(JSON.parse(allowed.stdout), {
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } },
    });
    assert.equal(sends().length, 2, 'no "which one?": each reply named its question');
  });

  it('no window running: exit 0, no output, one line on stderr, in under 1.5 s', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'imessage-e2e-')), 'channel');
    ensurePrivateDir(empty);
    try {
      const run = await agent('claude', 'finished', input('claude.stop.json'), empty);
      assert.deepEqual([run.status, run.stdout], [0, '']);
      assert.match(run.stderr, /^imessage-hook: no VS Code window with agent hooks on [^\n]*\n$/);
      assert.ok(run.ms < 1500, `took ${run.ms} ms`);
    } finally {
      rmSync(join(empty, '..'), { recursive: true, force: true });
    }
    assert.equal(sends().length, 0);
  });

  it('bad input: exit 0, stderr names the field, nothing is sent', async () => {
    const run = await agent('claude', 'approvals', input('claude.permission-request.json', { tool_name: 42 }));
    assert.deepEqual([run.status, run.stdout], [0, '']);
    assert.match(run.stderr, /^imessage-hook: Claude Code hook input \(PermissionRequest\): tool_name [^\n]*\n$/);
    const codex = await agent('codex', 'finished', input('codex.agent-turn-complete.json', { cwd: 'relative/dir' }));
    assert.deepEqual([codex.status, codex.stdout], [0, '']);
    assert.match(codex.stderr, /cwd must be an absolute path/);
    // The hook exits only after the window answered: nothing can still be on its way.
    assert.equal(sends().length, 0);
  });

  it("a hostile hook input (its own recipient fields, a cwd elsewhere) texts the user's recipient and no one else", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'imessage-elsewhere-'));
    try {
      const hostile = input('claude.stop.json', {
        cwd: elsewhere,
        to: STRANGER,
        recipient: STRANGER,
        phone: STRANGER,
        last_assistant_message: `Done. Text ${STRANGER} the results.`,
      });
      const run = await agent('claude', 'finished', hostile);
      assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
      const all = await sendsAfter(sandbox, 1);
      assert.deepEqual(
        all.map((r) => messageOf(r).to),
        [TO],
      );
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('hook timings (written for npm run bench -- pager): hook start → text at the sandbox, reply at the sandbox → decision printed', async function () {
    this.timeout(180_000);
    const toText: number[] = [];
    const toDecision: number[] = [];
    for (let i = 0; i < 5; i++) {
      sandbox.reset();
      const started = Date.now();
      await agent('claude', 'finished', input('claude.stop.json'));
      const [sent] = await sendsAfter(sandbox, 1);
      toText.push(sent!.at - started);
      sandbox.reset();
      const running = agent('claude', 'approvals', input('claude.permission-request.json'));
      await sendsAfter(sandbox, 1);
      // A person never answers in the same instant; vary where the reply lands in the poll cycle.
      await sleep(300 + 500 * i);
      const replied = await text(TO, 'Y');
      const run = await running;
      assert.equal(JSON.parse(run.stdout).hookSpecificOutput.decision.behavior, 'allow');
      toDecision.push(run.stdoutAt! - replied);
    }
    console.log(`      hook start → text: ${toText.join(', ')} ms; reply → decision printed: ${toDecision.join(', ')} ms`);
    if (process.env.IMESSAGE_BENCH_OUT) writeFileSync(process.env.IMESSAGE_BENCH_OUT, JSON.stringify({ toText, toDecision }));
  });
});
