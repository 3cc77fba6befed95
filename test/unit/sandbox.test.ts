import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { leasedNumber, startSandbox, type Sandbox } from '../../sandbox';

// Responses are arbitrary JSON; the assertions below are the type checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

interface CallOptions {
  body?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
  /** undefined: `Bearer <token>`; null: no header. */
  auth?: string | null;
  /** undefined: application/json; null: no header (the body is sent as bytes so fetch adds none). */
  contentType?: string | null;
  signal?: AbortSignal;
}

const ROOT = path.resolve(__dirname, '../..');
const TO = '+14155552671';
const IMSG = '+15550000001';
const SMS_ONLY = '+15550000002';
const EXPIRED = '+15550000003';
const UNREACHABLE = '+15550000404';

async function call(sb: Sandbox, method: string, urlPath: string, opts: CallOptions = {}): Promise<Res> {
  const headers: Record<string, string> = {};
  const auth = opts.auth === undefined ? `Bearer ${sb.token}` : opts.auth;
  if (auth !== null) headers.Authorization = auth;
  let body: string | Uint8Array<ArrayBuffer> | undefined = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) {
    if (opts.contentType === null) body = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    else headers['Content-Type'] = opts.contentType ?? 'application/json';
  }
  const r = await fetch(sb.url + urlPath, { method, headers, body, signal: opts.signal });
  const text = await r.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

function assertEnvelopeError(res: Res, status: number, pattern?: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.match(res.json.id, /^err_[A-Za-z0-9]{16}$/);
  assert.equal(res.json.object, 'error');
  assert.equal(res.json.api_version, 'v2026.8.2');
  assert.equal(typeof res.json.timestamp, 'number');
  assert.equal(res.json.data.status, status);
  if (pattern) assert.match(res.json.data.error, pattern);
}

function assertLegacyError(res: Res, status: number, pattern?: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.deepEqual(Object.keys(res.json).sort(), ['message', 'status']);
  assert.equal(res.json.status, status);
  if (pattern) assert.match(res.json.message, pattern);
}

function assertSuccess(res: Res): Json {
  assert.equal(res.status, 200, res.text);
  assert.match(res.json.id, /^req_[A-Za-z0-9]{16}$/);
  assert.equal(res.json.object, 'response');
  assert.equal(res.json.api_version, 'v2026.8.2');
  assert.ok(Math.abs(res.json.timestamp - Date.now()) < 5000, 'timestamp is Unix ms');
  return res.json.data;
}

/** node:http so a reset surfaces as a socket error instead of fetch's generic TypeError. */
function rawRequest(sb: Sandbox, urlPath: string, body: string): Promise<{ status?: number; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = http.request(
      sb.url + urlPath,
      {
        method: 'POST',
        agent: false,
        headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode }));
      },
    );
    req.on('error', (error) => resolve({ error }));
    req.end(body);
  });
}

async function waitFor(check: () => boolean, ms = 1000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('sandbox', () => {
  let sb: Sandbox;
  const send = (body: unknown, opts: CallOptions = {}) => call(sb, 'POST', '/send/imessage', { body, ...opts });
  const legacy = (body: unknown, opts: CallOptions = {}) => call(sb, 'POST', '/send/text', { body, auth: `Token ${sb.token}`, ...opts });

  before(async () => {
    // Pacing time stands still unless a test moves it: a slow machine must not refill a bucket.
    sb = await startSandbox({ clock: () => 0, delivery: 'instant' });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  describe('defaults', () => {
    it('listens on 127.0.0.1 with a random contiguity_sk_ token shared by the legacy API', () => {
      assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sb.url, `http://127.0.0.1:${sb.port}`);
      assert.match(sb.token, /^contiguity_sk_sandbox_[0-9a-f]{32}$/);
      assert.equal(sb.legacyToken, sb.token);
    });

    it('fails to start on a busy port with EADDRINUSE', async () => {
      await assert.rejects(startSandbox({ port: sb.port }), { code: 'EADDRINUSE' });
    });

    it('does not import the client code it is meant to check (the inbox page shows bubbles with the formatting engine only)', () => {
      const files = readdirSync(path.join(ROOT, 'sandbox'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
      assert.ok(files.includes(path.join('inbox', 'page.ts')));
      for (const file of files) {
        const text = readFileSync(path.join(ROOT, 'sandbox', file), 'utf8');
        const outside = [...text.matchAll(/from '((?:\.\.\/)+[^']*)'/g)]
          .map((m) => path.relative(ROOT, path.resolve(ROOT, 'sandbox', path.dirname(file), m[1])))
          .filter((target) => !target.startsWith('sandbox'));
        assert.deepEqual(outside, file === path.join('inbox', 'page.ts') ? ['src/core/format'] : [], file);
      }
    });
  });

  describe('auth', () => {
    it('accepts Bearer and Token', async () => {
      assertSuccess(await call(sb, 'GET', '/entitlements'));
      assertSuccess(await call(sb, 'GET', '/entitlements', { auth: `Token ${sb.token}` }));
      assertSuccess(await send({ to: TO, message: 'hi' }, { auth: `Token ${sb.token}` }));
    });

    const rejected: [string, string | null, RegExp][] = [
      ['missing', null, /Missing Authorization/],
      ['Basic scheme', 'Basic dXNlcjpwYXNz', /Bearer <token>/],
      ['lower-case scheme', 'bearer TOKEN', /Bearer <token>/],
      ['scheme only', 'Bearer', /Bearer <token>/],
      ['double space', 'Bearer  TOKEN', /Bearer <token>/],
      ['bare token', 'TOKEN', /Bearer <token>/],
      ['wrong token', 'Bearer contiguity_sk_wrong', /Invalid/],
    ];
    for (const [name, header, pattern] of rejected) {
      it(`rejects ${name} with a 401 envelope`, async () => {
        const auth = header?.replace('TOKEN', sb.token) ?? null;
        assertEnvelopeError(await call(sb, 'GET', '/entitlements', { auth }), 401, pattern);
        assertEnvelopeError(await send({ to: TO, message: 'hi' }, { auth }), 401, pattern);
        assert.equal(sb.sent.length, 0);
      });
    }

    it('checks auth before the body', async () => {
      assertEnvelopeError(await send(undefined, { raw: '{oops', auth: 'Bearer nope', contentType: 'text/plain' }), 401);
    });
  });

  describe('content type and JSON', () => {
    it('rejects a non-JSON Content-Type with 400', async () => {
      const res = await send(undefined, { raw: JSON.stringify({ to: TO, message: 'hi' }), contentType: 'text/plain' });
      assertEnvelopeError(res, 400, /Content-Type/);
      assertEnvelopeError(await send({ to: TO, message: 'hi' }, { contentType: 'application/json-patch+json' }), 400, /Content-Type/);
    });

    it('rejects a missing Content-Type with 400', async () => {
      assertEnvelopeError(await send({ to: TO, message: 'hi' }, { contentType: null }), 400, /Content-Type/);
    });

    it('accepts parameters and any case, but only a UTF-8 charset', async () => {
      assertSuccess(await send({ to: TO, message: 'hi' }, { contentType: 'application/json; charset=utf-8' }));
      assertSuccess(await send({ to: TO, message: 'hi' }, { contentType: 'Application/JSON;charset="UTF-8"' }));
      assertEnvelopeError(await send({ to: TO, message: 'hi' }, { contentType: 'application/json; charset=latin1' }), 400, /charset/);
    });

    it('rejects malformed, empty, non-object and non-UTF-8 bodies', async () => {
      assertEnvelopeError(await send(undefined, { raw: '{"to": "+14155552671",' }), 400, /not valid JSON/);
      assertEnvelopeError(await send(undefined, { raw: '' }), 400, /not valid JSON: the body is empty/);
      assertEnvelopeError(await send([{ to: TO, message: 'hi' }]), 400, /JSON object/);
      assertEnvelopeError(await send(null), 400, /JSON object/);
      assertEnvelopeError(await send(undefined, { raw: new Uint8Array([0x7b, 0xff, 0x7d]) }), 400, /UTF-8/);
    });

    it('answers 400 to a body over 1 MiB without storing it', async () => {
      const res = await send({ to: TO, message: 'x'.repeat(1024 * 1024 + 10) });
      assertEnvelopeError(res, 400, /larger than/);
      assert.equal(sb.sent.length, 0);
    });
  });

  describe('routing', () => {
    it('answers 404 envelopes to unknown routes, trailing slashes and doubled slashes, before auth', async () => {
      assertEnvelopeError(await call(sb, 'GET', '/nope', { auth: null }), 404, /No route/);
      assertEnvelopeError(await call(sb, 'GET', '/numbers/leased/'), 404);
      // The one exception: the official JS SDK lists entitlements at /entitlements/.
      assertSuccess(await call(sb, 'GET', '/entitlements/'));
      assertEnvelopeError(await call(sb, 'POST', '//send/imessage', { body: { to: TO, message: 'hi' } }), 404);
      assertEnvelopeError(await call(sb, 'POST', '/v1/send/imessage', { body: { to: TO, message: 'hi' } }), 404);
    });

    it('answers 405 with Allow to a wrong method', async () => {
      const res = await call(sb, 'GET', '/send/imessage');
      assertEnvelopeError(res, 405, /use POST/);
      assert.equal(res.headers.get('allow'), 'POST');
      assertEnvelopeError(await call(sb, 'DELETE', '/entitlements'), 405);
    });

    it('rejects unknown and repeated query parameters', async () => {
      assertEnvelopeError(await call(sb, 'GET', '/entitlements?verbose=1'), 400, /`verbose`/);
      const id = assertSuccess(await send({ to: TO, message: 'hi' })).message_id;
      assertEnvelopeError(await call(sb, 'GET', `/conversations/history/message/${id}?tracking=true&tracking=false`), 400, /`tracking`/);
    });
  });

  describe('POST /send/imessage validation', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/f${i}.png`);
    const invalid: [string, unknown, RegExp][] = [
      ['to missing', { message: 'hi' }, /`to` is required/],
      ['to a number', { to: 14155552671, message: 'hi' }, /`to` must be a string/],
      ['to null', { to: null, message: 'hi' }, /`to` must be a string/],
      ['to national', { to: '4155552671', message: 'hi' }, /`to` must be an E\.164/],
      ['to +0', { to: '+04155552671', message: 'hi' }, /`to`/],
      ['to too short', { to: '+123456', message: 'hi' }, /`to`/],
      ['to too long', { to: '+1234567890123456', message: 'hi' }, /`to`/],
      ['to with spaces', { to: '+1 415 555 2671', message: 'hi' }, /`to`/],
      ['to a bad email', { to: 'someone@icloud', message: 'hi' }, /`to`/],
      ['from a number', { to: TO, from: 15550000001, message: 'hi' }, /`from` must be a string or null/],
      ['from not E.164', { to: TO, from: '5550000001', message: 'hi' }, /`from` must be an E\.164/],
      ['from not leased', { to: TO, from: '+15550009999', message: 'hi' }, /`from` \+15550009999 is not one of your leased/],
      ['from SMS-only', { to: TO, from: SMS_ONLY, message: 'hi' }, /`from` \+15550000002 cannot send iMessage/],
      ['from expired', { to: TO, from: EXPIRED, message: 'hi' }, /`from` \+15550000003 is not active \(lease expired\)/],
      ['message a number', { to: TO, message: 5 }, /`message` must be a string/],
      ['message null', { to: TO, message: null }, /`message` must be a string/],
      ['message missing', { to: TO }, /`message` is required unless `attachments`/],
      ['message empty', { to: TO, message: '' }, /`message` must not be empty/],
      ['message whitespace', { to: TO, message: ' \n\t ' }, /`message` must not be empty/],
      ['message missing, attachments empty', { to: TO, attachments: [] }, /`message` is required/],
      ['attachments a string', { to: TO, attachments: 'https://example.com/a.png' }, /`attachments` must be an array/],
      ['attachments an object', { to: TO, message: 'hi', attachments: {} }, /`attachments` must be an array/],
      ['attachment a number', { to: TO, attachments: [5] }, /`attachments\[0\]` must be a string/],
      ['11 attachments', { to: TO, attachments: many(11) }, /`attachments` has 11 URLs; at most 10/],
      ['attachment http', { to: TO, attachments: ['http://example.com/a.png'] }, /`attachments\[0\]` must be an https/],
      ['attachment no extension', { to: TO, attachments: ['https://example.com/image'] }, /`attachments\[0\]` must point to a file/],
      ['attachment extension only in query', { to: TO, attachments: ['https://example.com/img?f=a.png'] }, /`attachments\[0\]` must point/],
      ['attachment extension too long', { to: TO, attachments: ['https://example.com/a.verylongext'] }, /`attachments\[0\]` must point/],
      ['attachment not a URL', { to: TO, attachments: ['example.com/a.png'] }, /`attachments\[0\]` is not a valid URL/],
      ['attachment with spaces', { to: TO, attachments: [' https://example.com/a.png'] }, /`attachments\[0\]` is not a valid URL/],
      ['second attachment bad', { to: TO, attachments: ['https://example.com/a.png', 'ftp://x.com/b.png'] }, /`attachments\[1\]`/],
      ['fallback a string', { to: TO, message: 'hi', fallback: 'sms' }, /`fallback` must be an object/],
      ['fallback an array', { to: TO, message: 'hi', fallback: [] }, /`fallback` must be an object/],
      ['fallback without when', { to: TO, message: 'hi', fallback: {} }, /`fallback\.when` is required/],
      ['fallback when empty', { to: TO, message: 'hi', fallback: { when: [] } }, /`fallback\.when` must be a non-empty array/],
      ['fallback when a string', { to: TO, message: 'hi', fallback: { when: 'imessage_fails' } }, /`fallback\.when` must be/],
      ['fallback when unknown', { to: TO, message: 'hi', fallback: { when: ['sms'] } }, /`fallback\.when\[0\]` must be one of/],
      [
        'fallback when repeated',
        { to: TO, message: 'hi', fallback: { when: ['imessage_fails', 'imessage_fails'] } },
        /`fallback\.when\[1\]` repeats/,
      ],
      [
        'fallback unknown key',
        { to: TO, message: 'hi', fallback: { when: ['imessage_fails'], channel: 'sms' } },
        /Unknown field `fallback\.channel`/,
      ],
      [
        'fallback from not E.164',
        { to: TO, message: 'hi', fallback: { when: ['imessage_fails'], from: '555' } },
        /`fallback\.from` must be an E\.164/,
      ],
      [
        'fallback from a number',
        { to: TO, message: 'hi', fallback: { when: ['imessage_fails'], from: 1 } },
        /`fallback\.from` must be a string/,
      ],
      ['fast_track a string', { to: TO, message: 'hi', fast_track: 'true' }, /`fast_track` must be a boolean/],
      ['fast_track null', { to: TO, message: 'hi', fast_track: null }, /`fast_track` must be a boolean/],
      ['unknown field', { to: TO, message: 'hi', text: 'hi' }, /Unknown field `text`/],
      ['camelCase field', { to: TO, message: 'hi', fastTrack: true }, /Unknown field `fastTrack`/],
    ];
    for (const [name, body, pattern] of invalid) {
      it(`400: ${name}`, async () => {
        assertEnvelopeError(await send(body), 400, pattern);
        assert.equal(sb.sent.length, 0);
      });
    }

    const valid: [string, Json, Partial<Json>][] = [
      ['minimal', { to: TO, message: 'hi' }, { from: IMSG, message: 'hi', attachments: [], fallback: null, fastTrack: false }],
      ['an email recipient', { to: 'someone@icloud.com', message: 'hi' }, { to: 'someone@icloud.com' }],
      ['the shortest E.164', { to: '+1234567', message: 'hi' }, { to: '+1234567' }],
      ['the longest E.164', { to: '+123456789012345', message: 'hi' }, { to: '+123456789012345' }],
      ['from null', { to: TO, from: null, message: 'hi' }, { from: IMSG }],
      ['a leased from', { to: TO, from: IMSG, message: 'hi' }, { from: IMSG }],
      ['10 attachments and no message', { to: TO, attachments: many(10) }, { message: '', attachments: many(10) }],
      ['an attachment with a query', { to: TO, message: '', attachments: ['https://cdn.example.com/a/b.jpeg?sig=1#x'] }, { message: '' }],
      ['attachments null', { to: TO, message: 'hi', attachments: null }, { attachments: [] }],
      ['fallback null', { to: TO, message: 'hi', fallback: null }, { fallback: null }],
      [
        'a full fallback',
        { to: TO, message: 'hi', fallback: { when: ['imessage_unsupported', 'imessage_fails'], from: SMS_ONLY } },
        { fallback: { when: ['imessage_unsupported', 'imessage_fails'], from: SMS_ONLY }, channel: 'imessage' },
      ],
      [
        'fallback.from null',
        { to: TO, message: 'hi', fallback: { when: ['imessage_fails'], from: null } },
        { fallback: { when: ['imessage_fails'], from: null } },
      ],
      ['fast_track false', { to: TO, message: 'hi', fast_track: false }, { fastTrack: false }],
      ['unicode', { to: TO, message: '**héllo** 👋' }, { message: '**héllo** 👋' }],
    ];
    for (const [name, body, expected] of valid) {
      it(`200: ${name}`, async () => {
        const data = assertSuccess(await send(body));
        assert.deepEqual(Object.keys(data), ['message_id']);
        assert.match(data.message_id, /^imsg_[A-Za-z0-9]{16}$/);
        assert.equal(sb.sent.length, 1);
        const sent = sb.sent[0];
        assert.equal(sent.id, data.message_id);
        assert.equal(sent.api, 'current');
        assert.equal(sent.status, 'delivered');
        for (const [key, value] of Object.entries(expected)) assert.deepEqual(sent[key as keyof typeof sent], value, key);
      });
    }

    it('403 with the agreement URL for fast_track without the entitlement', async () => {
      const res = await send({ to: TO, message: 'hi', fast_track: true });
      assertEnvelopeError(res, 403, /Fast Track/);
      assert.equal(res.json.data.agreement_url, 'https://api.contiguity.com/entitlements/fast_track');
      assert.equal(sb.sent.length, 0);
      sb.setEntitlement('fast_track', 'granted');
      assertSuccess(await send({ to: TO, message: 'hi', fast_track: true }));
      assert.equal(sb.sent[0].fastTrack, true);
    });

    it('403 with the agreement URL when the iMessage entitlement is missing', async () => {
      sb.setEntitlement('imessage', 'available');
      const res = await send({ to: TO, message: 'hi' });
      assertEnvelopeError(res, 403, /iMessage entitlement/);
      assert.equal(res.json.data.agreement_url, 'https://api.contiguity.com/entitlements/imessage');
    });

    it('checks the body shape before entitlements', async () => {
      sb.setEntitlement('imessage', 'ineligible');
      assertEnvelopeError(await send({ to: 'nope', message: 'hi' }), 400, /`to`/);
    });
  });

  describe('pacing', () => {
    it('allows a burst of 5 per number, then 429 with Retry-After; rate-limited sends are not sent', async () => {
      for (let i = 0; i < 5; i++) assertSuccess(await send({ to: TO, message: `m${i}` }));
      const res = await send({ to: TO, message: 'm5' });
      assertEnvelopeError(res, 429, /\+15550000001/);
      assert.equal(res.headers.get('retry-after'), '1');
      // Omitting `from` and naming the picked number share one bucket.
      assertEnvelopeError(await send({ to: TO, from: IMSG, message: 'm6' }), 429);
      assert.deepEqual(
        sb.sent.map((m) => m.message),
        ['m0', 'm1', 'm2', 'm3', 'm4'],
      );
    });

    it('lets fast_track through when granted, and only then', async () => {
      sb.setEntitlement('fast_track', 'granted');
      for (let i = 0; i < 5; i++) assertSuccess(await send({ to: TO, message: 'hi' }));
      assertEnvelopeError(await send({ to: TO, message: 'hi' }), 429);
      for (let i = 0; i < 3; i++) assertSuccess(await send({ to: TO, message: 'hi', fast_track: true }));
    });

    it('does not spend tokens on rejected requests', async () => {
      for (let i = 0; i < 6; i++) assertEnvelopeError(await send({ to: TO }), 400);
      for (let i = 0; i < 5; i++) assertSuccess(await send({ to: TO, message: 'hi' }));
    });

    it('reset() refills the buckets', async () => {
      for (let i = 0; i < 5; i++) assertSuccess(await send({ to: TO, message: 'hi' }));
      sb.reset();
      assertSuccess(await send({ to: TO, message: 'hi' }));
    });

    it('paces each from number separately and refills over time', async () => {
      let now = 0;
      const two = await startSandbox({
        numbers: [leasedNumber('+15550000011', ['imessage']), leasedNumber('+15550000012', ['sms', 'imessage'])],
        pacing: { perSecond: 20, burst: 2 },
        clock: () => now,
      });
      try {
        const s = (from: string) => call(two, 'POST', '/send/imessage', { body: { to: TO, from, message: 'hi' } });
        assertSuccess(await s('+15550000011'));
        assertSuccess(await s('+15550000011'));
        assertEnvelopeError(await s('+15550000011'), 429);
        assertSuccess(await s('+15550000012'));
        assertSuccess(await s('+15550000012'));
        now += 49;
        assertEnvelopeError(await s('+15550000011'), 429);
        now += 11;
        assertSuccess(await s('+15550000011'));
      } finally {
        await two.close();
      }
    });

    it('rounds Retry-After up to whole seconds; pacing: false turns it off', async () => {
      const slow = await startSandbox({ pacing: { perSecond: 0.25, burst: 1 } });
      const off = await startSandbox({ pacing: false });
      try {
        assertSuccess(await call(slow, 'POST', '/send/imessage', { body: { to: TO, message: 'hi' } }));
        const res = await call(slow, 'POST', '/send/imessage', { body: { to: TO, message: 'hi' } });
        assert.equal(res.headers.get('retry-after'), '4');
        for (let i = 0; i < 8; i++) assertSuccess(await call(off, 'POST', '/send/imessage', { body: { to: TO, message: 'hi' } }));
      } finally {
        await Promise.all([slow.close(), off.close()]);
      }
    });
  });

  describe('legacy POST /send/text', () => {
    const ok = { to: TO, message: 'hi', beta_features: { imessage: true } };

    it('sends with Token auth and answers the legacy success shape', async () => {
      const res = await legacy(ok);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { message: 'Successfully sent', crumbs: { plan: 'unlimited', quota: 1, type: 'imessage', ad: false } });
      assert.equal((await legacy({ ...ok, beta_features: { imessage: true, from: IMSG, fallback: true } })).json.crumbs.quota, 2);
      assert.equal(sb.sent.length, 2);
      assert.equal(sb.sent[0].api, 'legacy');
      assert.match(sb.sent[0].id, /^text_/);
      assert.equal(sb.sent[0].fallback, null);
      assert.notEqual(sb.sent[1].fallback, null);
    });

    it('accepts only `Token <token>`', async () => {
      assertLegacyError(await legacy(ok, { auth: `Bearer ${sb.token}` }), 401, /Token <token>/);
      assertLegacyError(await legacy(ok, { auth: null }), 401, /Missing/);
      assertLegacyError(await legacy(ok, { auth: 'Token wrong' }), 401, /Invalid/);
      assert.equal(sb.sent.length, 0);
    });

    const invalid: [string, unknown, RegExp][] = [
      ['to missing', { message: 'hi', beta_features: { imessage: true } }, /`to` is required/],
      ['to national', { to: '4155552671', message: 'hi', beta_features: { imessage: true } }, /`to` must be an E\.164/],
      ['to an email', { to: 'a@icloud.com', message: 'hi', beta_features: { imessage: true } }, /`to`/],
      ['message missing', { to: TO, beta_features: { imessage: true } }, /`message` is required/],
      ['message empty', { to: TO, message: ' ', beta_features: { imessage: true } }, /`message` must not be empty/],
      ['beta_features missing', { to: TO, message: 'hi' }, /`beta_features` is required/],
      ['beta_features not an object', { to: TO, message: 'hi', beta_features: true }, /`beta_features` must be an object/],
      ['imessage missing', { to: TO, message: 'hi', beta_features: {} }, /`beta_features\.imessage` must be true/],
      ['imessage false', { to: TO, message: 'hi', beta_features: { imessage: false } }, /`beta_features\.imessage` must be true/],
      ['attachments', { ...ok, attachments: ['https://example.com/a.png'] }, /Unknown field `attachments`/],
      ['fast_track', { ...ok, beta_features: { imessage: true, fast_track: true } }, /Unknown field `beta_features\.fast_track`/],
      [
        'fallback not boolean',
        { ...ok, beta_features: { imessage: true, fallback: { when: ['imessage_fails'] } } },
        /`beta_features\.fallback` must be a boolean/,
      ],
      ['from not leased', { ...ok, beta_features: { imessage: true, from: '+15550009999' } }, /`beta_features\.from`/],
      ['from SMS-only', { ...ok, beta_features: { imessage: true, from: SMS_ONLY } }, /`beta_features\.from`/],
    ];
    for (const [name, body, pattern] of invalid) {
      it(`400 { message, status }: ${name}`, async () => {
        assertLegacyError(await legacy(body), 400, pattern);
        assert.equal(sb.sent.length, 0);
      });
    }

    it('answers content-type, JSON and method errors in the legacy shape', async () => {
      assertLegacyError(await legacy(undefined, { raw: JSON.stringify(ok), contentType: 'text/plain' }), 400, /Content-Type/);
      assertLegacyError(await legacy(undefined, { raw: '{' }), 400, /not valid JSON/);
      assertLegacyError(await call(sb, 'GET', '/send/text'), 405);
    });

    it('keeps the two tokens apart when they differ', async () => {
      const split = await startSandbox({ token: 'contiguity_sk_current', legacyToken: 'contiguity_sk_legacy' });
      try {
        const body = { body: ok };
        assertLegacyError(await call(split, 'POST', '/send/text', { ...body, auth: 'Token contiguity_sk_current' }), 401);
        assert.equal((await call(split, 'POST', '/send/text', { ...body, auth: 'Token contiguity_sk_legacy' })).status, 200);
        assertEnvelopeError(await call(split, 'GET', '/entitlements', { auth: 'Token contiguity_sk_legacy' }), 401);
        assertSuccess(await call(split, 'GET', '/entitlements', { auth: 'Bearer contiguity_sk_current' }));
      } finally {
        await split.close();
      }
    });
  });

  describe('history', () => {
    it('returns a sent message, with tracking only when asked', async () => {
      const id = assertSuccess(await send({ to: TO, message: 'hi', attachments: ['https://example.com/a.png'] })).message_id;
      const plain = assertSuccess(await call(sb, 'GET', `/conversations/history/message/${id}`));
      assert.deepEqual(plain, {
        id,
        to: TO,
        from: IMSG,
        message: 'hi',
        timestamp: sb.sent[0].timestamp,
        status: 'delivered',
        attachments: ['https://example.com/a.png'],
      });
      assert.ok(!('tracking' in assertSuccess(await call(sb, 'GET', `/conversations/history/message/${id}?tracking=false`))));
      const tracked = assertSuccess(await call(sb, 'GET', `/conversations/history/message/${id}?tracking=true`));
      assert.deepEqual(
        tracked.tracking.map((t: Json) => t.event),
        ['queued', 'sent', 'delivered'],
      );
      for (const t of tracked.tracking) {
        assert.equal(typeof t.title, 'string');
        assert.equal(new Date(t.timestamp).toISOString(), t.timestamp);
      }
    });

    it('404 envelope for unknown ids, 400 for a bad tracking value', async () => {
      assertEnvelopeError(await call(sb, 'GET', '/conversations/history/message/imsg_nope'), 404, /imsg_nope/);
      assertEnvelopeError(await call(sb, 'GET', '/conversations/history/message/%E0%A4%A'), 400, /percent-encoding/);
      const id = assertSuccess(await send({ to: TO, message: 'hi' })).message_id;
      assertEnvelopeError(await call(sb, 'GET', `/conversations/history/message/${id}?tracking=yes`), 400, /`tracking`/);
    });

    it('shows the SMS fallback, or the failure, for recipients without iMessage', async () => {
      const sendFb = async (fallback: unknown) => assertSuccess(await send({ to: UNREACHABLE, message: 'hi', fallback })).message_id;
      const history = async (id: string) => assertSuccess(await call(sb, 'GET', `/conversations/history/message/${id}?tracking=true`));
      const a = await history(await sendFb({ when: ['imessage_unsupported'], from: SMS_ONLY }));
      assert.equal(a.from, SMS_ONLY);
      assert.equal(a.status, 'delivered');
      assert.deepEqual(
        a.tracking.map((t: Json) => t.event),
        ['queued', 'fallback', 'sent', 'delivered'],
      );
      // Without fallback.from the SMS leaves from the same number when it can send SMS.
      assert.equal((await history(await sendFb({ when: ['imessage_unsupported'] }))).from, IMSG);
      const failed = await history(await sendFb({ when: ['imessage_fails'] }));
      assert.equal(failed.status, 'failed');
      assert.deepEqual(
        failed.tracking.map((t: Json) => t.event),
        ['queued', 'failed'],
      );
      assert.deepEqual(
        sb.sent.map((m) => m.channel),
        ['sms', 'sms', 'imessage'],
      );
    });
  });

  describe('account reads', () => {
    it('GET /numbers/leased lists the default numbers in the documented shape', async () => {
      const data = assertSuccess(await call(sb, 'GET', '/numbers/leased'));
      assert.equal(data.leased, 3);
      assert.deepEqual(
        data.numbers.map((n: Json) => [n.number.e164, n.lease_status, n.capabilities.channels.includes('imessage')]),
        [
          [IMSG, 'active', true],
          [SMS_ONLY, 'active', false],
          [EXPIRED, 'expired', true],
        ],
      );
      const first = data.numbers[0];
      assert.equal(typeof first.id, 'string');
      assert.equal(first.number.formatted, '+1 (555) 000-0001');
      assert.equal(typeof first.capabilities.intl_sms, 'boolean');
      assert.deepEqual(Object.keys(first.location), ['country', 'region', 'city']);
      assert.equal(typeof first.carrier, 'string');
    });

    it('GET /numbers/leased reflects the numbers option', async () => {
      const custom = await startSandbox({ numbers: [leasedNumber('+447700900123', ['imessage'], 'paused')] });
      try {
        const data = assertSuccess(await call(custom, 'GET', '/numbers/leased'));
        assert.equal(data.leased, 1);
        assert.equal(data.numbers[0].number.formatted, '+447700900123');
        // The only number is paused: nothing to pick.
        assertEnvelopeError(
          await call(custom, 'POST', '/send/imessage', { body: { to: TO, message: 'hi' } }),
          403,
          /no active leased iMessage/,
        );
      } finally {
        await custom.close();
      }
    });

    it('GET /entitlements lists statuses; setEntitlement changes them; reset() restores them', async () => {
      const byName = async () =>
        Object.fromEntries(assertSuccess(await call(sb, 'GET', '/entitlements')).entitlements.map((e: Json) => [e.name, e]));
      let e = await byName();
      assert.equal(e.fast_track.status, 'available');
      assert.ok(!('entitlement_id' in e.fast_track));
      assert.equal(e.imessage.status, 'granted');
      assert.equal(typeof e.imessage.entitlement_id, 'string');
      assert.equal(typeof e.imessage.description, 'string');
      sb.setEntitlement('fast_track', 'granted');
      sb.setEntitlement('whatsapp', 'ineligible');
      e = await byName();
      assert.equal(e.fast_track.status, 'granted');
      assert.equal(e.whatsapp.status, 'ineligible');
      sb.reset();
      e = await byName();
      assert.equal(e.fast_track.status, 'available');
      assert.equal(e.whatsapp, undefined);
      assert.throws(() => sb.setEntitlement('sms', 'yes' as never), TypeError);
    });

    it('GET /conversations/availability/imessage/{to}', async () => {
      assert.deepEqual(assertSuccess(await call(sb, 'GET', `/conversations/availability/imessage/${TO}`)), { available: true });
      assert.deepEqual(assertSuccess(await call(sb, 'GET', '/conversations/availability/imessage/%2B15550000404')), { available: false });
      assertEnvelopeError(await call(sb, 'GET', '/conversations/availability/imessage/4155552671'), 400, /`to`/);
    });

    it('POST /send/imessage/typing', async () => {
      const typing = (body: unknown) => call(sb, 'POST', '/send/imessage/typing', { body });
      assert.deepEqual(assertSuccess(await typing({ to: TO, action: 'start' })), { status: 'started' });
      assert.deepEqual(assertSuccess(await typing({ to: TO, from: IMSG, action: 'stop' })), { status: 'stopped' });
      assertEnvelopeError(await typing({ to: TO, action: 'pause' }), 400, /`action`/);
      assertEnvelopeError(await typing({ to: TO }), 400, /`action` is required/);
      assertEnvelopeError(await typing({ to: TO, action: 'start', message: 'x' }), 400, /`message`/);
      assertEnvelopeError(await typing({ to: TO, from: SMS_ONLY, action: 'start' }), 400, /`from`/);
      assert.equal(sb.sent.length, 0);
    });
  });

  describe('faults', () => {
    const body = { to: TO, message: 'hi' };

    it('error500: documented error envelope; recorded with its body; nothing sent', async () => {
      sb.inject({ kind: 'error500' });
      assertEnvelopeError(await send(body), 500);
      assert.equal(sb.sent.length, 0);
      assert.equal(sb.requests[0].status, 500);
      assert.deepEqual(sb.requests[0].body, body);
    });

    it('html502: an nginx HTML page', async () => {
      sb.inject({ kind: 'html502' });
      const res = await send(body);
      assert.equal(res.status, 502);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.text, /<title>502 Bad Gateway<\/title>/);
      assert.equal(res.json, undefined);
    });

    it('rateLimit: 429 envelope, Retry-After only when given', async () => {
      sb.inject({ kind: 'rateLimit', retryAfterSec: 7 });
      sb.inject({ kind: 'rateLimit' });
      const first = await send(body);
      assertEnvelopeError(first, 429);
      assert.equal(first.headers.get('retry-after'), '7');
      const second = await send(body);
      assertEnvelopeError(second, 429);
      assert.equal(second.headers.get('retry-after'), null);
    });

    it('topLevelError and envelopeError', async () => {
      sb.inject({ kind: 'topLevelError', status: 400, message: 'Bad things' });
      sb.inject({
        kind: 'envelopeError',
        status: 403,
        error: 'Needs agreement',
        agreementUrl: 'https://api.contiguity.com/entitlements/x',
      });
      sb.inject({ kind: 'envelopeError', status: 401, error: 'Suspended' });
      const top = await send(body);
      assert.equal(top.status, 400);
      assert.deepEqual(top.json, { message: 'Bad things', status: 400 });
      const env = await send(body);
      assertEnvelopeError(env, 403, /^Needs agreement$/);
      assert.equal(env.json.data.agreement_url, 'https://api.contiguity.com/entitlements/x');
      const plain = await send(body);
      assertEnvelopeError(plain, 401, /^Suspended$/);
      assert.ok(!('agreement_url' in plain.json.data));
    });

    it('resetBeforeBody: the connection dies, the request is recorded without a body', async () => {
      sb.inject({ kind: 'resetBeforeBody' });
      const out = await rawRequest(sb, '/send/imessage', JSON.stringify(body));
      assert.ok(out.error, 'expected a socket error');
      assert.ok(['ECONNRESET', 'EPIPE'].includes(out.error.code ?? ''), out.error.code);
      assert.equal(sb.requests.length, 1);
      assert.equal(sb.requests[0].bodyText, '');
      assert.equal(sb.requests[0].body, undefined);
      assert.equal(sb.requests[0].status, undefined);
      assert.equal(sb.sent.length, 0);
    });

    it('resetAfterBody: the body is read and recorded, then the connection dies', async () => {
      sb.inject({ kind: 'resetAfterBody' });
      const out = await rawRequest(sb, '/send/imessage', JSON.stringify(body));
      assert.ok(['ECONNRESET', 'EPIPE'].includes(out.error?.code ?? ''), String(out.error));
      assert.equal(sb.requests[0].bodyText, JSON.stringify(body));
      assert.deepEqual(sb.requests[0].body, body);
      assert.equal(sb.requests[0].status, undefined);
      assert.equal(sb.sent.length, 0);
      // fetch sees it too, as a network error rather than a response.
      sb.inject({ kind: 'resetAfterBody' });
      await assert.rejects(send(body), TypeError);
    });

    it('delay: answers late; a client that timed out finds its message sent anyway', async () => {
      sb.inject({ kind: 'delay', ms: 60 });
      const t0 = Date.now();
      assertSuccess(await call(sb, 'GET', '/entitlements'));
      assert.ok(Date.now() - t0 >= 55, 'answered after the delay');
      sb.inject({ kind: 'delay', ms: 120 });
      await assert.rejects(send(body, { signal: AbortSignal.timeout(20) }), { name: 'TimeoutError' });
      assert.equal(sb.sent.length, 0);
      await waitFor(() => sb.sent.length === 1);
      assert.equal(sb.requests[1].status, 200);
      assertSuccess(await call(sb, 'GET', '/entitlements'));
    });

    it('times and path: faults hit the next matching requests only', async () => {
      sb.inject({ kind: 'error500' }, { times: 2, path: '/send' });
      assert.equal(sb.pendingFaults(), 2);
      assertSuccess(await call(sb, 'GET', '/entitlements'));
      assertEnvelopeError(await send(body), 500);
      // Faults ignore which API the path belongs to: they simulate what sits in front of it.
      assertEnvelopeError(await legacy({ ...body, beta_features: { imessage: true } }), 500);
      assert.equal(sb.pendingFaults(), 0);
      assertSuccess(await send(body));
    });

    it('clearFaults() and reset() drop queued faults; bad faults throw at inject', async () => {
      sb.inject({ kind: 'html502' }, { times: 3 });
      sb.clearFaults();
      assertSuccess(await call(sb, 'GET', '/entitlements'));
      sb.inject({ kind: 'html502' });
      sb.reset();
      assertSuccess(await call(sb, 'GET', '/entitlements'));
      assert.throws(() => sb.inject({ kind: 'error500' }, { times: 0 }), RangeError);
      assert.throws(() => sb.inject({ kind: 'delay', ms: -1 }), RangeError);
      assert.throws(() => sb.inject({ kind: 'envelopeError', status: 42, error: 'x' }), RangeError);
      assert.throws(() => sb.inject({ kind: 'explode' } as never), TypeError);
      assert.equal(sb.pendingFaults(), 0);
    });
  });

  describe('recording and reset', () => {
    it('records every request in order with method, path, query, raw headers, body and status', async () => {
      const before = Date.now();
      const id = assertSuccess(await send({ to: TO, message: 'hi' })).message_id;
      await call(sb, 'GET', `/conversations/history/message/${id}?tracking=true`, { auth: `Token ${sb.token}` });
      await call(sb, 'GET', '/entitlements', { auth: null });
      const [a, b, c] = sb.requests;
      assert.equal(sb.requests.length, 3);
      assert.deepEqual([a.method, a.path, a.status], ['POST', '/send/imessage', 200]);
      assert.equal(a.headers.authorization, `Bearer ${sb.token}`);
      assert.equal(a.headers['content-type'], 'application/json');
      assert.equal(a.bodyText, JSON.stringify({ to: TO, message: 'hi' }));
      assert.deepEqual(a.body, { to: TO, message: 'hi' });
      assert.deepEqual(a.query, {});
      assert.ok(a.at >= before && a.at <= Date.now());
      assert.deepEqual(
        [b.method, b.path, b.query, b.bodyText, b.body],
        ['GET', `/conversations/history/message/${id}`, { tracking: 'true' }, '', undefined],
      );
      assert.equal(b.headers.authorization, `Token ${sb.token}`);
      assert.deepEqual([c.status, c.headers.authorization], [401, undefined]);
      assert.ok(a.at <= b.at && b.at <= c.at);
    });

    it('records a body that is not JSON as text only', async () => {
      await send(undefined, { raw: 'not json' });
      assert.equal(sb.requests[0].bodyText, 'not json');
      assert.equal(sb.requests[0].body, undefined);
    });

    it('reset() empties requests and sent in place', async () => {
      const { requests, sent } = sb;
      assertSuccess(await send({ to: TO, message: 'hi' }));
      assert.equal(requests.length, 1);
      assert.equal(sent.length, 1);
      sb.reset();
      assert.equal(sb.requests, requests);
      assert.equal(requests.length, 0);
      assert.equal(sent.length, 0);
    });
  });

  describe('robustness', () => {
    it('survives garbage on the socket and a client that dies mid-body', async () => {
      const socket = net.connect(sb.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.write('\x00\x01 NOT HTTP\r\n\r\n');
      const [reply] = await once(socket, 'data');
      assert.match(String(reply), /^HTTP\/1\.1 400/);
      socket.destroy();

      const req = http.request(`${sb.url}/send/imessage`, {
        method: 'POST',
        agent: false,
        headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json', 'Content-Length': 100 },
      });
      req.on('error', () => undefined);
      req.write('{"to":');
      await waitFor(() => sb.requests.length === 1);
      req.destroy();
      await waitFor(() => sb.requests[0].bodyText === '{"to":');
      assert.equal(sb.requests[0].status, undefined);
      assertSuccess(await call(sb, 'GET', '/entitlements'));
    });

    it('close() ends kept-alive connections and pending delays promptly, and is idempotent', async () => {
      const other = await startSandbox();
      assertSuccess(await call(other, 'GET', '/entitlements'));
      other.inject({ kind: 'delay', ms: 10_000 });
      const pending = call(other, 'POST', '/send/imessage', { body: { to: TO, message: 'late' } }).catch((e: Error) => e);
      await waitFor(() => other.requests.length === 2);
      const t0 = Date.now();
      await Promise.all([other.close(), other.close()]);
      assert.ok(Date.now() - t0 < 1000);
      assert.ok((await pending) instanceof Error);
      assert.equal(other.sent.length, 0);
      await assert.rejects(call(other, 'GET', '/entitlements'));
    });

    it('logs one line per request without the token', async () => {
      const lines: string[] = [];
      const logged = await startSandbox({ token: 'contiguity_sk_secret123', log: (l) => lines.push(l) });
      try {
        await call(logged, 'POST', '/send/imessage', { body: { to: TO, message: 'hi' } });
        await call(logged, 'GET', '/entitlements?leak=contiguity_sk_secret123', { auth: 'Token contiguity_sk_secret123' });
        logged.inject({ kind: 'resetBeforeBody' });
        await rawRequest(logged, '/send/imessage', '{}');
        assert.equal(lines.length, 3);
        assert.match(lines[0], /^POST \/send\/imessage → 200 \d+ms to=\+14155552671 "hi" auth=Bearer <redacted>$/);
        assert.match(lines[1], /^GET \/entitlements\?leak=<redacted> → 400 .*auth=Token <redacted>$/);
        assert.match(lines[2], /→ reset .*fault=resetBeforeBody/);
        for (const line of lines) assert.doesNotMatch(line, /secret123/);
      } finally {
        await logged.close();
      }
    });
  });

  describe('cli', function () {
    // Starting tsx in a child takes a few seconds, far more on a loaded machine: these wait, not time.
    this.timeout(60_000);
    const cli = (args: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out = { stdout: '', stderr: '' };
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
      return { child, out, exit: once(child, 'exit') as Promise<[number | null]> };
    };
    // Both children start together: tsx start-up dominates this file's run time.
    let running: ReturnType<typeof cli>;
    let busy: ReturnType<typeof cli>;
    before(() => {
      running = cli(['--port', '0', '--token', 'contiguity_sk_cli_secret']);
      busy = cli(['--port', String(sb.port)]);
    });
    after(() => {
      running.child.kill('SIGKILL');
    });

    it('prints SANDBOX_READY first, logs redacted requests and stops on SIGTERM', async () => {
      const { child, out, exit } = running;
      await waitFor(() => out.stdout.includes('\n'), 45_000);
      const first = out.stdout.split('\n')[0];
      assert.match(first, /^SANDBOX_READY \{/);
      const ready = JSON.parse(first.slice('SANDBOX_READY '.length));
      assert.equal(ready.token, 'contiguity_sk_cli_secret');
      const res = await fetch(`${ready.url}/entitlements`, { headers: { Authorization: `Bearer ${ready.token}` } });
      assert.equal(res.status, 200);
      await waitFor(() => out.stdout.includes('GET /entitlements → 200'), 10_000);
      const logLine = out.stdout.split('\n').find((l) => l.startsWith('GET /entitlements'))!;
      assert.doesNotMatch(logLine, /cli_secret/);
      assert.match(logLine, /auth=Bearer <redacted>/);
      child.kill('SIGTERM');
      assert.deepEqual(await exit, [0, null]);
    });

    it('exits 1 with a clear message when the port is busy', async () => {
      const [code] = await busy.exit;
      assert.equal(code, 1);
      assert.match(busy.out.stderr, new RegExp(`port ${sb.port} .*already in use`));
    });
  });
});
