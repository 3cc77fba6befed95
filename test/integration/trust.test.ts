// Trust, in a real extension host: the workspace every integration test runs in is a hostile
// repository (scripts/host/hostile.mjs) whose .vscode/settings.json tries every protected setting
// and points at a server that must never be reached; and an untrusted API that echoes the token
// back in every fault shape must not get it shown anywhere.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { IMessageApi } from '../../src/extension/api';
import type { ComposeHandle } from '../../src/extension/features/compose/panel';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import { EMPTY_DRAFT, type HostMessage } from '../../src/shared/compose';
import { FAULT_SHAPES, startEchoServer, type EchoServer } from './echo-server';
import { runTask, shellTask, uniqueName, waitFor } from './notify-helpers';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const HOSTILE_URL = process.env.IMESSAGE_HOSTILE_URL;
const settings = () => vscode.workspace.getConfiguration('imessage');

async function hostileRequests(): Promise<{ method: string; path: string }[]> {
  const res = await fetch(`${HOSTILE_URL}/__hostile__/requests`);
  return (await res.json()) as { method: string; path: string }[];
}

function workspaceSettingsUri(): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.vscode', 'settings.json');
}

async function readWorkspaceSettings(): Promise<Record<string, unknown>> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceSettingsUri()))) as Record<string, unknown>;
}

async function writeWorkspaceSettings(value: Record<string, unknown>): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceSettingsUri(), new TextEncoder().encode(JSON.stringify(value, null, 2)));
}

describe('trust: a hostile workspace', () => {
  let sandbox: Sandbox;
  let api: IMessageApi;
  let original: Record<string, unknown>;
  const prompts: PromptRequest[] = [];
  let stopAnswering: () => void;

  before(async () => {
    assert.ok(HOSTILE_URL, 'the runner starts the hostile server and passes IMESSAGE_HOSTILE_URL');
    sandbox = await startSandbox({ pacing: false });
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('api.timeoutMs', 3000, vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    original = await readWorkspaceSettings();
    stopAnswering = answerPromptsForTests((request) => {
      prompts.push(request);
      return undefined;
    });
  });

  after(async () => {
    stopAnswering();
    await writeWorkspaceSettings(original);
    for (const key of [
      'api.baseUrl',
      'api.timeoutMs',
      'notify.tasks',
      'notify.debug',
      'notify.minDurationSeconds',
      'notify.onlyWhenUnfocused',
      'notify.recipient',
    ]) {
      await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await sandbox.close();
  });

  beforeEach(() => sandbox.reset());

  it('the workspace is trusted and its .vscode/settings.json points every protected setting at the hostile server', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    assert.equal(original['imessage.api.baseUrl'], HOSTILE_URL);
    assert.equal(original['imessage.api.legacyBaseUrl'], HOSTILE_URL);
    assert.ok(Object.keys(original).filter((k) => k.startsWith('imessage.')).length >= 16);
  });

  it('every setting is user-only: package.json says application scope, and no workspace value is read', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const [id, schema] of Object.entries(properties)) assert.equal(schema.scope, 'application', id);
    for (const id of Object.keys(original)) {
      const key = id.slice('imessage.'.length);
      const inspected = settings().inspect(key);
      assert.equal(inspected?.workspaceValue, undefined, `${id} has no workspace value`);
      assert.deepEqual(settings().get(key), inspected?.globalValue ?? inspected?.defaultValue, `${id} is the user's value or the default`);
    }
    assert.equal(settings().get('api.baseUrl'), sandbox.url);
  });

  it('a workspace cannot even be written a protected setting', async () => {
    await assert.rejects(
      Promise.resolve(settings().update('api.baseUrl', HOSTILE_URL, vscode.ConfigurationTarget.Workspace)),
      /can be written only into User settings/,
    );
  });

  it('told the user at startup, naming the file and each setting', async () => {
    const log = await readOutputLog((text) => text.includes('.vscode/settings.json tries to set'));
    const line = log.split('\n').find((l) => l.includes('.vscode/settings.json tries to set'))!;
    for (const id of Object.keys(original)) assert.ok(line.includes(id), `${id} named in: ${line}`);
  });

  it('a new attempt is told once, naming the file and the setting; the same file again says nothing', async () => {
    prompts.length = 0;
    await writeWorkspaceSettings({ ...original, 'imessage.notify.template': 'stolen: ${output}' });
    const told = await waitFor('the warning', () => prompts.find((p) => p.message.includes('imessage.notify.template')));
    assert.equal(told.severity, 'warning');
    assert.match(told.message, /This workspace's \.vscode\/settings\.json tries to set imessage\.notify\.template\. .*ignores it.*hostile/);
    assert.ok(!told.message.includes('imessage.api.baseUrl'), 'what was already told is not repeated');
    const read = (text: string) => text.split('still tries to set').length - 1;
    const before = read(await readOutputLog(() => true));
    await writeWorkspaceSettings({ 'imessage.notify.template': 'again: ${output}', ...original });
    await readOutputLog((text) => read(text) > before); // the guard read the file again
    assert.equal(prompts.filter((p) => /tries to set/.test(p.message)).length, 1, 'told once');
  });

  it("sends go to the user's API and recipient: the workspace's contacts, default recipient and host are ignored", async () => {
    await api.send({ to: TO, message: 'to the number I typed' });
    assert.equal(sandbox.requests.length, 1);
    assert.equal((sandbox.requests[0]!.body as { to: string }).to, TO, 'the workspace contact named like this number did not redirect it');
    assert.equal(sandbox.requests[0]!.path, '/send/imessage', 'not the legacy API the workspace asked for');
    await assert.rejects(
      api.send({ to: 'me', message: 'x' }),
      (e: Error & { field?: string }) => e.field === 'to',
      'the workspace contact "me" does not exist',
    );
    await assert.rejects(api.send({ message: 'x' }), /to is required/, 'the workspace default recipient does not exist');
    assert.equal(sandbox.requests.length, 1);
    assert.deepEqual(await hostileRequests(), []);
  });

  it("opening compose asks only the user's API for the numbers: 0 requests to the workspace host", async () => {
    const handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose'))!;
    const seen: HostMessage[] = [];
    const sub = handle.onDidPost((m) => seen.push(m));
    try {
      await handle.whenReady();
      await handle.receive({ type: 'reloadNumbers' });
      await waitFor('the numbers', () => seen.find((m) => m.type === 'numbers' && m.numbers.status !== 'loading'));
      assert.ok(sandbox.requests.some((r) => r.path === '/numbers/leased'));
      assert.deepEqual(await hostileRequests(), []);
    } finally {
      sub.dispose();
      handle.panel.dispose();
    }
  });

  it('a task ending texts nobody: the workspace turning on task notifications (to its own number) is ignored', async function () {
    // A task's terminal is slow to start on a loaded machine (seen: 10 s for the next test's).
    this.timeout(60_000);
    // Panels of earlier suites closed first: none is on screen while the task runs.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('every editor closed', () => (vscode.window.tabGroups.all.every((g) => g.tabs.length === 0) ? true : undefined));
    // The watchers start only for the user's own settings: turn on another kind (debug sessions) so
    // that the task's ending is watched and its decision logged, and wait until they run.
    await settings().update('notify.debug', 'always', vscode.ConfigurationTarget.Global);
    await readOutputLog((t) => t.includes('Notifications: watching tasks, terminal commands, notebook cells and debug sessions.'));
    const name = uniqueName('trust-task');
    await runTask(shellTask(name, 'exit 3'));
    await readOutputLog((t) => new RegExp(`No notification for task "${name}" \\(exit 3, [^)]*\\): notifications are off\\.`).test(t));
    // No text: the decision above is logged. Conversation panels of earlier suites may still read
    // their threads and send read receipts to the user's API on their own schedule: not counted here.
    assert.deepEqual(
      sandbox.requests.filter((r) => r.path === '/send/imessage'),
      [],
    );
    assert.deepEqual(await hostileRequests(), []);
  });

  it("with notifications on in user settings, the text goes to the user's recipient with the user's template", async () => {
    await settings().update('notify.tasks', 'always', vscode.ConfigurationTarget.Global);
    await settings().update('notify.minDurationSeconds', 0, vscode.ConfigurationTarget.Global);
    await settings().update('notify.onlyWhenUnfocused', false, vscode.ConfigurationTarget.Global);
    await settings().update('notify.recipient', TO, vscode.ConfigurationTarget.Global);
    const name = uniqueName('trust-task');
    await runTask(shellTask(name, 'exit 3'));
    const send = await waitFor('the notification', () => sandbox.requests.find((r) => r.path === '/send/imessage'));
    const body = send.body as { to: string; message: string };
    assert.equal(body.to, TO);
    assert.ok(body.message.includes(name) && !body.message.includes('stolen'), body.message);
    assert.deepEqual(await hostileRequests(), []);
  });
});

/** Occurrences of `token` in `text` in any form the echo server uses or a redactor should know. */
function tokenOccurrences(text: string, token: string): number {
  const forms = new Set([
    token,
    encodeURIComponent(token),
    new URLSearchParams({ v: token }).toString().slice(2),
    JSON.stringify(token).slice(1, -1),
    JSON.stringify(JSON.stringify(token).slice(1, -1)).slice(1, -1),
  ]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('x'.repeat(shift) + token).toString('base64');
    forms.add(encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + token.length)) / 6)));
  }
  // A distinctive middle part catches any other partial copy.
  forms.add(token.slice(8, 20));
  let count = 0;
  for (const form of forms) count += text.split(form).length - 1;
  return count;
}

describe('trust: an untrusted server echoes the token back', () => {
  // Not shaped like a Contiguity key, so only knowing the token (not a pattern) can redact it;
  // `/`, `+`, `=`, `"` and `\` change under every encoding the server uses.
  const TOKEN = 'sk_live/Zq9+Lk7=Pw3"Rt8\\Mn2~Yv6QaHj4';
  let echo: EchoServer;
  let api: IMessageApi;
  let handle: ComposeHandle;
  const posted: HostMessage[] = [];
  const prompts: PromptRequest[] = [];
  let stopAnswering: () => void;
  let sub: vscode.Disposable;
  const surfaces: Record<string, number> = {
    'log file': 0,
    notifications: 0,
    'webview messages': 0,
    'stored history': 0,
    "send()'s Error": 0,
    'cURL and dry run': 0,
  };
  let cases = 0;

  before(async () => {
    echo = await startEchoServer();
    await settings().update('api.baseUrl', echo.url, vscode.ConfigurationTarget.Global);
    await settings().update('api.timeoutMs', 3000, vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', { token: TOKEN });
    stopAnswering = answerPromptsForTests((request) => {
      prompts.push(request);
      return undefined;
    });
    handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose'))!;
    sub = handle.onDidPost((m) => posted.push(m));
    await handle.whenReady();
  });

  after(async () => {
    // The draft outlives the panel (it is stored): leave none behind for the next suite.
    await handle.receive({ type: 'draft', draft: EMPTY_DRAFT });
    sub.dispose();
    handle.panel.dispose();
    stopAnswering();
    for (const key of ['api.baseUrl', 'api.timeoutMs']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('imessage.clearToken');
    await echo.close();
    console.log(`      token occurrences per surface over ${cases} fault cases: ${JSON.stringify(surfaces)}`);
  });

  const statuses = [
    { status: 400, agreement: false },
    { status: 403, agreement: true },
    { status: 500, agreement: false },
    { status: 200, agreement: false },
  ];
  for (const shape of FAULT_SHAPES) {
    for (const { status, agreement } of statuses) {
      it(`${shape} body, HTTP ${status}: 0 copies of the token on every surface`, async () => {
        cases++;
        echo.shape = shape;
        echo.status = status;
        echo.agreementUrl = agreement ? 'http://evil.example/agree?from=contiguity.com' : undefined;
        const before = echo.requests;
        prompts.length = 0;
        posted.length = 0;

        const error = await api.send({ to: TO, message: `public API ${shape} ${status}` }).then(
          () => assert.fail('an echoed fault must not be a success'),
          (e: Error) => e,
        );
        const errorText = `${String(error)} ${error.stack} ${JSON.stringify({ ...error })}`;
        surfaces["send()'s Error"] += tokenOccurrences(errorText, TOKEN);
        assert.ok(echo.requests > before, 'the server was asked (and echoed the headers)');
        if (status === 400 || status === 403) assert.equal((error as { mayHaveBeenSent?: boolean }).mayHaveBeenSent, false);

        await handle.receive({ type: 'send', draft: { ...EMPTY_DRAFT, to: TO, message: `compose ${shape} ${status}` } });
        await handle.receive({ type: 'reloadNumbers' });
        await waitFor('the compose result', () => posted.find((m) => m.type === 'result'));
        await waitFor('the numbers', () => posted.find((m) => m.type === 'numbers' && m.numbers.status !== 'loading'));
        await waitFor('the failure notification', () => prompts.find((p) => p.severity === 'error'));
        const result = posted.find((m) => m.type === 'result')!;
        // Only the envelope carries an agreement_url.
        if (agreement && shape === 'envelope') {
          assert.ok(
            result.type === 'result' && !result.result.ok && result.result.agreementUrl === undefined,
            'an unsafe agreement link is not a link',
          );
          assert.ok(!prompts.some((p) => p.actions.includes('Open Agreement')), 'and not a button');
          assert.ok(
            prompts.some((p) => p.message.includes('http://evil.example/agree')),
            'it is shown as text',
          );
        }
        surfaces['webview messages'] += tokenOccurrences(JSON.stringify(posted), TOKEN);
        surfaces.notifications += tokenOccurrences(JSON.stringify(prompts), TOKEN);

        const entry = await vscode.commands.executeCommand<unknown>('imessage.showHistory', { index: 0, action: 'entry' });
        surfaces['stored history'] += tokenOccurrences(JSON.stringify(entry), TOKEN);
      });
    }
  }

  it('the log file, the dry run and the cURL export never carry it either', async () => {
    const log = await readOutputLog((text) => text.includes('compose text 200'));
    assert.ok(log.includes('echo'), 'the echoed bodies were logged (redacted)');
    surfaces['log file'] += tokenOccurrences(log, TOKEN);
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify({ to: TO, message: `my token is ${TOKEN}` }),
    });
    const dry = await vscode.commands.executeCommand<string>('imessage.dryRun', { uri: doc.uri, interactive: false });
    const curl = await vscode.commands.executeCommand<string>('imessage.copyAsCurl', { uri: doc.uri, interactive: false });
    assert.ok(dry && curl);
    surfaces['cURL and dry run'] += tokenOccurrences(`${dry}\n${curl}\n${await vscode.env.clipboard.readText()}`, TOKEN);
    assert.deepEqual(surfaces, {
      'log file': 0,
      notifications: 0,
      'webview messages': 0,
      'stored history': 0,
      "send()'s Error": 0,
      'cURL and dry run': 0,
    });
  });
});
