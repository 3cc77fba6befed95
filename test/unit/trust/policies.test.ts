// The pure trust policies: base URLs, agreement links, tokens as headers, protected settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pkg from '../../../package.json';
import { safeAgreementUrl } from '../../../src/core/links';
import { PROTECTED_SETTINGS, protectedSettingsIn } from '../../../src/core/protected-settings';
import { baseUrlProblem, readSettings, SETTING_IDS } from '../../../src/core/settings';
import { tokenHeaderProblem } from '../../../src/core/token';

describe('base URL policy', () => {
  const refused: [string, RegExp][] = [
    ['https://api.contiguity.com?x=1', /query/],
    ['https://api.contiguity.com?', /query/],
    ['https://api.contiguity.com#frag', /fragment/],
    ['https://api.contiguity.com/#', /fragment/],
    ['https://evil.example\\@api.contiguity.com', /backslash/],
    ['https:\\\\api.contiguity.com', /backslash/],
    ['https://user:pw@api.contiguity.com', /credentials/],
    ['https://user@api.contiguity.com', /credentials/],
    ['https://api.contiguity.com@evil.example', /credentials/],
    ['https://api.contiguity.com/v1/..', /path segments/],
    ['https://api.contiguity.com/./v1', /path segments/],
    ['https://api.contiguity.com/%2e%2e/x', /path segments/],
    ['https://api.contiguity.com/a%2Fb', /encoded slashes/],
    [' https://api.contiguity.com', /spaces/],
    ['https://api.contiguity.com\n', /spaces/],
    ['https://api.contiguity\t.com', /spaces/],
    ['http://api.contiguity.com', /in clear/],
    ['http://localhost.evil.example', /in clear/],
    ['ftp://api.contiguity.com', /https:\/\//],
    ['javascript:alert(1)', /https:\/\//],
    ['api.contiguity.com', /not a URL/],
  ];
  for (const [value, why] of refused) {
    it(`refuses ${JSON.stringify(value)}`, () => assert.match(baseUrlProblem(value) ?? 'accepted', why));
  }

  for (const value of [
    'https://api.contiguity.com',
    'https://api.contiguity.com/',
    'https://proxy.example/contiguity/v1',
    'http://127.0.0.1:4010',
    'http://localhost:4010/',
    'http://[::1]:4010',
  ]) {
    it(`accepts ${value}`, () => assert.equal(baseUrlProblem(value), undefined));
  }

  it('names the setting in the settings error', () => {
    const result = readSettings({ baseUrl: 'https://api.contiguity.com?x' });
    assert.ok(!result.ok && result.message.startsWith('imessage.api.baseUrl must not contain a query'));
    const legacy = readSettings({ legacyBaseUrl: 'https://api.contiguity.co#x' });
    assert.ok(!legacy.ok && legacy.setting === 'imessage.api.legacyBaseUrl');
  });

  it('refuses contact names that are themselves addresses', () => {
    for (const name of ['+14155552671', '415 555 2671', 'me@icloud.com']) {
      const result = readSettings({ contacts: { [name]: '+12025550143' } });
      assert.ok(!result.ok && result.setting === 'imessage.contacts' && result.message.includes(name), name);
    }
    assert.ok(readSettings({ contacts: { me: '+14155552671', 'Mum 2': '+14155552671' } }).ok);
  });
});

describe('agreement links', () => {
  const API = 'https://api.contiguity.com';
  it('are links only when https:// on the API host or contiguity.com', () => {
    assert.equal(
      safeAgreementUrl('https://api.contiguity.com/entitlements/imessage', API),
      'https://api.contiguity.com/entitlements/imessage',
    );
    assert.equal(safeAgreementUrl('https://contiguity.com/agree', 'https://proxy.example'), 'https://contiguity.com/agree');
    assert.equal(safeAgreementUrl('https://console.contiguity.com/agree', API), 'https://console.contiguity.com/agree');
    assert.equal(safeAgreementUrl('https://proxy.example/agree', 'https://proxy.example/v1'), 'https://proxy.example/agree');
  });
  for (const raw of [
    'http://api.contiguity.com/entitlements/imessage',
    'https://evil.example/agree',
    'https://contiguity.com.evil.example/agree',
    'https://evilcontiguity.com/agree',
    'https://user@contiguity.com/agree',
    'javascript:alert(1)',
    'command:workbench.action.terminal.new',
    'file:///etc/passwd',
    'vscode://imessage-sender/x',
    'https://contiguity.com\\@evil.example',
    'not a url',
  ]) {
    it(`are plain text: ${raw}`, () => assert.equal(safeAgreementUrl(raw, API), undefined));
  }
});

describe('tokens as headers', () => {
  it('refuses what cannot travel in a header, saying where', () => {
    assert.match(tokenHeaderProblem('contiguity_sk_a\nb')!, /a line break \(U\+000A\) at position 16/);
    assert.match(tokenHeaderProblem('contiguity_sk_a\r\nb')!, /line break/);
    assert.match(tokenHeaderProblem('contiguity_sk_a\u0000b')!, /NUL character/);
    assert.match(tokenHeaderProblem('contiguity_sk_\u00e9')!, /non-ASCII/);
    assert.match(tokenHeaderProblem('contiguity_sk_\u2028')!, /line break \(U\+2028\)/);
    assert.match(tokenHeaderProblem('contiguity_sk_\t')!, /tab/);
  });
  it('never quotes the token', () => {
    assert.ok(!tokenHeaderProblem('contiguity_sk_secret\n')!.includes('secret'));
  });
  it('accepts visible ASCII', () => {
    assert.equal(tokenHeaderProblem('contiguity_sk_live_AbC123-_.~+/='), undefined);
  });
});

describe('protected settings', () => {
  it('are every setting the extension has', () => {
    assert.deepEqual([...PROTECTED_SETTINGS].sort(), Object.values(SETTING_IDS).sort());
  });

  it('agree with package.json: every setting is application-scoped and restricted, and nothing else is', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
    const sorted = [...PROTECTED_SETTINGS].sort();
    assert.deepEqual(Object.keys(properties).sort(), sorted);
    for (const [id, schema] of Object.entries(properties)) assert.equal(schema.scope, 'application', id);
    assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), sorted);
  });

  it('are all tried by the hostile workspace of the trust tests (but the one the test adds live)', () => {
    const fixture = readFileSync(new URL('../../../scripts/host/hostile.mjs', import.meta.url), 'utf8');
    const tried = [...fixture.matchAll(/^\s*'(imessage\.[\w.]+)':/gm)].map((m) => m[1]);
    assert.deepEqual(
      [...PROTECTED_SETTINGS].filter((id) => !tried.includes(id)),
      ['imessage.notify.template'],
    );
  });

  it('are found in .vscode/settings.json: dotted, nested, in language blocks, with comments', () => {
    const text = `{
      // a comment
      "editor.tabSize": 2,
      "imessage.api.baseUrl": "https://evil.example",
      "imessage": { "contacts": { "me": "+1" }, "api": { "version": "legacy" } },
      "[markdown]": { "imessage.notify.template": "\${output}" },
      "imessage.api.baseUrl": "again",
    }`;
    assert.deepEqual(protectedSettingsIn(text, 'folder'), [
      'imessage.api.baseUrl',
      'imessage.contacts',
      'imessage.api.version',
      'imessage.notify.template',
    ]);
  });

  it('are found in a .code-workspace file only under "settings"', () => {
    const text = JSON.stringify({
      folders: [{ path: '.' }],
      settings: { 'imessage.notify.recipient': '+1' },
      'imessage.from': 'not a setting here',
    });
    assert.deepEqual(protectedSettingsIn(text, 'workspace'), ['imessage.notify.recipient']);
  });

  it('never throw on hostile text', () => {
    assert.deepEqual(protectedSettingsIn('{"imessage.api.baseUrl": ' + '['.repeat(100_000), 'folder'), []);
    assert.deepEqual(protectedSettingsIn('not json', 'folder'), []);
    assert.deepEqual(protectedSettingsIn('[1,2]', 'workspace'), []);
    assert.deepEqual(protectedSettingsIn('', 'folder'), []);
  });
});
