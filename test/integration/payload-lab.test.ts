// The payload lab, the history and the account tools in a real extension host against the
// sandbox, in both API modes: payload files, diagnostics, dry run, cURL (run with curl), CodeLens,
// the JSON schema through VS Code's own JSON language service, history actions, verify and pick.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { IMessageApi } from '../../src/extension/api';
import type { SendOutcome } from '../../src/extension/services/sender';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const run = promisify(execFile);
const settings = () => vscode.workspace.getConfiguration('imessage');
const G = vscode.ConfigurationTarget.Global;

async function writePayload(name: string, content: unknown): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const uri = vscode.Uri.joinPath(folder, `${name}.imessage.json`);
  const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Diagnostics from our payload check ('iMessage'), or from anything else (the JSON language service). */
async function diagnosticsOf(uri: vscode.Uri, source: 'iMessage' | 'others', timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => (d.source === 'iMessage') === (source === 'iMessage'));
    if (found.length) return found;
    if (Date.now() > deadline) throw new Error(`no ${source ?? ''} diagnostics on ${uri.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function textAt(uri: vscode.Uri, range: vscode.Range): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText(range);
}

describe('payload lab in a real host', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
    await settings().update('api.baseUrl', sandbox.url, G);
    await settings().update('api.legacyBaseUrl', sandbox.url, G);
    await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    await vscode.commands.executeCommand('imessage.clearHistory');
  });

  after(async () => {
    for (const key of ['api.baseUrl', 'api.legacyBaseUrl', 'api.version', 'from']) await settings().update(key, undefined, G);
    await sandbox.close();
  });

  beforeEach(() => sandbox.reset());

  it('New Payload opens an unsaved *.imessage.json from each template', async () => {
    for (const template of ['text', 'formatted', 'attachments', 'fallback', 'fast-track', 'legacy']) {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('imessage.newPayload', { template });
      assert.equal(uri.scheme, 'untitled');
      assert.ok(uri.path.endsWith(`${template}.imessage.json`), uri.path);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.languageId, 'json');
      assert.equal((JSON.parse(doc.getText()) as { to: string }).to, TO);
    }
    // A second one of the same template does not reuse the open document.
    const again = await vscode.commands.executeCommand<vscode.Uri>('imessage.newPayload', { template: 'text' });
    assert.ok(again.path.endsWith('text-2.imessage.json'), again.path);
  });

  it('offers Send · Dry run · Copy as cURL as CodeLens on payload files only', async () => {
    const { uri } = await vscode.workspace.openTextDocument(await writePayload('lens', { to: TO, message: 'lens' }));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const ours = lenses.filter((l) => l.command?.command.startsWith('imessage.'));
    assert.deepEqual(
      ours.map((l) => l.command!.command),
      ['imessage.sendPayload', 'imessage.dryRun', 'imessage.copyAsCurl'],
    );
    assert.equal(ours[0]!.range.start.line, 0);
    assert.deepEqual(ours[0]!.command!.arguments, [{ uri }]);
    const other = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'plain.json');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('{}'));
    await vscode.workspace.openTextDocument(other);
    const none = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', other);
    assert.equal(none.filter((l) => l.command?.command.startsWith('imessage.')).length, 0);
  });

  it("the contributed schema reaches VS Code's JSON language service and marks the broken value", async () => {
    const uri = await writePayload('schema-check', { to: TO, message: 'x', fast_track: 'yes', colour: 'red' });
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsOf(uri, 'others', 30_000);
    const marked = await Promise.all(diagnostics.map(async (d) => ({ text: await textAt(uri, d.range), message: d.message })));
    assert.ok(
      marked.some((m) => m.text === '"yes"' && /boolean/i.test(m.message)),
      JSON.stringify(marked),
    );
    assert.ok(
      marked.some((m) => m.text === '"colour"' && /not allowed/i.test(m.message)),
      JSON.stringify(marked),
    );
  });

  for (const version of ['current', 'legacy'] as const) {
    describe(`${version} API`, () => {
      before(() => settings().update('api.version', version, G));
      after(() => settings().update('api.version', undefined, G));
      const path = version === 'current' ? '/send/imessage' : '/send/text';
      const scheme = version === 'current' ? 'Bearer' : 'Token';

      it('Send Payload sends the file through the sender; the answer is logged', async () => {
        const uri = await writePayload(`send-${version}`, { to: TO, message: `payload ${version}` });
        const outcome = await vscode.commands.executeCommand<SendOutcome>('imessage.sendPayload', { uri, interactive: false });
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
        assert.equal(sandbox.requests.length, 1);
        assert.equal(sandbox.requests[0]!.path, path);
        assert.equal(sandbox.requests[0]!.headers.authorization, `${scheme} ${sandbox.token}`);
        const log = await readOutputLog((t) => t.includes(version === 'current' ? (outcome.result.messageId ?? '?') : '"crumbs"'));
        if (version === 'legacy') assert.match(log, /"message": "Successfully sent"/);
        assert.ok(!log.includes(sandbox.token));
      });

      it('a payload the contract refuses gets diagnostics on the right values and is not sent', async () => {
        const uri = await writePayload(`bad-${version}`, { to: 'bob', message: 'x', attachments: ['http://e.com/a.png'] });
        const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('imessage.sendPayload', { uri, interactive: false });
        assert.equal(outcome.ok, false);
        assert.equal(sandbox.requests.length, 0);
        const diagnostics = await diagnosticsOf(uri, 'iMessage');
        const marked = await Promise.all(diagnostics.map(async (d) => [d.code, await textAt(uri, d.range)]));
        assert.deepEqual(marked.sort(), [
          ['attachments[0]', '"http://e.com/a.png"'],
          ['to', '"bob"'],
        ]);
      });

      it('a malformed JSON file is refused with line and column', async () => {
        const uri = await writePayload(`broken-${version}`, '{\n  "to": "+14155552671"\n  "message": "x"\n}\n');
        await vscode.commands.executeCommand('imessage.sendPayload', { uri, interactive: false });
        const [d] = await diagnosticsOf(uri, 'iMessage');
        assert.match(d!.message, /Not valid JSON: .* at line 3, column 3/);
        assert.equal(d!.range.start.line, 2);
        assert.equal(sandbox.requests.length, 0);
      });

      it('Send without Client Validation lets the API answer, once, logged and redacted', async () => {
        const uri = await writePayload(`unchecked-${version}`, { to: 'bob', message: 'x' });
        const outcome = await vscode.commands.executeCommand<SendOutcome>('imessage.sendPayloadWithoutValidation', {
          uri,
          interactive: false,
        });
        assert.equal(outcome.ok, false);
        assert.equal(sandbox.requests.length, 1, 'sent once, never retried');
        assert.equal(sandbox.requests[0]!.path, path);
        assert.equal(sandbox.requests[0]!.status, 400, 'the API itself refused it');
        assert.equal((sandbox.requests[0]!.body as { to: string }).to, 'bob', 'sent as written');
        assert.equal(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iMessage').length, 0);
        const log = await readOutputLog((t) => t.includes('without client validation'));
        assert.ok(!log.includes(sandbox.token));
      });

      it('Dry Run writes the exact request, token masked, and sends nothing', async () => {
        await settings().update('from', '+15550000001', G);
        try {
          const uri = await writePayload(`dry-${version}`, { to: TO, message: 'dry' });
          const text = await vscode.commands.executeCommand<string>('imessage.dryRun', { uri, interactive: false });
          const body =
            version === 'current'
              ? { to: TO, from: '+15550000001', message: 'dry' }
              : { to: TO, message: 'dry', beta_features: { imessage: true, from: '+15550000001' } };
          assert.equal(
            text,
            [
              `POST ${sandbox.url}${path}`,
              `Authorization: ${scheme} «redacted»`,
              'Accept: application/json',
              'Content-Type: application/json',
              '',
              JSON.stringify(body),
            ].join('\n'),
          );
          assert.equal(sandbox.requests.length, 0);
          const log = await readOutputLog((t) => t.includes(JSON.stringify(body)));
          assert.ok(!log.includes(sandbox.token));
          // The dry run showed exactly what Send then sends.
          await vscode.commands.executeCommand('imessage.sendPayload', { uri, interactive: false });
          assert.equal(sandbox.requests[0]!.bodyText, JSON.stringify(body));
        } finally {
          await settings().update('from', undefined, G);
        }
      });

      it('Copy as cURL copies a command without the token that curl runs against the sandbox', async () => {
        const message = `it's "quoted" $HOME \`date\` \\ ünï 🎉`;
        const uri = await writePayload(`curl-${version}`, { to: TO, message });
        const command = await vscode.commands.executeCommand<string>('imessage.copyAsCurl', { uri, interactive: false });
        assert.ok(!command.includes(sandbox.token));
        assert.equal(await vscode.env.clipboard.readText(), command, 'on the clipboard');
        assert.equal(sandbox.requests.length, 0);
        // Without the variable the shell stops before curl runs.
        const env = { ...process.env };
        delete env.CONTIGUITY_TOKEN;
        await assert.rejects(run('bash', ['-c', command], { env }), (e: Error & { stderr?: string }) =>
          /set CONTIGUITY_TOKEN/.test(e.stderr ?? ''),
        );
        assert.equal(sandbox.requests.length, 0);
        const { stdout } = await run('bash', ['-c', command], { env: { ...process.env, CONTIGUITY_TOKEN: sandbox.token } });
        assert.equal(sandbox.requests.length, 1);
        const [req] = sandbox.requests;
        assert.equal(req!.path, path);
        assert.equal(req!.status, 200, stdout);
        assert.equal(req!.headers.authorization, `${scheme} ${sandbox.token}`);
        assert.equal(sandbox.sent[0]!.message, message, 'the shell passed the body through untouched');
        // Byte for byte what the extension itself sends for this file.
        const dry = await vscode.commands.executeCommand<string>('imessage.dryRun', { uri, interactive: false });
        assert.equal(req!.bodyText, dry.split('\n').at(-1));
        assert.match(stdout, version === 'current' ? /"object":\s*"response"/ : /Successfully sent/);
      });

      if (version === 'legacy') {
        it('what legacy cannot carry is marked before any request', async () => {
          const uri = await writePayload('legacy-limits', { to: TO, message: 'x', fast_track: true });
          await vscode.commands.executeCommand('imessage.sendPayload', { uri, interactive: false });
          const [d] = await diagnosticsOf(uri, 'iMessage');
          assert.equal(d!.code, 'fast_track');
          assert.match(d!.message, /legacy API/);
          assert.equal(await textAt(uri, d!.range), 'true');
          assert.equal(await vscode.commands.executeCommand('imessage.dryRun', { uri, interactive: false }), undefined);
          assert.equal(sandbox.requests.length, 0);
        });
      }

      it('History lists the send; copy id, check delivery status, open, send again', async () => {
        await vscode.commands.executeCommand('imessage.clearHistory');
        const uri = await writePayload(`history-${version}`, { to: TO, message: `history ${version}` });
        const sent = await vscode.commands.executeCommand<SendOutcome>('imessage.sendPayload', { uri, interactive: false });
        assert.ok(sent.ok);
        const opened = await vscode.commands.executeCommand<vscode.Uri>('imessage.showHistory', { index: 0, action: 'open' });
        assert.deepEqual(JSON.parse((await vscode.workspace.openTextDocument(opened)).getText()), {
          to: TO,
          message: `history ${version}`,
        });
        assert.ok(opened.path.endsWith('.imessage.json'));
        if (version === 'current') {
          const id = await vscode.commands.executeCommand<string>('imessage.showHistory', { index: 0, action: 'copyId' });
          assert.equal(id, sent.result.messageId);
          assert.equal(await vscode.env.clipboard.readText(), id);
          const status = await vscode.commands.executeCommand<{ status: string; tracking: unknown[] }>('imessage.showHistory', {
            index: 0,
            action: 'status',
          });
          assert.equal(status.status, 'delivered');
          const check = sandbox.requests.at(-1)!;
          assert.equal(check.path, `/conversations/history/message/${id}`);
          assert.deepEqual(check.query, { tracking: 'true' });
          const log = await readOutputLog((t) => t.includes(`Delivery status of ${id}: delivered`));
          assert.match(log, /queued — Message queued/);
        } else {
          // The legacy API gives no id: nothing to copy or check, and no request is made.
          assert.equal(await vscode.commands.executeCommand('imessage.showHistory', { index: 0, action: 'status' }), undefined);
          assert.equal(sandbox.requests.length, 1);
        }
        const again = await vscode.commands.executeCommand<SendOutcome>('imessage.showHistory', { index: 0, action: 'resend' });
        assert.ok(again.ok);
        assert.equal(sandbox.sent.length, 2);
        assert.equal(sandbox.requests.filter((r) => r.path === path).length, 2);
      });

      it('Verify API Token', async () => {
        const check = await vscode.commands.executeCommand<{
          valid: boolean;
          entitlements?: { name: string; status: string }[];
          message: string;
        }>('imessage.verifyToken', { interactive: false });
        if (version === 'current') {
          assert.equal(check.valid, true);
          assert.deepEqual(
            check.entitlements?.find((e) => e.name === 'imessage'),
            { name: 'imessage', status: 'granted' },
          );
          assert.match(check.message, /^The API token is valid\. .*iMessage: granted/);
          assert.match(check.message, /Fast Track: available/);
          assert.equal(sandbox.requests[0]!.path, '/entitlements');
          await vscode.commands.executeCommand('imessage.setToken', 'contiguity_sk_wrong');
          try {
            const bad = await vscode.commands.executeCommand<{ valid: boolean; message: string }>('imessage.verifyToken', {
              interactive: false,
            });
            assert.equal(bad.valid, false);
            assert.match(bad.message, /refused the API token .*401/);
            assert.ok(!bad.message.includes('contiguity_sk_wrong'));
          } finally {
            await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
          }
        } else {
          assert.equal(check.valid, false);
          assert.match(check.message, /legacy API \(imessage\.api\.version is "legacy"\) has no such endpoint/);
          assert.equal(sandbox.requests.length, 0);
        }
      });

      it('Pick Number to Send From', async () => {
        try {
          const picked = await vscode.commands.executeCommand<string | undefined>('imessage.pickFromNumber', { number: '+15550000001' });
          if (version === 'current') {
            assert.equal(picked, '+15550000001');
            assert.equal(settings().inspect('from')?.globalValue, '+15550000001');
            assert.equal(sandbox.requests[0]!.path, '/numbers/leased');
            // Not an active iMessage lease: refused, setting unchanged.
            assert.equal(await vscode.commands.executeCommand('imessage.pickFromNumber', { number: '+15550000003' }), undefined);
            assert.equal(settings().inspect('from')?.globalValue, '+15550000001');
          } else {
            assert.equal(picked, undefined, 'refused with a clear message');
            assert.equal(sandbox.requests.length, 0);
          }
        } finally {
          await settings().update('from', undefined, G);
        }
      });
    });
  }
});
