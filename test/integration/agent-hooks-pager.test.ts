// The pager in a real host against the sandbox: page() called as the hook handler calls it, with
// services of the test's own (real config, sender, conversations; see own-services.ts). Replies
// come in as a person sends them, through the sandbox's /__sandbox/inbound route. The workspace
// (scripts/host/hostile.mjs) tries to turn approvals on and point the recipient elsewhere: only the
// user's settings count.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { Decision } from '../../src/core/agent-hooks/answers';
import type { HookEvent } from '../../src/core/agent-hooks/events';
import { parseHookInput } from '../../src/core/agent-hooks/formats';
import { invoke } from '../../src/extension/features/agent/tools';
import { page } from '../../src/extension/features/agent-hooks/pager';
import type { Services } from '../../src/extension/services';
import { messageOf, PAGER_KEYS, pageEverything, sendsAfter } from './notify-helpers';
import { ownActivation, withOwnLogChannel, type OwnActivation } from './own-services';
import { apiDown } from './api-down';

const TO = '+14155552671';
const OURS = '+15550000001';
const STRANGER = '+12025550177';
const KEYS = ['api.baseUrl', 'from', 'notify.recipient', ...PAGER_KEYS];

describe('agent hooks: the pager (page() against the sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let own: OwnActivation;
  let services: Services;
  let transcripts: string;
  let hookDir: string | undefined;
  const folder = () => vscode.workspace.workspaceFolders![0]!;
  const set = (key: string, value: unknown) =>
    vscode.workspace.getConfiguration('imessage').update(key, value, vscode.ConfigurationTarget.Global);
  const sends = () => sandbox.requests.filter((r) => r.path === '/send/imessage');
  const context = (ms = 50_000) => ({ deadline: Date.now() + ms, signal: new AbortController().signal });

  /** A Claude Code hook input, parsed as the handler parses it. */
  function claude(fields: Record<string, unknown>): HookEvent {
    const parsed = parseHookInput(JSON.stringify({ session_id: 'pager-test', cwd: join(folder().uri.fsPath, 'src'), ...fields }));
    assert.equal(parsed.result, 'event', JSON.stringify(parsed));
    return (parsed as { event: HookEvent }).event;
  }
  const npmPublish = () => claude({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm publish' } });

  /** A person texts our number, as the inbox page does. */
  async function text(from: string, message: string) {
    const res = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, to: OURS, message }),
    });
    assert.equal(res.status, 200);
  }

  before(async () => {
    sandbox = await startSandbox();
    await set('api.baseUrl', sandbox.url);
    await set('from', OURS);
    await set('notify.recipient', TO);
    own = ownActivation('pager');
    transcripts = mkdtempSync(join(tmpdir(), 'imessage-transcripts-'));
    // Its own outbox, away from the extension's: a window's global storage.
    (own.context as { globalStorageUri: vscode.Uri }).globalStorageUri = vscode.Uri.file(join(transcripts, 'storage'));
    // Open questions are seen across windows through the channel directory: this test's own, so
    // that no other host on the machine counts as another window here.
    hookDir = process.env.IMESSAGE_HOOK_DIR;
    process.env.IMESSAGE_HOOK_DIR = join(transcripts, 'channel');
    services = await withOwnLogChannel('iMessage (pager test)', () => own.activation.services());
    assert.equal(services.openQuestions.size, 0);
    await services.tokens.set(sandbox.token);
  });

  beforeEach(async () => {
    await pageEverything();
    sandbox.reset();
  });

  after(async () => {
    for (const key of KEYS) await set(key, undefined);
    own.dispose();
    if (hookDir === undefined) delete process.env.IMESSAGE_HOOK_DIR;
    else process.env.IMESSAGE_HOOK_DIR = hookDir;
    rmSync(transcripts, { recursive: true, force: true });
    await sandbox.close();
  });

  it('finished: texts the user the agent, the repository, how long it worked and its last message (from the transcript)', async () => {
    const transcript = join(transcripts, 'session.jsonl');
    writeFileSync(
      transcript,
      [
        JSON.stringify({ type: 'user', message: { role: 'user', content: 'fix it' } }),
        JSON.stringify({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'All 212 tests pass.' }] } }),
        '',
      ].join('\n'),
    );
    assert.deepEqual(await page(services, claude({ hook_event_name: 'UserPromptSubmit', prompt: 'fix it' }), context()), { kind: 'none' });
    const decision = await page(services, claude({ hook_event_name: 'Stop', transcript_path: transcript }), context());
    assert.deepEqual(decision, { kind: 'none' });
    const [sent] = await sendsAfter(sandbox, 1);
    const { to, message } = messageOf(sent!);
    assert.equal(to, TO);
    // The repository is the workspace folder that holds the agent's directory, not the directory's own name ("src").
    assert.match(message, new RegExp(`^Claude Code finished in ${folder().name} after (<1s|\\d+s): All 212 tests pass\\.$`));
  });

  it('finished: the last message carried by the input wins; quiet hours send nothing', async () => {
    await set('notify.quietHours', '00:00-24:00');
    assert.deepEqual(await page(services, claude({ hook_event_name: 'Stop', last_assistant_message: 'Done.' }), context()), {
      kind: 'none',
    });
    assert.equal(sends().length, 0);
  });

  it('API down: a finished text waits in the outbox and arrives once when it is back; an approval answers "ask" at once and never waits', async () => {
    await apiDown(sandbox);
    try {
      const finished = claude({ hook_event_name: 'Stop', last_assistant_message: 'Kept for later.' });
      assert.deepEqual(await page(services, finished, context()), { kind: 'none' });
      const decision = await page(services, npmPublish(), context());
      assert.equal(decision.kind, 'ask');
      assert.equal(sandbox.requests.length, 0);
    } finally {
      await sandbox.outage({ kind: 'up' });
    }
    const delivered = new Promise<void>((resolve) => services.outbox.onDidReport((r) => r.kind === 'sent' && resolve()));
    const [sent] = await sendsAfter(sandbox, 1);
    assert.match(messageOf(sent!).message, /Kept for later\.$/);
    await delivered;
    await services.outbox.drain();
    assert.equal(sends().length, 1, 'the finished text once, the approval never');
    assert.equal(services.outbox.waiting.length, 0);
  });

  it('waiting: Claude waits for the user → a text saying so', async () => {
    const waiting = claude({
      hook_event_name: 'Notification',
      notification_type: 'idle_prompt',
      message: 'Claude is waiting for your input',
    });
    assert.deepEqual(await page(services, waiting, context()), { kind: 'none' });
    const [sent] = await sendsAfter(sandbox, 1);
    const { to, message } = messageOf(sent!);
    assert.deepEqual(
      { to, message },
      {
        to: TO,
        message: `Claude Code is waiting for your input in ${folder().name}: Claude is waiting for your input`,
      },
    );
  });

  it('approvals off (the default, whatever the workspace says): no decision and no text', async () => {
    await set('agentHooks.approvals', undefined);
    assert.deepEqual(await page(services, npmPublish(), context()), { kind: 'none' });
    assert.equal(sends().length, 0);
  });

  it('approvals always: the request is texted; "Y" from the user allows it', async () => {
    const decided = page(services, npmPublish(), context());
    const [sent] = await sendsAfter(sandbox, 1);
    const { to, message } = messageOf(sent!);
    assert.deepEqual(
      { to, message },
      {
        to: TO,
        message: `Claude wants to run \`npm publish\` in ${folder().name}. Reply Y to allow, N to deny.`,
      },
    );
    await text(TO, 'Y');
    assert.deepEqual(await decided, { kind: 'allow' });
  });

  it('"N too risky" denies, with the reason', async () => {
    const decided = page(services, npmPublish(), context());
    await sendsAfter(sandbox, 1);
    await text(TO, 'N too risky');
    assert.deepEqual(await decided, { kind: 'deny', reason: 'too risky' });
  });

  it("a stranger's Y approves nothing: the wait runs out and the agent's own prompt decides", async () => {
    await set('agentHooks.approvalTimeoutSeconds', 5);
    const t0 = Date.now();
    const decided = page(services, npmPublish(), context());
    await sendsAfter(sandbox, 1);
    await text(STRANGER, 'Y');
    const decision = await decided;
    assert.equal(decision.kind, 'ask');
    assert.match((decision as { reason: string }).reason, /no answer by iMessage within 5 s/);
    assert.ok(Date.now() - t0 >= 5_000);
    assert.equal(sends().length, 1, 'the stranger got nothing');
  });

  it('a hook that gives up (the agent killed it) ends the wait with "ask"', async () => {
    const controller = new AbortController();
    const decided = page(services, npmPublish(), { deadline: Date.now() + 50_000, signal: controller.signal });
    await sendsAfter(sandbox, 1);
    controller.abort();
    assert.equal((await decided).kind, 'ask');
  });

  it('a request Messages would not show as written, or a failed send, leaves it to the agent', async () => {
    const markers = claude({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'echo **ok** && rm -rf _build_' } });
    const unshown = await page(services, markers, context());
    assert.equal(unshown.kind, 'ask');
    assert.match((unshown as { reason: string }).reason, /cannot be shown as written/);
    assert.equal(sends().length, 0);
    sandbox.inject({ kind: 'envelopeError', status: 400, error: 'Refused for the test' }, { path: '/send/imessage' });
    const failed = await page(services, npmPublish(), context());
    assert.equal(failed.kind, 'ask');
    assert.match((failed as { reason: string }).reason, /not sent: .*Refused for the test/);
  });

  it('two questions open at once: the second carries a code, a bare Y is asked about once, and each is answered by its code', async () => {
    const first = page(services, npmPublish(), context());
    await sendsAfter(sandbox, 1);
    const second = page(
      services,
      claude({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git push' } }),
      context(),
    );
    const [, secondText] = await sendsAfter(sandbox, 2);
    const secondCode = /Reply Y (\w{3}) to allow, N \1 to deny\.$/.exec(messageOf(secondText!).message)?.[1];
    assert.ok(secondCode, messageOf(secondText!).message);
    const settled: Decision[] = [];
    void first.then((d) => settled.push(d));
    await text(TO, 'Y');
    // Which one? The answer lists both codes; the first question's code is learned from it.
    const [, , which] = await sendsAfter(sandbox, 3);
    const { to, message } = messageOf(which!);
    assert.equal(to, TO);
    assert.match(message, /^2 questions are open\./);
    const firstCode = new RegExp(`^(\\w{3}): Claude wants to run \`npm publish\``, 'm').exec(message)?.[1];
    assert.ok(firstCode && firstCode !== secondCode, message);
    await text(TO, `N ${secondCode} not now`);
    assert.deepEqual(await second, { kind: 'deny', reason: 'not now' });
    assert.deepEqual(settled, [], 'the first is still open');
    await text(TO, `y ${firstCode}`);
    assert.deepEqual(await first, { kind: 'allow' });
    assert.equal(sends().length, 3, 'one "which one?" for the one ambiguous reply');
  });

  it('another window has a question open: the text carries a code, and a reply without it is not taken here', async () => {
    // The other window: a live process of the user's with a question file in the channel directory.
    const questions = join(process.env.IMESSAGE_HOOK_DIR!, 'questions');
    mkdirSync(questions, { recursive: true, mode: 0o700 });
    const other = join(questions, `${process.ppid}-otherwindow-q1`);
    writeFileSync(other, 'K7R', { mode: 0o600 });
    try {
      const decided = page(services, npmPublish(), context());
      const [sent] = await sendsAfter(sandbox, 1);
      const code = /Reply Y (\w{3}) to allow, N \1 to deny\.$/.exec(messageOf(sent!).message)?.[1];
      assert.ok(code && code !== 'K7R', messageOf(sent!).message);
      await text(TO, 'N');
      await text(TO, `Y ${code}`);
      assert.deepEqual(await decided, { kind: 'allow' }, "the bare N was the other window's to take, not this one's");
    } finally {
      rmSync(other, { force: true });
    }
  });

  it('hooks and the language model tools share one cap: a hook text uses it up, then the tool and the approval are refused', async () => {
    await set('agent.maxTextsPerSession', 1000 - services.agentBudget.left(1000) + 1);
    const waiting = claude({
      hook_event_name: 'Notification',
      notification_type: 'permission_prompt',
      message: 'Claude needs your permission',
    });
    assert.deepEqual(await page(services, waiting, context()), { kind: 'none' });
    await sendsAfter(sandbox, 1);
    const tool = await invoke(services, 'imessage_notify', { message: 'one more' }, new vscode.CancellationTokenSource().token);
    assert.match(tool, /^Not sent: agents may send at most \d+ text\(s\) per VS Code session/);
    const decision = await page(services, npmPublish(), context());
    assert.equal(decision.kind, 'ask');
    assert.match((decision as { reason: string }).reason, /imessage\.agent\.maxTextsPerSession/);
    assert.equal(sends().length, 1);
  });
});
