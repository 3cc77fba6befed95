// The bad-input table: every way in (the public API, commands, settings, the compose panel,
// payload files) given input that must be refused. Each case must end in a clear error that names
// the field or setting, with 0 requests to the API and the extension still working afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { IMessageApi } from '../../src/extension/api';
import type { ComposeHandle } from '../../src/extension/features/compose/panel';
import { answerPromptsForTests } from '../../src/extension/ui/prompts';
import { type Draft, EMPTY_DRAFT, type HostMessage } from '../../src/shared/compose';
import { MAX_DRAFT_CHARS } from '../../src/core/limits';
import { waitFor } from './notify-helpers';
import { readOutputLog } from './output-log';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TO = '+14155552671';
const settings = () => vscode.workspace.getConfiguration('imessage');

type Surface = 'public API' | 'settings' | 'commands' | 'compose' | 'payload files';
interface Case {
  surface: Surface;
  name: string;
  /** What the error must name: a field, an argument or a setting id. */
  field: string;
  /** Runs the input; resolves with the error text the user (or caller) gets. */
  run: () => Promise<string>;
}

let api: IMessageApi;
let compose: ComposeHandle;
const posted: HostMessage[] = [];

/** The rejection's message (and field), or a failure if it resolved. */
async function refusal(promise: Thenable<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const err = e as Error & { field?: string };
    return `${err.field ?? ''} ${err.message}`;
  }
  throw new Error('was accepted');
}

const send = (input: unknown) => refusal(api.send(input as never));

/** A user setting set to `value` for one send through the public API. */
function withSetting(key: string, value: unknown, input: unknown = { to: TO, message: 'x' }, also: [string, unknown][] = []) {
  return async () => {
    const changes = [...also, [key, value] as [string, unknown]];
    const before = changes.map(([k]) => [k, settings().inspect(k)?.globalValue] as const);
    for (const [k, v] of changes) await settings().update(k, v, vscode.ConfigurationTarget.Global);
    try {
      return await send(input);
    } finally {
      for (const [k, v] of before) await settings().update(k, v, vscode.ConfigurationTarget.Global);
    }
  };
}

/** A command whose failure the command wrapper logs ("<id> failed: …"). */
function command(id: string, arg: unknown, expect: RegExp) {
  return async () => {
    await vscode.commands.executeCommand(id, arg);
    const log = await readOutputLog((text) => expect.test(text));
    return (
      log
        .split('\n')
        .reverse()
        .find((l) => expect.test(l)) ?? ''
    );
  };
}

/** What the compose panel shows after Send with this draft. */
function composeSend(fields: Partial<Draft>) {
  return async () => {
    posted.length = 0;
    await compose.receive({ type: 'send', draft: { ...EMPTY_DRAFT, to: TO, message: 'hi', ...fields } });
    const result = await waitFor('the result', () => posted.find((m) => m.type === 'result'), 10_000);
    assert.ok(result.type === 'result' && !result.result.ok, 'the panel shows a failure and leaves "Sending…"');
    // The host keeps what it can hold as the draft; a longer one stays in the webview's own state.
    if (fields.message !== undefined && fields.message.length <= MAX_DRAFT_CHARS) {
      assert.equal(compose.draft().message, fields.message, 'the draft is kept');
    }
    return `${result.result.ok ? '' : `${result.result.field ?? ''} ${result.result.message}`}`;
  };
}

let payloadCounter = 0;
/** A payload file with this text, sent by command (headless); resolves with the first problem. */
function payload(text: string, commandId = 'imessage.sendPayload') {
  return async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, `bad-input-${++payloadCounter}.imessage.json`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const result = await vscode.commands.executeCommand<{ ok?: boolean; problems?: { field: string; message: string }[]; error?: Error }>(
        commandId,
        { uri, interactive: false },
      );
      if (result && 'problems' in result && result.problems?.length) return `${result.problems[0]!.field} ${result.problems[0]!.message}`;
      if (result && result.ok === false && result.error) {
        return `${(result.error as Error & { field?: string }).field ?? ''} ${result.error.message}`;
      }
      throw new Error(`was accepted: ${JSON.stringify(result)}`);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  };
}

const deep = (n: number) => `{"to":"${TO}","message":"x","fallback":${'['.repeat(n)}${']'.repeat(n)}}`;
const long = (n: number) => 'a'.repeat(n);

const CASES: Case[] = [
  // The public API: what another extension (or a language model tool) passes.
  { surface: 'public API', name: 'a number one digit short', field: 'to', run: () => send({ to: '+1415555267', message: 'x' }) },
  { surface: 'public API', name: '+10000000', field: 'to', run: () => send({ to: '+10000000', message: 'x' }) },
  { surface: 'public API', name: 'a reserved drama number', field: 'to', run: () => send({ to: '+447700900123', message: 'x' }) },
  { surface: 'public API', name: 'words', field: 'to', run: () => send({ to: 'not a number', message: 'x' }) },
  { surface: 'public API', name: 'an empty recipient', field: 'to', run: () => send({ to: '', message: 'x' }) },
  { surface: 'public API', name: 'a numeric recipient', field: 'to', run: () => send({ to: 14155552671, message: 'x' }) },
  { surface: 'public API', name: 'an email without a domain', field: 'to', run: () => send({ to: 'a@b', message: 'x' }) },
  { surface: 'public API', name: 'no message', field: 'message', run: () => send({ to: TO }) },
  { surface: 'public API', name: 'a blank message', field: 'message', run: () => send({ to: TO, message: '   ' }) },
  { surface: 'public API', name: 'a message of 10 001 characters', field: 'message', run: () => send({ to: TO, message: long(10_001) }) },
  { surface: 'public API', name: 'a 10 MB message', field: 'message', run: () => send({ to: TO, message: long(10_000_000) }) },
  { surface: 'public API', name: 'a numeric message', field: 'message', run: () => send({ to: TO, message: 42 }) },
  {
    surface: 'public API',
    name: 'an attachment with a space',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: ['https://x.io/a b.png'] }),
  },
  {
    surface: 'public API',
    name: 'an attachment with a line break',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: ['https://x.io/a\n.png'] }),
  },
  {
    surface: 'public API',
    name: 'an attachment with a tab',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: ['https://x.io/\ta.png'] }),
  },
  {
    surface: 'public API',
    name: 'an attachment with NUL',
    field: 'attachments[1]',
    run: () => send({ to: TO, attachments: ['https://x.io/a.png', 'https://x.io/b.png\u0000'] }),
  },
  {
    surface: 'public API',
    name: 'an attachment with a zero-width space',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: ['https://x.io/a\u200b.png'] }),
  },
  {
    surface: 'public API',
    name: 'an attachment with a leading space',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: [' https://x.io/a.png'] }),
  },
  {
    surface: 'public API',
    name: 'an http attachment',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: ['http://x.io/a.png'] }),
  },
  {
    surface: 'public API',
    name: 'an attachment without a file extension',
    field: 'attachments[0]',
    run: () => send({ to: TO, attachments: ['https://x.io/folder/'] }),
  },
  {
    surface: 'public API',
    name: '11 attachments',
    field: 'attachments',
    run: () => send({ to: TO, attachments: Array.from({ length: 11 }, (_, i) => `https://x.io/${i}.png`) }),
  },
  { surface: 'public API', name: 'an unknown field', field: 'bcc', run: () => send({ to: TO, message: 'x', bcc: '+12025550143' }) },
  {
    surface: 'public API',
    name: 'an empty fallback rule list',
    field: 'fallback.when',
    run: () => send({ to: TO, message: 'x', fallback: { when: [] } }),
  },
  {
    surface: 'public API',
    name: 'an unknown fallback rule',
    field: 'fallback.when[0]',
    run: () => send({ to: TO, message: 'x', fallback: { when: ['sometimes'] } }),
  },
  {
    surface: 'public API',
    name: 'an impossible fallback number',
    field: 'fallback.from',
    run: () => send({ to: TO, message: 'x', fallback: { when: ['imessage_fails'], from: '+1555' } }),
  },
  { surface: 'public API', name: 'a sender that is not a number', field: 'from', run: () => send({ to: TO, message: 'x', from: 'abc' }) },
  {
    surface: 'public API',
    name: 'an impossible sender number',
    field: 'from',
    run: () => send({ to: TO, message: 'x', from: '+1555000000' }),
  },
  {
    surface: 'public API',
    name: 'fast_track as a string',
    field: 'fast_track',
    run: () => send({ to: TO, message: 'x', fast_track: 'yes' }),
  },
  { surface: 'public API', name: 'null instead of a request', field: 'request', run: () => send(null) },
  { surface: 'public API', name: 'a string instead of a request', field: 'request', run: () => send('hello') },
  { surface: 'public API', name: 'an array instead of a request', field: 'request', run: () => send([TO, 'x']) },
  {
    surface: 'public API',
    name: 'attachments nested 10 000 deep',
    field: 'attachments',
    run: () => send({ to: TO, attachments: JSON.parse(deep(10_000)).fallback }),
  },

  // Settings the user got wrong: named, nothing sent.
  ...(
    [
      ['a base URL with a query', 'https://api.contiguity.com?via=proxy'],
      ['a base URL with an empty query', 'https://api.contiguity.com?'],
      ['a base URL with a fragment', 'https://api.contiguity.com#x'],
      ['a base URL with a backslash', 'https://evil.example\\@api.contiguity.com'],
      ['a base URL with credentials', 'https://user:pw@api.contiguity.com'],
      ['a base URL with a user name', 'https://api.contiguity.com@evil.example'],
      ['a base URL with ..', 'https://api.contiguity.com/v1/..'],
      ['a base URL with an encoded ..', 'https://api.contiguity.com/%2e%2e/x'],
      ['a base URL with a leading space', ' https://api.contiguity.com'],
      ['a base URL with a tab inside', 'https://api.contiguity\t.com'],
      ['plain http to another host', 'http://api.contiguity.com'],
      ['an ftp base URL', 'ftp://api.contiguity.com'],
    ] as const
  ).map(([name, url]): Case => ({ surface: 'settings', name, field: 'imessage.api.baseUrl', run: withSetting('api.baseUrl', url) })),
  {
    surface: 'settings',
    name: 'a legacy base URL with a query',
    field: 'imessage.api.legacyBaseUrl',
    run: withSetting('api.legacyBaseUrl', 'https://api.contiguity.co?x', undefined, [['api.version', 'legacy']]),
  },
  { surface: 'settings', name: 'an unknown API version', field: 'imessage.api.version', run: withSetting('api.version', 'v3') },
  {
    surface: 'settings',
    name: 'a contact named like a number',
    field: 'imessage.contacts',
    run: withSetting('contacts', { '+14155552671': '+12025550143' }),
  },
  { surface: 'settings', name: 'a three-letter country', field: 'imessage.defaultCountry', run: withSetting('defaultCountry', 'USA') },
  { surface: 'settings', name: 'a 10 ms timeout', field: 'imessage.api.timeoutMs', run: withSetting('api.timeoutMs', 10) },
  {
    surface: 'settings',
    name: 'an impossible default recipient',
    field: 'imessage.defaultRecipient',
    run: withSetting('defaultRecipient', '+10000000', { message: 'x' }),
  },

  // Commands, as palette, keybindings and other extensions call them.
  {
    surface: 'commands',
    name: 'Set API Token with a line break',
    field: 'API token',
    run: command('imessage.setToken', { token: 'contiguity_sk_abc\ndef' }, /setToken failed: The API token contains a line break/),
  },
  {
    surface: 'commands',
    name: 'Set API Token with NUL',
    field: 'API token',
    run: command('imessage.setToken', { token: 'contiguity_sk_abc\u0000def' }, /setToken failed: The API token contains a NUL character/),
  },
  {
    surface: 'commands',
    name: 'Set API Token with non-ASCII',
    field: 'API token',
    run: command(
      'imessage.setToken',
      { token: 'contiguity_sk_ab\u00e9cd' },
      /setToken failed: The API token contains an invisible or non-ASCII character/,
    ),
  },
  {
    surface: 'commands',
    name: 'Set API Token with a Unicode line separator',
    field: 'API token',
    run: command(
      'imessage.setToken',
      { token: 'contiguity_sk_ab\u2028cd' },
      /setToken failed: The API token contains a line break \(U\+2028\)/,
    ),
  },
  {
    surface: 'commands',
    name: 'Set API Token with an empty token',
    field: 'API token',
    run: command('imessage.setToken', { token: '   ' }, /setToken failed: The API token is empty/),
  },
  {
    surface: 'commands',
    name: 'Compose with a numeric recipient',
    field: 'imessage.compose args.to',
    run: command('imessage.compose', { to: 5 }, /imessage\.compose failed: imessage\.compose args\.to/),
  },
  {
    surface: 'commands',
    name: 'Compose with an unknown argument',
    field: 'imessage.compose args.bcc',
    run: command('imessage.compose', { bcc: TO }, /imessage\.compose failed: imessage\.compose args\.bcc/),
  },
  {
    surface: 'commands',
    name: 'New Payload with an unknown template',
    field: 'template',
    run: command('imessage.newPayload', { template: 'nope' }, /newPayload failed: template must be one of/),
  },
  {
    surface: 'commands',
    name: 'Run Task and Notify with an unknown task',
    field: 'No task named',
    run: command('imessage.runTaskAndNotify', { task: 'no-such-task' }, /runTaskAndNotify failed: No task named "no-such-task"/),
  },

  // The compose panel: what its webview posts on Send.
  { surface: 'compose', name: 'a number one digit short', field: 'to', run: composeSend({ to: '+1415555267' }) },
  {
    surface: 'compose',
    name: 'a message of 10 001 characters (kept as a draft)',
    field: 'message',
    run: composeSend({ message: long(10_001) }),
  },
  {
    surface: 'compose',
    name: 'a message over the draft limit (1 000 001 characters)',
    field: 'message',
    run: composeSend({ message: long(1_000_001) }),
  },
  {
    surface: 'compose',
    name: 'an attachment with a space',
    field: 'attachments[0]',
    run: composeSend({ attachments: ['https://x.io/a b.png'] }),
  },
  { surface: 'compose', name: 'an impossible sender', field: 'from', run: composeSend({ from: '+1' }) },
  {
    surface: 'compose',
    name: 'an SMS fallback number that is not one',
    field: 'fallback.from',
    run: composeSend({ fallbackWhen: ['imessage_fails'], fallbackFrom: 'abc' }),
  },

  // Payload files in the workspace.
  {
    surface: 'payload files',
    name: 'a duplicate "to"',
    field: 'to',
    run: payload(`{\n  "to": "${TO}",\n  "message": "x",\n  "to": "+12025550143"\n}`),
  },
  {
    surface: 'payload files',
    name: 'a duplicate "to", sent without client validation',
    field: 'to',
    run: payload(`{"to": "${TO}", "message": "x", "to": "+12025550143"}`, 'imessage.sendPayloadWithoutValidation'),
  },
  {
    surface: 'payload files',
    name: 'a duplicate nested key',
    field: 'fallback.when',
    run: payload(`{"to": "${TO}", "message": "x", "fallback": {"when": ["imessage_fails"], "when": []}}`),
  },
  { surface: 'payload files', name: 'nesting 100 000 deep', field: 'nests deeper than 32 levels', run: payload(deep(100_000)) },
  {
    surface: 'payload files',
    name: 'nesting 100 000 deep, without client validation',
    field: 'nests deeper than 32 levels',
    run: payload(deep(100_000), 'imessage.sendPayloadWithoutValidation'),
  },
  { surface: 'payload files', name: 'nesting 33 deep', field: 'nests deeper than 32 levels', run: payload(deep(33)) },
  {
    surface: 'payload files',
    name: 'a message of 10 001 characters',
    field: 'message',
    run: payload(JSON.stringify({ to: TO, message: long(10_001) })),
  },
  {
    surface: 'payload files',
    name: 'an attachment with a line break',
    field: 'attachments[0]',
    run: payload(JSON.stringify({ to: TO, attachments: ['https://x.io/a\n.png'] })),
  },
  {
    surface: 'payload files',
    name: 'a number one digit short',
    field: 'to',
    run: payload(JSON.stringify({ to: '+1415555267', message: 'x' })),
  },
  { surface: 'payload files', name: 'broken JSON', field: 'line 1', run: payload('{"to": ') },
  { surface: 'payload files', name: 'an array', field: 'JSON object', run: payload('[1, 2]') },
];

describe('bad input: refused with an error naming the field, 0 requests, 0 crashes', () => {
  let sandbox: Sandbox;
  let stopAnswering: () => void;
  let sub: vscode.Disposable;
  const counts: Record<string, number> = {};

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    stopAnswering = answerPromptsForTests(() => undefined);
    compose = (await vscode.commands.executeCommand<ComposeHandle>('imessage.compose'))!;
    sub = compose.onDidPost((m) => posted.push(m));
    await compose.whenReady();
  });

  after(async () => {
    // The draft outlives the panel (it is stored): leave none behind for the next suite.
    await compose.receive({ type: 'draft', draft: EMPTY_DRAFT });
    sub.dispose();
    compose.panel.dispose();
    stopAnswering();
    await settings().update('api.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
    console.log(`      bad inputs per surface: ${JSON.stringify(counts)}; ${CASES.length} in all`);
  });

  it(`has at least 60 cases across every surface (${CASES.length})`, () => {
    assert.ok(CASES.length >= 60);
    for (const surface of ['public API', 'settings', 'commands', 'compose', 'payload files']) {
      assert.ok(
        CASES.some((c) => c.surface === surface),
        surface,
      );
    }
  });

  for (const c of CASES) {
    it(`${c.surface}: ${c.name}`, async () => {
      sandbox.reset();
      const message = await c.run();
      assert.ok(message.includes(c.field), `the error names ${c.field}: ${message.slice(0, 300)}`);
      assert.ok(message.length < 2000, 'the error is short enough to read');
      const sends = sandbox.requests.filter((r) => r.method !== 'GET');
      assert.equal(sends.length, 0, 'no request');
      counts[c.surface] = (counts[c.surface] ?? 0) + 1;
    });
  }

  it('the extension still works afterwards: a good send goes through', async () => {
    sandbox.reset();
    await api.send({ to: TO, message: 'still alive' });
    assert.equal(sandbox.requests.length, 1);
    assert.equal(sandbox.requests[0]!.headers.authorization, `Bearer ${sandbox.token}`, 'no bad token was stored');
  });
});
