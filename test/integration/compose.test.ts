// The compose panel's host in a real extension host: the real webview loads and says ready; the
// test then posts what the webview would post (through the same handler) and reads what the host
// posts back, against the sandbox API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import { composeArgs } from '../../src/extension/features/compose/commands';
import type { ComposeHandle } from '../../src/extension/features/compose/panel';
import { type Draft, EMPTY_DRAFT, type HostMessage } from '../../src/shared/compose';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';

type Of<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

/** Everything the host posts, so a test can wait for the next message of a kind. */
class Posted {
  private readonly seen: HostMessage[] = [];
  private readonly subscription: vscode.Disposable;
  constructor(private readonly handle: ComposeHandle) {
    this.subscription = handle.onDidPost((m) => this.seen.push(m));
  }
  clear() {
    this.seen.length = 0;
  }
  /** The first message of `type` seen since the last clear, else the next one posted. */
  next<T extends HostMessage['type']>(type: T, where: (m: Of<T>) => boolean = () => true, timeoutMs = 10_000): Promise<Of<T>> {
    const matches = (m: HostMessage): m is Of<T> => m.type === type && where(m as Of<T>);
    const found = this.seen.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listener.dispose();
        reject(
          new assert.AssertionError({ message: `no "${type}" message from the host; saw ${JSON.stringify(this.seen.map((m) => m.type))}` }),
        );
      }, timeoutMs);
      const listener = this.handle.onDidPost((m) => {
        if (!matches(m)) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(m);
      });
    });
  }
  dispose() {
    this.subscription.dispose();
  }
}

describe('compose panel (host side, real webview)', () => {
  let sandbox: Sandbox;
  let handle: ComposeHandle;
  let posted: Posted;
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const draft = (fields: Partial<Draft>): Draft => ({ ...EMPTY_DRAFT, to: TO, message: 'hello', ...fields });
  // The panel also reads GET /numbers/leased (again whenever settings change): count sends only.
  const sends = () => sandbox.requests.filter((r) => r.path === '/send/imessage');

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('contacts', { me: TO }, vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
  });

  after(async () => {
    posted?.dispose();
    handle?.panel.dispose();
    for (const key of ['api.baseUrl', 'contacts']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
  });

  // Each test gets the panel (opened if a test closed it) and a fresh record of what it posts.
  beforeEach(async () => {
    sandbox.reset();
    handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose'))!;
    posted?.dispose();
    posted = new Posted(handle);
    await handle.whenReady();
  });

  async function reopen() {
    handle.panel.dispose();
    posted.dispose();
    handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose'))!;
    posted = new Posted(handle);
    await handle.whenReady();
  }

  it('opens prefilled from args; the real webview says ready and gets the draft', async () => {
    // From a fresh draft in a new panel: the args fill in only the fields they name.
    await handle.receive({ type: 'draft', draft: EMPTY_DRAFT });
    handle.panel.dispose();
    posted.dispose();
    handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose', {
      to: 'me',
      message: 'Deploy **done**',
      attachments: ['https://example.com/report.pdf'],
    }))!;
    posted = new Posted(handle);
    await handle.whenReady();
    assert.deepEqual(
      { to: handle.draft().to, message: handle.draft().message, attachments: handle.draft().attachments },
      { to: 'me', message: 'Deploy **done**', attachments: ['https://example.com/report.pdf'] },
    );
    const validation = await posted.next('validation');
    assert.deepEqual(validation.validation.problems, {});
    assert.equal(validation.validation.hints.to, `me: ${TO}`, 'the contact resolves to its E.164 number');
  });

  it('is a single panel: compose again reveals it, and args that overwrite a message keep the old draft restorable', async () => {
    await vscode.commands.executeCommand('imessage.compose', { message: 'Deploy **done**' });
    posted.clear();
    const again = await vscode.commands.executeCommand<ComposeHandle>('imessage.compose', { message: 'something else' });
    assert.equal(again, handle, 'the same panel');
    assert.equal(handle.draft().message, 'something else');
    const shown = await posted.next('draft');
    assert.equal(shown.replaced, true);
    await handle.receive({ type: 'restoreReplaced' });
    assert.equal(handle.draft().message, 'Deploy **done**', 'the previous draft is back');
  });

  it('lists the leased numbers that can send iMessage (active, with the imessage channel)', async () => {
    posted.clear();
    await handle.receive({ type: 'reloadNumbers' });
    const numbers = await posted.next('numbers', (m) => m.numbers.status !== 'loading');
    assert.deepEqual(numbers.numbers, { status: 'ok', numbers: [{ e164: '+15550000001', label: '+1 (555) 000-0001 (+15550000001)' }] });
  });

  it('says why the numbers cannot be listed without a token', async () => {
    await vscode.commands.executeCommand('imessage.clearToken');
    try {
      posted.clear();
      await handle.receive({ type: 'reloadNumbers' });
      const numbers = await posted.next('numbers', (m) => m.numbers.status !== 'loading');
      assert.equal(numbers.numbers.status, 'error');
      assert.match((numbers.numbers as { message: string }).message, /No API token is set.*type a number/);
    } finally {
      await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    }
  });

  it('validates as the user types, naming each field', async () => {
    posted.clear();
    const urls = ['http://example.com/a.png', 'https://example.com/no-extension', 'https://example.com/ok.jpg'];
    await handle.receive({ type: 'draft', draft: draft({ to: '12', from: 'abc', message: '', attachments: urls }) });
    const { validation } = await posted.next('validation');
    assert.match(validation.problems.to!, /not a valid phone number/);
    assert.match(validation.problems.from!, /not a phone number/);
    assert.match(validation.problems['attachments[0]']!, /https/);
    assert.match(validation.problems['attachments[1]']!, /file extension/);
    assert.equal(validation.problems['attachments[2]'], undefined);
    assert.equal(validation.problems.message, undefined, 'attachments make the message optional');

    posted.clear();
    const eleven = Array.from({ length: 11 }, (_, i) => `https://example.com/${i}.png`);
    await handle.receive({ type: 'draft', draft: draft({ to: '(415) 555-2671', attachments: eleven }) });
    const second = (await posted.next('validation')).validation;
    assert.match(second.problems.attachments!, /at most 10/);
    assert.equal(second.hints.to, TO, 'a national number is shown as the E.164 it becomes');
  });

  it('ignores (and logs) a malformed message from the webview', async () => {
    const before = handle.draft();
    await handle.receive({ type: 'send', draft: { to: 42 } });
    await handle.receive({ type: 'draft', draft: { ...before, extra: 'field' } });
    await handle.receive({ type: 'evil' });
    assert.deepEqual(handle.draft(), before);
    assert.equal(sends().length, 0);
    await readOutputLog((text) => text.includes('Compose: ignored a malformed message'));
  });

  it('sends through the sandbox, shows the result and clears only the message and attachments', async () => {
    posted.clear();
    const sent = draft({
      to: 'me',
      from: '+15550000001',
      message: '**bold** _italic_',
      attachments: ['https://example.com/a.png'],
      fallbackWhen: ['imessage_fails'],
    });
    await handle.receive({ type: 'send', draft: sent });
    const { result } = await posted.next('result');
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(sends().length, 1);
    assert.deepEqual(sends()[0]!.body, {
      to: TO,
      from: '+15550000001',
      message: '**bold** _italic_',
      attachments: ['https://example.com/a.png'],
      fallback: { when: ['imessage_fails'] },
    });
    assert.match(result.messageId!, /\S/);
    assert.equal(result.apiVersion, 'v2026.8.2');
    assert.equal(result.to, TO);
    assert.deepEqual(handle.draft(), { ...sent, message: '', attachments: [] });
    const suggestions = await posted.next('suggestions');
    assert.ok(
      suggestions.suggestions.some((s) => s.value === TO && s.detail === 'recent'),
      'the recipient becomes a recent suggestion',
    );
  });

  it('"Let Contiguity choose" sends from: null, even when imessage.from is set', async () => {
    await settings().update('from', '+15550000001', vscode.ConfigurationTarget.Global);
    try {
      posted.clear();
      await handle.receive({ type: 'send', draft: draft({ from: '' }) });
      assert.ok((await posted.next('result')).result.ok);
      assert.equal((sends()[0]!.body as { from: unknown }).from, null);
    } finally {
      posted.clear();
      await settings().update('from', undefined, vscode.ConfigurationTarget.Global);
      // The settings change reloads the numbers: let that finish before the next test injects a fault.
      await posted.next('numbers', (m) => m.numbers.status !== 'loading');
    }
  });

  it('a failed send keeps the draft, says it may have been sent, and is not retried', async () => {
    // On the send itself: the panel also reads the thread (history, availability) while it is open.
    sandbox.inject({ kind: 'error500' }, { path: '/send/imessage' });
    posted.clear();
    const kept = draft({ message: 'important words' });
    await handle.receive({ type: 'send', draft: kept });
    const { result } = await posted.next('result');
    assert.equal(result.ok, false);
    assert.equal((result as { mayHaveBeenSent: boolean }).mayHaveBeenSent, true);
    assert.equal(sends().length, 1, 'a 500 is never retried');
    assert.deepEqual(handle.draft(), kept, 'the draft is kept');
  });

  it('a send refused before any request names the field at fault', async () => {
    posted.clear();
    await handle.receive({ type: 'send', draft: draft({ to: 'nobody at all' }) });
    const { result } = await posted.next('result');
    assert.equal(result.ok, false);
    assert.equal((result as { field?: string }).field, 'to');
    assert.match((result as { message: string }).message, /not a phone number/);
    assert.equal(sends().length, 0);
    assert.equal(handle.draft().message, 'hello');
  });

  it('keeps the draft when the panel is closed and reopened', async () => {
    const kept = draft({ message: 'survives closing' });
    await handle.receive({ type: 'draft', draft: kept });
    await reopen();
    assert.deepEqual(handle.draft(), kept);
    const init = await posted.next('init').catch(() => undefined);
    // init may have been posted before this listener existed; the draft is what matters.
    if (init) assert.deepEqual(init.draft, kept);
  });

  it('the page has a strict CSP with a nonce, loads nothing remote and never holds the token', () => {
    const html = handle.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(csp.split(handle.panel.webview.cspSource).join(''), /https?:/, "only VS Code's own resource origin");
    const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(loaded.length, 2, 'one script, one stylesheet');
    const local = handle.panel.webview
      .asWebviewUri(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'x'))
      .toString()
      .slice(0, -1);
    for (const url of loaded) assert.ok(url.startsWith(local), `${url} is one of the extension's own files`);
    assert.ok(!html.includes(sandbox.token));
    assert.ok(!JSON.stringify(handle.draft()).includes(sandbox.token));
    const roots = (handle.panel.webview.options.localResourceRoots ?? []).map((u) => u.path.split('/').pop());
    assert.deepEqual(roots, ['webview', 'media']);
  });

  it('rejects args that are not compose args, naming the argument', () => {
    // The command table shows this error to the user; the parser says exactly what it will say.
    assert.throws(() => composeArgs({ to: 5 }), /imessage\.compose args\.to/);
    assert.throws(() => composeArgs({ body: 'x' }), /args\.body is not an option/);
    assert.deepEqual(composeArgs({ to: 'me', message: 'x', from: '+15550000001', attachments: [] }), {
      to: 'me',
      message: 'x',
      from: '+15550000001',
      attachments: [],
    });
  });
});
