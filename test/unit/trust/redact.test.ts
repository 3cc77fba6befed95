import assert from 'node:assert/strict';
import { forgetSecrets, REDACTED, redact, redactValue, rememberSecret } from '../../../src/core/redact';

// Characters that change under every encoding: `/`, `+`, `"`, `\`, `=`, space-free as a header must be.
const TOKEN = 'contiguity_sk_Ab/c+d"e\\f=9xY~z';
const PLAIN = 'ZzTop1234567890qwerty';

const count = (text: string, needle: string) => text.split(needle).length - 1;
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('redactor', () => {
  afterEach(forgetSecrets);

  const forms: Record<string, (t: string) => string> = {
    raw: (t) => t,
    encodeURIComponent: (t) => encodeURIComponent(t),
    'encodeURIComponent, lower-case hex': (t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    'every character percent-encoded': (t) => [...t].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
    'form encoding (URLSearchParams)': (t) => new URLSearchParams({ a: t }).toString().slice(2),
    'JSON string': (t) => JSON.stringify(t).slice(1, -1),
    'JSON inside JSON': (t) => JSON.stringify(JSON.stringify(t)).slice(1, -1),
    'JSON with \\/ and \\u escapes': (t) => JSON.stringify(t).slice(1, -1).replace(/\//g, '\\/').replace(/_/g, '\\u005F'),
    'HTML character references': (t) => t.replace(/[&"<>/]/g, (c) => `&#${c.charCodeAt(0)};`),
    'HTML hex references': (t) => t.replace(/["/]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
    'split across lines': (t) => `${t.slice(0, 10)}\n${t.slice(10, 20)}\r\n  ${t.slice(20)}`,
    'JSON \\n split': (t) => JSON.stringify(t).slice(1, -1).replace('y_sk', 'y\\n_sk').replace('ZzTop12', 'ZzTop\\r\\n12'),
    'base64 (offset 0)': (t) => b64(t),
    'base64 (offset 1)': (t) => b64(`x${t}`),
    'base64 (offset 2, Basic header)': (t) => b64(`u:${t}`),
    base64url: (t) => b64(`xy${t}`).replace(/\+/g, '-').replace(/\//g, '_'),
    'base64 wrapped at 16 chars': (t) => b64(t).replace(/(.{16})/g, '$1\n'),
  };

  for (const [name, encode] of Object.entries(forms)) {
    it(`removes the remembered token: ${name}`, () => {
      rememberSecret(PLAIN);
      rememberSecret(TOKEN);
      for (const secret of [TOKEN, PLAIN]) {
        const echoed = `<p>Authorization header was ${encode(secret)} (and again: ${encode(secret)})</p>`;
        const out = redact(echoed);
        assert.ok(!out.includes(encode(secret)), out);
        assert.ok(!out.includes(secret), out);
        assert.ok(out.includes('<p>Authorization header was '), 'the text around it is kept');
      }
    });
  }

  it('removes credentials after Bearer/Token even when the token is not known', () => {
    const out = redact('echo: Bearer abcDEF123456789012 / Token%20abcdefgh_ijklmnop / Bearer+Zx9yZx9yZx9yZx9y');
    assert.equal(count(out, REDACTED), 3, out);
    assert.ok(!/abcDEF|abcdefgh|Zx9y/.test(out), out);
  });

  it('leaves prose after Bearer/Token alone', () => {
    const text = 'Token verification failed; Bearer tokens expire.';
    assert.equal(redact(text), text);
  });

  it('removes anything shaped like a Contiguity key', () => {
    assert.equal(redact('x contiguity_sk_unknown_key-1 y'), `x ${REDACTED} y`);
  });

  it('takes extra secrets per call and ignores short ones', () => {
    assert.equal(redact('abcdefghij', ['abcdefghij']), REDACTED);
    assert.equal(redact('abc abc', ['abc']), 'abc abc');
  });

  it('redacts every string of a value, keys included, and stops at a depth limit', () => {
    rememberSecret(PLAIN);
    const value = { [PLAIN]: [PLAIN, { deep: `x ${encodeURIComponent(PLAIN)}` }], n: 3 };
    assert.equal(JSON.stringify(redactValue(value)).includes('ZzTop'), false);
    let nested: unknown = PLAIN;
    for (let i = 0; i < 10_000; i++) nested = [nested];
    assert.doesNotThrow(() => redactValue(nested));
  });

  it('is fast enough for a 1 MB body (linear, no catastrophic backtracking)', () => {
    rememberSecret(TOKEN);
    const body = `${'%2F\\u0041&#47;'.repeat(60_000)}${TOKEN}`;
    const out = redact(body);
    assert.ok(out.endsWith(REDACTED));
  });
});
