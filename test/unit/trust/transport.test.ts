// What the client does with hostile servers and requests that cannot be sent, in plain Node.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { ContiguityClient } from '../../../src/core/client/client';
import { AuthError, type ContiguityError, UnsendableRequestError } from '../../../src/core/client/errors';
import { explain } from '../../../src/core/client/explain';
import { NO_RETRY } from '../../../src/core/client/retry';
import { MAX_MESSAGE_CHARS } from '../../../src/core/limits';
import { checkPayload } from '../../../src/core/payload/check';
import { forgetSecrets } from '../../../src/core/redact';
import { validateSendRequest } from '../../../src/core/client/request';

const TOKEN = 'sk_test/Ab+Cd=Ef"Gh\\Ij~Kl9Mn8';
const MESSAGE = { to: '+14155552671', message: 'hi' };

describe('client against a server that echoes the token', () => {
  let server: http.Server;
  let url = '';
  let reply: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => {};

  before(async () => {
    server = http.createServer((req, res) => reply(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  afterEach(forgetSecrets);

  const client = () => new ContiguityClient({ baseUrl: url, token: TOKEN, timeoutMs: 2000, retry: NO_RETRY });
  const failing = (c = client()) =>
    c.send(MESSAGE).then(
      () => assert.fail('should fail'),
      (e: ContiguityError) => e,
    );
  const leaks = (error: ContiguityError) => {
    const text = `${error.message} ${error.stack} ${JSON.stringify(error)} ${JSON.stringify(error.envelope ?? null)}`;
    return [
      TOKEN,
      encodeURIComponent(TOKEN),
      JSON.stringify(TOKEN).slice(1, -1),
      Buffer.from(TOKEN).toString('base64').slice(0, 30),
    ].filter((f) => text.includes(f));
  };

  const bodies: Record<string, (auth: string) => [number, string, string]> = {
    'JSON envelope': (a) => [
      500,
      'application/json',
      JSON.stringify({
        id: 'e',
        timestamp: 1,
        api_version: 'v',
        object: 'error',
        data: { error: `you sent ${a}`, status: 500, echo: { a } },
      }),
    ],
    'top-level error': (a) => [400, 'application/json', JSON.stringify({ message: `bad ${encodeURIComponent(a)}`, status: 400 })],
    'HTML page': (a) => [502, 'text/html', `<title>502 ${a}</title><pre>${Buffer.from(a).toString('base64')}</pre>`],
    'plain text': (a) => [401, 'text/plain', `unauthorized: ${a}`],
    '2xx of the wrong shape': (a) => [200, 'application/json', JSON.stringify({ echoed: a })],
  };
  for (const [name, body] of Object.entries(bodies)) {
    it(`errors carry no copy of the token: ${name}`, async () => {
      reply = (req, res) => {
        const [status, type, text] = body(String(req.headers.authorization));
        res.writeHead(status, { 'content-type': type }).end(text);
      };
      const error = await failing();
      assert.deepEqual(leaks(error), []);
    });
  }

  it('a 403 agreement link on another host is kept as text, never as a link', async () => {
    reply = (_req, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'e',
          timestamp: 1,
          api_version: 'v',
          object: 'error',
          data: { error: 'Forbidden', status: 403, agreement_url: 'https://evil.example/agree' },
        }),
      );
    const error = (await failing()) as AuthError;
    assert.equal(error.agreementUrl, undefined);
    assert.equal(error.agreementText, 'https://evil.example/agree');
    const explained = explain(error);
    assert.ok(!explained.actions.includes('openAgreement'));
    assert.match(explained.message, /evil\.example.*not offered as a link/);
  });

  it('a 403 agreement link on contiguity.com stays a link', async () => {
    reply = (_req, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'e',
          timestamp: 1,
          api_version: 'v',
          object: 'error',
          data: { error: 'Forbidden', status: 403, agreement_url: 'https://api.contiguity.com/entitlements/imessage' },
        }),
      );
    const error = (await failing()) as AuthError;
    assert.equal(explain(error).agreementUrl, 'https://api.contiguity.com/entitlements/imessage');
  });
});

describe('requests that never leave the machine', () => {
  const failing = (options: { baseUrl: string; token: string }) =>
    new ContiguityClient({ ...options, timeoutMs: 2000, retry: NO_RETRY }).send(MESSAGE).then(
      () => assert.fail('should fail'),
      (e: ContiguityError) => e,
    );

  for (const [name, token] of [
    ['a line break', 'sk_a\nb'],
    ['NUL', 'sk_a\u0000b'],
    ['a character beyond Latin-1', 'sk_a\u20acb'],
    ['a Latin-1 character fetch would send', 'sk_a\u00e9b'],
  ] as const) {
    it(`a token with ${name}: "nothing was sent", and the token is not quoted`, async () => {
      const error = await failing({ baseUrl: 'http://127.0.0.1:9', token });
      assert.ok(error instanceof UnsendableRequestError && error.part === 'header');
      assert.equal(error.mayHaveBeenSent, false);
      assert.match(error.message, /Nothing was sent/);
      assert.ok(!error.message.includes('sk_a'));
      assert.deepEqual(explain(error).actions, ['setToken', 'showLog']);
    });
  }

  it("fetch's bad port: nothing was sent, and the setting is named", async () => {
    const error = await failing({ baseUrl: 'http://127.0.0.1:6000', token: 'sk_ok' });
    assert.ok(error instanceof UnsendableRequestError && error.part === 'port');
    assert.equal(error.mayHaveBeenSent, false);
    assert.match(error.message, /port 6000.*imessage\.api\.baseUrl.*Nothing was sent/);
    assert.equal(explain(error).setting, 'imessage.api.baseUrl');
  });

  it('a URL fetch cannot parse: nothing was sent', async () => {
    const error = await failing({ baseUrl: 'http://[::1', token: 'sk_ok' });
    assert.ok(error instanceof UnsendableRequestError && error.part === 'url');
    assert.equal(error.mayHaveBeenSent, false);
  });
});

describe('input limits', () => {
  it(`a message of more than ${MAX_MESSAGE_CHARS} characters is refused, naming the field and both sizes`, () => {
    assert.equal(validateSendRequest({ ...MESSAGE, message: 'a'.repeat(MAX_MESSAGE_CHARS) }).message!.length, MAX_MESSAGE_CHARS);
    assert.throws(
      () => validateSendRequest({ ...MESSAGE, message: 'a'.repeat(MAX_MESSAGE_CHARS + 1) }),
      /^ValidationError: message is 10,001 characters long; the limit is 10,000$/,
    );
  });

  it('attachment URLs with whitespace or control characters are refused, saying what and where', () => {
    for (const [url, what] of [
      ['https://x.io/a b.png', /a space \(U\+0020\) at position 15/],
      ['https://x.io/a.png\n', /a line break/],
      ['https://x.io/\u0007.png', /a control character/],
      ['https://x.io/\u202ea.png', /invisible/],
    ] as const) {
      assert.throws(
        () => validateSendRequest({ ...MESSAGE, attachments: [url] }),
        (e: Error & { field?: string }) => e.field === 'attachments[0]' && what.test(e.message),
      );
    }
  });

  it('payload files: a duplicate key says which value would be sent and where', () => {
    const check = checkPayload('{\n  "to": "+14155552671",\n  "message": "x",\n  "to": "+12025550143"\n}', 'current');
    assert.ok(!check.ok && check.syntax);
    assert.equal(check.problems[0]!.field, 'to');
    assert.match(
      check.problems[0]!.message,
      /given 2 times: the value that would be sent is the last one, at line 4, column 9 \("\+12025550143"\)/,
    );
    assert.equal(check.problems[0]!.offset, 4, 'marks the ignored occurrence');
  });

  it('payload files: deep nesting is a clear error, found without recursion', () => {
    const deep = `{"to":"+14155552671","message":"x","fallback":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const check = checkPayload(deep, 'current');
    assert.ok(!check.ok && check.syntax);
    assert.match(check.problems[0]!.message, /nests deeper than 32 levels at line 1, column 78/);
    // Brackets inside strings are text, not nesting.
    assert.ok(checkPayload(JSON.stringify({ to: '+14155552671', message: '['.repeat(100) + '"\\' }), 'current').ok);
  });
});
