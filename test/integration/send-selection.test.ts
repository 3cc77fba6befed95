// imessage.sendSelection in a real extension host against the sandbox: the text taken from real
// editors, the real recipient QuickPick (driven with the workbench's quick-open commands), and the
// questions and results the user would see, read and answered through the prompt seam (modal
// dialogs cannot be answered from the host; test/e2e/send-selection.e2e.test.ts clicks the real ones).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComposeHandle } from '../../src/extension/features/compose/panel';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import { consumedMarkers } from '../../src/core/format';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import type { SendSelectionResult } from '../../src/extension/features/selection/command';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const ACCEPT = 'workbench.action.acceptSelectedQuickOpenItem';

describe('send selection in a real host', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let prompts: PromptRequest[];
  let answer: (p: PromptRequest) => string | undefined;
  let stopAnswering: () => void;
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const set = (key: string, value: unknown) => settings().update(key, value, vscode.ConfigurationTarget.Global);
  const CHANGED = ['api.baseUrl', 'api.timeoutMs', 'defaultRecipient', 'defaultCountry', 'contacts', 'confirmAboveChars'];

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    await set('api.baseUrl', sandbox.url);
    await set('api.timeoutMs', 3000);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    stopAnswering = answerPromptsForTests((p) => {
      prompts.push(p);
      return answer(p);
    });
  });

  after(async () => {
    stopAnswering();
    for (const key of CHANGED) await set(key, undefined);
    // The test documents are unsaved: revert them so that no "Save changes?" dialog opens.
    for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await sandbox.close();
  });

  beforeEach(async () => {
    sandbox.reset();
    prompts = [];
    answer = () => undefined;
    for (const key of ['defaultRecipient', 'defaultCountry', 'contacts', 'confirmAboveChars']) await set(key, undefined);
  });

  /** Opens `content` in an editor with the given selections ([line, char, line, char]). */
  async function editorWith(content: string, ...selections: [number, number, number, number][]) {
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selections = selections.map(([a, b, c, d]) => new vscode.Selection(a, b, c, d));
    return editor;
  }

  const run = (args?: unknown) => vscode.commands.executeCommand<SendSelectionResult | undefined>('imessage.sendSelection', args);
  const bodies = () => sandbox.requests.map((r) => r.body);

  /** Runs the command without a recipient and takes the QuickPick's first entry. */
  async function runWithPicker(): Promise<SendSelectionResult | undefined> {
    let done = false;
    const pending = run().then((r) => {
      done = true;
      return r;
    });
    // The picker opens once its entries are read; accepting before that does nothing.
    for (let i = 0; i < 200 && !done && sandbox.requests.length === 0; i++) {
      await vscode.commands.executeCommand(ACCEPT);
      await sleep(50);
    }
    return pending;
  }

  async function promptMatching(test: (p: PromptRequest) => boolean, what: string): Promise<PromptRequest> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = prompts.find(test);
      if (found) return found;
      if (Date.now() > deadline) assert.fail(`no prompt ${what}; saw ${JSON.stringify(prompts)}`);
      await sleep(25);
    }
  }

  it('contributes the command, its editor menu entry, a keybinding and the setting', () => {
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'imessage.sendSelection'));
    assert.deepEqual(
      pkg.contributes.menus['editor/context'].find((m) => m.command === 'imessage.sendSelection')?.when,
      'editorHasSelection',
    );
    assert.ok(pkg.contributes.keybindings.some((k) => k.command === 'imessage.sendSelection' && k.when === 'editorTextFocus'));
    assert.equal(settings().get('confirmAboveChars'), 1000);
  });

  it("its keybinding collides with none of this VS Code's default keybindings", async () => {
    const ours = pkg.contributes.keybindings.find((k) => k.command === 'imessage.sendSelection')!.key;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const bindings = [...doc.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({
      key: m[1]!,
      command: m[2]!,
    }));
    assert.ok(bindings.length > 500, `read the default keybindings (${bindings.length})`);
    // Modifiers in any order; a chord that starts with our keys collides too.
    const chord = (key: string) => key.split(' ')[0]!.split('+').sort().join('+');
    const clashes = bindings.filter((b) => b.command !== 'imessage.sendSelection' && chord(b.key) === chord(ours));
    assert.deepEqual(clashes, []);
  });

  it('sends exactly the selected text to the normalised number; the result has the message id', async () => {
    await editorWith('first line\n  exactly this, spaces kept  \nlast', [1, 0, 1, 29]);
    const result = await run({ to: '(415) 555-2671' });
    assert.equal(result?.status, 'sent');
    assert.deepEqual(bodies(), [{ to: TO, message: '  exactly this, spaces kept  ' }]);
    assert.equal(prompts.filter((p) => p.modal).length, 0, 'a short plain text is sent without a question');
    const id = sandbox.sent[0]!.id;
    const shown = await promptMatching((p) => p.severity === 'info', 'announcing the send');
    assert.equal(shown.message, `iMessage sent to ${TO} (message id ${id}).`);
    assert.deepEqual(shown.actions, ['Show Output', 'Copy Message ID']);
  }).timeout(60_000);

  it('"Copy Message ID" puts the id on the clipboard', async () => {
    answer = (p) => (p.severity === 'info' ? 'Copy Message ID' : undefined);
    await editorWith('copy me', [0, 0, 0, 7]);
    await run({ to: TO });
    await promptMatching((p) => p.severity === 'info', 'announcing the send');
    const id = sandbox.sent[0]!.id;
    const deadline = Date.now() + 5000;
    while ((await vscode.env.clipboard.readText()) !== id && Date.now() < deadline) await sleep(50);
    assert.equal(await vscode.env.clipboard.readText(), id);
  });

  it('joins multiple selections with newlines, in document order', async () => {
    await editorWith('alpha\nbeta\ngamma\r\ndelta', [3, 0, 3, 5], [0, 0, 0, 5], [2, 0, 2, 5]);
    await run({ to: TO });
    assert.deepEqual(bodies(), [{ to: TO, message: 'alpha\ngamma\ndelta' }]);
  });

  it('sends the current line when the selection is empty', async () => {
    await editorWith('one\ntwo is the line\nthree', [1, 3, 1, 3]);
    await run({ to: TO });
    assert.deepEqual(bodies(), [{ to: TO, message: 'two is the line' }]);
  });

  it('refuses an empty line and bad args, with the reason in the log and no request', async () => {
    await editorWith('text\n\nmore', [1, 0, 1, 0]);
    assert.equal(await run({ to: TO }), undefined);
    await readOutputLog((t) => t.includes('the selection and the current line are empty'));
    await editorWith('text', [0, 0, 0, 4]);
    assert.equal(await run({ to: TO, subject: 'x' }), undefined);
    await readOutputLog((t) => t.includes('imessage.sendSelection args.subject is not an option'));
    assert.equal(await run({ to: 42 }), undefined);
    await readOutputLog((t) => t.includes('imessage.sendSelection args.to'));
    assert.equal(sandbox.requests.length, 0);
  });

  it('accepts contact names in args and in the default recipient', async () => {
    await set('contacts', { Me: '(415) 555-2671', Pager: '+14155550000' });
    await editorWith('to a contact', [0, 0, 0, 12]);
    await run({ to: 'me', from: 'pager' });
    assert.deepEqual(bodies(), [{ to: TO, from: '+14155550000', message: 'to a contact' }]);
  });

  it('sends to an iCloud address, with a warning in the result', async () => {
    await editorWith('to an address', [0, 0, 0, 13]);
    await run({ to: 'Anna@iCloud.com' });
    assert.deepEqual(bodies(), [{ to: 'anna@icloud.com', message: 'to an address' }]);
    const shown = await promptMatching((p) => p.message.startsWith('iMessage sent'), 'announcing the send');
    assert.equal(shown.severity, 'warning');
    assert.match(shown.message, /iCloud email address .* delivery is unpredictable/);
  });

  it('reads a national number with imessage.defaultCountry', async () => {
    await set('defaultCountry', 'GB');
    await editorWith('to London', [0, 0, 0, 9]);
    await run({ to: '020 7183 8750' });
    assert.deepEqual(bodies(), [{ to: '+442071838750', message: 'to London' }]);
  });

  it('the picker offers the default recipient first', async () => {
    await set('contacts', { Anna: '+14155550111', Me: TO });
    await set('defaultRecipient', 'Me');
    await editorWith('picked', [0, 0, 0, 6]);
    const result = await runWithPicker();
    assert.equal(result?.status, 'sent');
    assert.deepEqual(bodies(), [{ to: TO, message: 'picked' }]);
  });

  it('the picker offers contacts next, then recent recipients, most recent first', async () => {
    await set('contacts', { Anna: '+14155550111' });
    await editorWith('contact first', [0, 0, 0, 13]);
    await runWithPicker();
    assert.equal((sandbox.requests[0]!.body as { to: string }).to, '+14155550111');

    await set('contacts', undefined);
    const [a, b] = ['+14155550001', '+14155550002'];
    await run({ to: a });
    await run({ to: b });
    sandbox.reset();
    await runWithPicker();
    assert.equal((sandbox.requests[0]!.body as { to: string }).to, b, 'the most recent recipient comes first');
    await run({ to: a });
    sandbox.reset();
    await runWithPicker();
    assert.equal((sandbox.requests[0]!.body as { to: string }).to, a);
  });

  it('dismissing the picker sends nothing and keeps the text', async () => {
    await editorWith('kept', [0, 0, 0, 4]);
    const pending = run();
    let result: SendSelectionResult | undefined;
    void pending.then((r) => (result = r));
    for (let i = 0; i < 200 && !result; i++) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await sleep(50);
    }
    assert.deepEqual(await pending, { status: 'cancelled', message: 'kept' });
    assert.equal(sandbox.requests.length, 0);
  });

  it('asks before sending more than imessage.confirmAboveChars characters', async () => {
    await set('confirmAboveChars', 10);
    await editorWith('twelve chars', [0, 0, 0, 12]);
    const cancelled = await run({ to: TO });
    const question = prompts[0]!;
    assert.equal(question.modal, true);
    assert.equal(question.message, `Send 12 characters to ${TO}?`);
    assert.deepEqual(question.actions, ['Send']);
    assert.deepEqual(cancelled, { status: 'cancelled', message: 'twelve chars', to: TO });
    assert.equal(sandbox.requests.length, 0, 'nothing is sent without an answer');

    answer = (p) => (p.modal ? 'Send' : undefined);
    assert.equal((await run({ to: TO }))?.status, 'sent');
    assert.deepEqual(bodies(), [{ to: TO, message: 'twelve chars' }]);

    prompts = [];
    await editorWith('ten chars!', [0, 0, 0, 10]);
    await run({ to: TO });
    assert.equal(prompts.filter((p) => p.modal).length, 0, 'no question at or below the limit');
  });

  it('warns when formatting markers would be consumed: Cancel, Send Anyway', async () => {
    const code = 'def f(x):\n    return a**b**c';
    assert.ok(consumedMarkers(code).length > 0, 'precondition: the engine consumes these markers');
    await editorWith(code, [0, 0, 1, 26]);
    const cancelled = await run({ to: TO });
    assert.equal(cancelled?.status, 'cancelled');
    const warning = prompts[0]!;
    assert.equal(warning.modal, true);
    assert.match(warning.message, /would read part of this text as formatting/);
    assert.match(warning.detail!, /line 2: \*\*b\*\* → bold/);
    assert.equal(sandbox.requests.length, 0);

    answer = (p) => (p.modal ? 'Send Anyway' : undefined);
    await run({ to: TO });
    assert.deepEqual(bodies(), [{ to: TO, message: code }]);
  });

  it('"Open in Compose" hands the text and recipient to the compose panel instead of sending', async () => {
    const code = 'use **kwargs** here';
    await editorWith(code, [0, 0, 0, code.length]);
    answer = (p) => (p.modal ? 'Open in Compose' : undefined);
    const result = await run({ to: '(415) 555-2671' });
    assert.ok(prompts[0]!.actions.includes('Open in Compose'));
    assert.equal(result?.status, 'compose');
    // Compose is single-instance: asking for it again returns the panel the command opened.
    const compose = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose'))!;
    try {
      await compose.whenReady();
      assert.equal(compose.draft().to, TO);
      assert.equal(compose.draft().message, code);
      assert.ok(!sandbox.requests.some((r) => r.path === '/send/imessage'), 'nothing was sent');
      // The panel lists the leased numbers as it opens; let that request land in this test, not the next.
      const deadline = Date.now() + 10_000;
      while (!sandbox.requests.some((r) => r.path === '/numbers/leased') && Date.now() < deadline) await sleep(50);
    } finally {
      // An open panel reloads leased numbers when settings change: close it so later tests see only their own requests.
      compose.panel.dispose();
    }
  });

  describe('failures keep the text and never resend on their own', () => {
    const failures: { name: string; fault: Parameters<Sandbox['inject']>[0]; says: RegExp; actions: string[] }[] = [
      {
        name: '500',
        fault: { kind: 'error500' },
        says: /HTTP 500.*may have been sent: check the recipient before retrying/,
        actions: ['Retry', 'Show Output'],
      },
      { name: 'HTML 502', fault: { kind: 'html502' }, says: /may have been sent/, actions: ['Retry', 'Show Output'] },
      {
        name: '401',
        fault: { kind: 'envelopeError', status: 401, error: 'Unauthorized' },
        says: /refused the API token.*Set a valid token/,
        actions: ['Set Token', 'Show Output'],
      },
      {
        name: '403 with an agreement',
        fault: { kind: 'envelopeError', status: 403, error: 'Forbidden', agreementUrl: 'https://api.contiguity.com/entitlements/imessage' },
        says: /lacks an entitlement/,
        actions: ['Open Agreement', 'Show Output'],
      },
      {
        name: 'connection reset after the body',
        fault: { kind: 'resetAfterBody' },
        says: /may have been sent/,
        actions: ['Retry', 'Show Output'],
      },
    ];

    for (const f of failures) {
      it(`${f.name}: the cause in plain words, its actions, exactly one request`, async () => {
        sandbox.inject(f.fault);
        await editorWith('important text', [0, 0, 0, 14]);
        const result = await run({ to: TO });
        assert.equal(result?.status, 'failed');
        assert.equal(result.message, 'important text', 'the text is returned');
        const error = await promptMatching((p) => p.severity === 'error', 'explaining the failure');
        assert.match(error.message, f.says);
        // Compose joins the actions when it is registered; the rest are fixed.
        assert.deepEqual(
          error.actions.filter((a) => a !== 'Open in Compose'),
          f.actions,
        );
        // The send has returned and its failure is shown: there is no attempt left to come.
        assert.equal(sandbox.requests.length, 1, 'one request, no automatic retry');
        assert.equal(vscode.window.activeTextEditor?.document.getText(), 'important text', 'the editor is untouched');
      });
    }

    it('a bad number says which, before any request', async () => {
      await editorWith('text', [0, 0, 0, 4]);
      const result = await run({ to: '555 12' });
      assert.equal(result?.status, 'failed');
      const error = await promptMatching((p) => p.severity === 'error', 'explaining the failure');
      assert.match(error.message, /^Not sent: to "555 12" is not a valid phone number read as a US number/);
      assert.equal(sandbox.requests.length, 0);
    });

    it('"Retry" after a 500 sends the same text once more, only when clicked', async () => {
      sandbox.inject({ kind: 'error500' });
      answer = (p) => (p.severity === 'error' ? 'Retry' : undefined);
      await editorWith('retry me', [0, 0, 0, 8]);
      await run({ to: TO });
      const deadline = Date.now() + 10_000;
      while (sandbox.requests.length < 2 && Date.now() < deadline) await sleep(50);
      assert.deepEqual(
        sandbox.requests.map((r) => [r.status, r.body]),
        [
          [500, { to: TO, message: 'retry me' }],
          [200, { to: TO, message: 'retry me' }],
        ],
      );
      await promptMatching((p) => p.severity === 'info', 'announcing the retried send');
    });
  });
});

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
