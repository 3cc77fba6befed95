// `npm start` hands the extension the sandbox token through IMESSAGE_SANDBOX_TOKEN, so activation
// builds the services before it makes the public API. The API's onDidReceive must fire in that
// order too. The host suite's environment is one for all tests, so this runs the activation's last
// step (startApi) on an Activation of its own, with the variable set: real services, the real
// sandbox flow, real polling. Only the context's stores are in memory (a test has no context of its own).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { IMessageApi } from '../../src/extension/api';
import { startApi } from '../../src/extension/extension';
import { threadKey, type ReceivedMessage } from '../../src/extension/services/conversations';
import { ownActivation, withOwnLogChannel, type OwnActivation } from './own-services';

const TO = '+14155550163';
const OURS = '+15550000001';

describe('activation as npm start runs it (IMESSAGE_SANDBOX_TOKEN set)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let own: OwnActivation;
  const settings = () => vscode.workspace.getConfiguration('imessage');

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    own = ownActivation('start-order');
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('from', OURS, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    own.dispose();
    for (const key of ['api.baseUrl', 'from']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
  });

  it('adopts the sandbox token, builds the services first, and onDidReceive still fires for an inbound message', async () => {
    const { activation } = own;
    const subscriptions = own.context.subscriptions;
    const before = process.env.IMESSAGE_SANDBOX_TOKEN;
    process.env.IMESSAGE_SANDBOX_TOKEN = sandbox.token;
    let api: IMessageApi;
    try {
      api = await withOwnLogChannel('iMessage (npm start test)', () => startApi(activation));
    } finally {
      if (before === undefined) delete process.env.IMESSAGE_SANDBOX_TOKEN;
      else process.env.IMESSAGE_SANDBOX_TOKEN = before;
    }
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
