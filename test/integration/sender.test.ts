// The sender, the token commands, SecretStorage and the output channel, in a real extension host,
// against the sandbox API started in this same host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { IMessageApi } from '../../src/extension/api';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';

describe('sender in a real host', () => {
  let sandbox: Sandbox;
  let api: IMessageApi;
  const settings = () => vscode.workspace.getConfiguration('imessage');

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('api.timeoutMs', 2000, vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
  });

  after(async () => {
    for (const key of ['api.baseUrl', 'api.timeoutMs', 'defaultRecipient', 'api.version', 'api.legacyBaseUrl']) {
      await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await sandbox.close();
  });

  beforeEach(() => sandbox.reset());

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = pkg.contributes.commands.map((c) => c.command);
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
    // VS Code itself registers `<view id>.focus`, `.open`, … for each contributed view.
    const views = Object.values(pkg.contributes.views).flatMap((list) => list.map((v) => `${v.id}.`));
    const ours = [...registered].filter((id) => id.startsWith('imessage.') && !views.some((v) => id.startsWith(v)));
    assert.deepEqual(
      ours.filter((id) => !contributed.includes(id)),
      [],
      'registered but not contributed',
    );
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'iMessage');
  });

  it('sends through the public API; the envelope is returned and logged, the token is not', async () => {
    const envelope = (await api.send({ to: TO, message: 'Build **passed**' })) as { id: string; data: { message_id: string } };
    assert.match(envelope.id, /^req_/);
    assert.equal(sandbox.requests.length, 1);
    const [req] = sandbox.requests;
    assert.equal(req!.headers.authorization, `Bearer ${sandbox.token}`);
    assert.deepEqual(req!.body, { to: TO, message: 'Build **passed**' });

    const log = await readOutputLog((text) => text.includes(envelope.data.message_id));
    assert.ok(log.includes(`POST ${sandbox.url}/send/imessage`), 'request line logged');
    assert.ok(log.includes(`"id": "${envelope.id}"`), 'the full envelope is logged as JSON');
    assert.ok(!log.includes(sandbox.token), 'the token never reaches the output channel');
  });

  it('normalises a national number with the default country and sends to the default recipient', async () => {
    await settings().update('defaultRecipient', '(415) 555-2671', vscode.ConfigurationTarget.Global);
    await api.send({ message: 'to the default recipient' });
    assert.equal((sandbox.requests[0]!.body as { to: string }).to, TO);
    await settings().update('defaultRecipient', undefined, vscode.ConfigurationTarget.Global);
  });

  it('rejects with status and envelope when the API refuses', async () => {
    sandbox.inject({ kind: 'error500' });
    const error = await api.send({ to: TO, message: 'x' }).then(
      () => assert.fail('should reject'),
      (e: unknown) => e as Error & { status?: number; envelope?: { object: string }; mayHaveBeenSent?: boolean },
    );
    assert.equal(error.status, 500);
    assert.equal(error.envelope?.object, 'error');
    assert.equal(error.mayHaveBeenSent, true);
    assert.equal(sandbox.requests.length, 1, 'a 500 is never retried');
    const log = await readOutputLog((text) => text.includes('HTTP 500'));
    assert.ok(!log.includes(sandbox.token));
  });

  it('refuses invalid input before any request, naming the field', async () => {
    await assert.rejects(
      api.send({ to: 'not a number', message: 'x' }),
      (e: Error & { field?: string }) => e.field === 'to' && /not a number/.test(e.message),
    );
    await assert.rejects(
      api.send({ to: TO, attachments: ['ftp://x/a.png'] }),
      (e: Error & { field?: string }) => e.field === 'attachments[0]',
    );
    assert.equal(sandbox.requests.length, 0);
  });

  it('refuses a plain http:// base URL that is not loopback, naming the setting', async () => {
    await settings().update('api.baseUrl', 'http://api.contiguity.com', vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(api.send({ to: TO, message: 'x' }), /imessage\.api\.baseUrl .*in clear/);
    } finally {
      await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    }
    assert.equal(sandbox.requests.length, 0);
  });

  it('sends through the legacy API when configured', async () => {
    await settings().update('api.version', 'legacy', vscode.ConfigurationTarget.Global);
    await settings().update('api.legacyBaseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    try {
      const envelope = (await api.send({ to: TO, message: 'legacy' })) as { message: string };
      assert.equal(envelope.message, 'Successfully sent');
      assert.equal(sandbox.requests[0]!.path, '/send/text');
      assert.equal(sandbox.requests[0]!.headers.authorization, `Token ${sandbox.token}`);
    } finally {
      await settings().update('api.version', undefined, vscode.ConfigurationTarget.Global);
      await settings().update('api.legacyBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('clearToken removes the token from SecretStorage; setToken stores a new one', async () => {
    await vscode.commands.executeCommand('imessage.clearToken');
    await assert.rejects(api.send({ to: TO, message: 'x' }), /No Contiguity API token is set/);
    assert.equal(sandbox.requests.length, 0);
    await vscode.commands.executeCommand('imessage.setToken', { token: sandbox.token });
    await api.send({ to: TO, message: 'x' });
    assert.equal(sandbox.requests.length, 1);
  });

  it('keeps the token out of settings', () => {
    const all = JSON.stringify(vscode.workspace.getConfiguration('imessage'));
    assert.ok(!all.includes(sandbox.token));
  });
});
