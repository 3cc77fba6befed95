// The plan every send is built from, in both API modes, and the dry run and the cURL export written
// from it. (The cURL command is run with curl in the integration tests, whose set-up installs curl.)
import assert from 'node:assert/strict';
import { ValidationError } from '../../src/core/client/errors';
import { curlCommand, dryRunText, TOKEN_ENV } from '../../src/core/client/export';
import { apiTarget, planSend } from '../../src/core/client/request';
import { planFromInput } from '../../src/core/send-plan';
import { readSettings, type Settings } from '../../src/core/settings';

const TO = '+14155552671';

function settings(raw: Partial<Record<keyof Settings, unknown>> = {}): Settings {
  const result = readSettings(raw);
  if (!result.ok) throw new Error(result.message);
  return result.settings;
}

describe('legacy mode settings', () => {
  it('defaults to the current API and the documented legacy base URL', () => {
    const s = settings();
    assert.equal(s.apiVersion, 'current');
    assert.equal(s.legacyBaseUrl, 'https://api.contiguity.co');
    assert.deepEqual(apiTarget(s), { version: 'current', baseUrl: 'https://api.contiguity.com' });
    assert.deepEqual(apiTarget(settings({ apiVersion: 'legacy' })), { version: 'legacy', baseUrl: 'https://api.contiguity.co' });
  });

  it('names the setting that is wrong', () => {
    const version = readSettings({ apiVersion: 'v1' });
    assert.ok(
      !version.ok && version.setting === 'imessage.api.version' && /"current" or "legacy"/.test(version.message),
      JSON.stringify(version),
    );
    const url = readSettings({ legacyBaseUrl: 'http://api.contiguity.co' });
    assert.ok(!url.ok && url.setting === 'imessage.api.legacyBaseUrl' && /in clear/.test(url.message), JSON.stringify(url));
  });
});

describe('planSend', () => {
  it('current: POST /send/imessage with Bearer and the checked request', () => {
    assert.deepEqual(planSend({ to: TO, message: 'hi' }, 'current'), {
      method: 'POST',
      path: '/send/imessage',
      scheme: 'Bearer',
      body: { to: TO, message: 'hi' },
    });
  });

  it('legacy: POST /send/text with Token and beta_features', () => {
    const wire = planSend({ to: TO, message: 'hi', from: '+15550000001', fallback: { when: ['imessage_fails'] } }, 'legacy');
    assert.deepEqual(wire, {
      method: 'POST',
      path: '/send/text',
      scheme: 'Token',
      body: { to: TO, message: 'hi', beta_features: { imessage: true, from: '+15550000001', fallback: true } },
    });
  });

  it('legacy: what it cannot carry is a ValidationError naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ attachments: ['https://example.com/a.png'] }, 'attachments'],
      [{ fast_track: true }, 'fast_track'],
      [{ fallback: { when: ['imessage_unsupported'] } }, 'fallback.when'],
      [{ fallback: { when: ['imessage_fails', 'imessage_unsupported'] } }, 'fallback.when'],
      [{ fallback: { when: ['imessage_fails'], from: '+15550000002' } }, 'fallback.from'],
    ];
    for (const [extra, field] of cases) {
      assert.throws(
        () => planSend({ to: TO, message: 'hi', ...extra }, 'legacy'),
        (e: unknown) =>
          e instanceof ValidationError && e.field === field && /legacy API \(imessage\.api\.version is "legacy"\)/.test(e.message),
        field,
      );
    }
  });

  it('without validation, sends the body as written (legacy: mapped field by field, unknown fields kept)', () => {
    const bad = { to: 'nobody', message: 42, attachments: ['ftp://x'] };
    assert.deepEqual(planSend(bad, 'current', { validate: false }).body, bad);
    assert.deepEqual(planSend(bad, 'legacy', { validate: false }).body, {
      attachments: ['ftp://x'],
      to: 'nobody',
      message: 42,
      beta_features: { imessage: true },
    });
    assert.throws(
      () => planSend(bad, 'current'),
      (e: unknown) => e instanceof ValidationError && e.field === 'to',
    );
  });
});

describe('planFromInput', () => {
  it('applies the settings the sender applies: defaults, contacts, national numbers', async () => {
    const plan = await planFromInput({ to: 'me', message: 'hi' }, settings({ contacts: { me: '(415) 555-2671' }, from: '+15550000001' }));
    assert.deepEqual(plan.wire.body, { to: TO, message: 'hi', from: '+15550000001' });
    assert.equal(plan.target.baseUrl, 'https://api.contiguity.com');
  });

  it('in legacy mode targets the legacy base URL', async () => {
    const plan = await planFromInput({ to: TO, message: 'hi' }, settings({ apiVersion: 'legacy', legacyBaseUrl: 'http://127.0.0.1:9/' }));
    assert.equal(plan.target.baseUrl, 'http://127.0.0.1:9/');
    assert.equal(plan.wire.path, '/send/text');
  });

  it('unchecked still needs a JSON object', async () => {
    await assert.rejects(
      planFromInput([1], settings(), { validate: false }),
      (e: unknown) => e instanceof ValidationError && e.field === 'request',
    );
  });
});

describe('dry run and cURL export', () => {
  it('the dry run is the exact request with the token masked', () => {
    const text = dryRunText('https://api.contiguity.com/', planSend({ to: TO, message: 'hi' }, 'current'));
    assert.equal(
      text,
      [
        'POST https://api.contiguity.com/send/imessage',
        'Authorization: Bearer «redacted»',
        'Accept: application/json',
        'Content-Type: application/json',
        '',
        `{"to":"${TO}","message":"hi"}`,
      ].join('\n'),
    );
    assert.match(
      dryRunText('https://api.contiguity.co', planSend({ to: TO, message: 'hi' }, 'legacy')),
      /^POST https:\/\/api\.contiguity\.co\/send\/text\nAuthorization: Token «redacted»/,
    );
  });

  it('the cURL command reads the token from the environment and quotes the body for the shell', () => {
    const wire = planSend({ to: TO, message: `it's "quoted" $HOME` }, 'legacy');
    const command = curlCommand('https://api.contiguity.co', wire);
    assert.equal(
      command,
      [
        "curl --silent --show-error --request POST 'https://api.contiguity.co/send/text'",
        '--header "Authorization: Token ${CONTIGUITY_TOKEN:?set CONTIGUITY_TOKEN to your Contiguity API token}"',
        "--header 'Accept: application/json'",
        "--header 'Content-Type: application/json'",
        `--data-raw '{"to":"${TO}","message":"it'\\''s \\"quoted\\" $HOME","beta_features":{"imessage":true}}'`,
      ].join(' \\\n  '),
    );
    assert.ok(command.includes(`$\{${TOKEN_ENV}:?`));
  });
});
