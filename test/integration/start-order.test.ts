// `npm start` hands the extension the sandbox token through IMESSAGE_SANDBOX_TOKEN, so activation
// builds the services before it makes the public API. The API's onDidReceive must fire in that
// order too. The host suite's environment is one for all tests, so this runs the activation's last
// step (startApi) on an Activation of its own, with the variable set: real services, the real
// sandbox flow, real polling. Only the context's stores are in memory (a test has no context of its own).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type Sandbox, startSandbox } from '../../sandbox';
import { Activation } from '../../src/extension/activation';
import type { IMessageApi } from '../../src/extension/api';
import { startApi } from '../../src/extension/extension';
import { threadKey, type ReceivedMessage } from '../../src/extension/services/conversations';

const TO = '+14155550163';
const OURS = '+15550000001';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys = () => [...this.values.keys()];
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync() {}
}

class MemorySecrets implements vscode.SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  get = (key: string) => Promise.resolve(this.values.get(key));
  store(key: string, value: string): Thenable<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Thenable<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

describe('activation as npm start runs it (IMESSAGE_SANDBOX_TOKEN set)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let logFolder: string;
  const subscriptions: vscode.Disposable[] = [];
  const settings = () => vscode.workspace.getConfiguration('imessage');

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    logFolder = mkdtempSync(join(tmpdir(), 'imessage-start-order-'));
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('from', OURS, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    subscriptions.forEach((s) => s.dispose());
    for (const key of ['api.baseUrl', 'from']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
    rmSync(logFolder, { recursive: true, force: true });
  });

  it('adopts the sandbox token, builds the services first, and onDidReceive still fires for an inbound message', async () => {
    const context = {
      subscriptions,
      secrets: new MemorySecrets(),
      globalState: new MemoryMemento(),
      logUri: vscode.Uri.file(logFolder),
    } as unknown as vscode.ExtensionContext;
    const activation = new Activation(context);
    const before = process.env.IMESSAGE_SANDBOX_TOKEN;
    process.env.IMESSAGE_SANDBOX_TOKEN = sandbox.token;
    // The services' log opens the "iMessage" log channel, one per extension: a second one of that
    // name would take over the extension's own (and its file) under every later test.
    const window = vscode.window as { createOutputChannel: typeof vscode.window.createOutputChannel };
    const createOutputChannel = window.createOutputChannel;
    window.createOutputChannel = ((_name: string, options: { log: true }) =>
      createOutputChannel('iMessage (npm start test)', options)) as typeof createOutputChannel;
    let api: IMessageApi;
    try {
      api = await startApi(activation);
    } finally {
      window.createOutputChannel = createOutputChannel;
      if (before === undefined) delete process.env.IMESSAGE_SANDBOX_TOKEN;
      else process.env.IMESSAGE_SANDBOX_TOKEN = before;
    }
    assert.equal(vscode.window.createOutputChannel, createOutputChannel);
    const services = await activation.services();
    assert.equal(await services.tokens.get(), sandbox.token, 'the sandbox token was adopted');

    const arrived = new Promise<ReceivedMessage>((resolve) => subscriptions.push(api.onDidReceive(resolve)));
    const spec = { to: TO, from: OURS };
    const key = threadKey(spec);
    // The first answer shows the thread as it is; what arrives after it is news.
    const firstAnswer = new Promise<void>((resolve, reject) => {
      const s = services.conversations.onDidChange((changed) => {
        const view = changed === key ? services.conversations.thread(key) : undefined;
        if (!view?.updatedAt && !view?.error) return;
        s.dispose();
        if (view.error) reject(new Error(`the poll failed: ${view.error}`));
        else resolve();
      });
    });
    subscriptions.push(services.conversations.watch(key, spec, { intervalMs: 1_000 }));
    await firstAnswer;
    sandbox.receive({ from: TO, to: OURS, message: 'hello from the sandbox' });
    const message = await arrived;
    assert.equal(message.to, TO);
    assert.equal(message.bubble.text, 'hello from the sandbox');
  });
});
