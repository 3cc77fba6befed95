// The real UI: the command palette, the password box, the notification and the Output panel,
// in the browser workbench, against the sandbox API.
import assert from 'node:assert/strict';
import { runCommand, waitForNotification } from './driver';
import { until, useSession } from './session';

describe('the API token through the real UI', function () {
  this.timeout(180_000);
  // No token stored up front: storing it is what these tests do.
  const session = useSession({ withToken: false });

  it('Set API Token asks in a password box, stores the token and verifies it', async () => {
    const { wb, sandbox } = session;
    const { page } = wb;
    await runCommand(page, 'iMessage: Set API Token');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'Paste your API token' }).waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password', 'the token is typed into a password box');
    await input.fill(sandbox.token);
    await input.press('Enter');

    await until(() => sandbox.requests.some((r) => r.path === '/entitlements' && r.status === 200));
    await waitForNotification(page, 'Contiguity API token stored and verified');
    const check = sandbox.requests.find((r) => r.path === '/entitlements');
    assert.ok(check, 'the token was checked with GET /entitlements');
    assert.equal(check.headers.authorization, `Bearer ${sandbox.token}`);
    assert.ok(!(await page.content()).includes(sandbox.token), 'the token is nowhere on the page');
  });

  it('Show Log opens the iMessage output channel with the envelope, token redacted', async () => {
    const { wb, sandbox } = session;
    const { page } = wb;
    await runCommand(page, 'iMessage: Show Log');
    // Only the lines in view are in the DOM: make room, and filter the channel down to one entry.
    await runCommand(page, 'View: Toggle Maximized Panel');
    const filter = page.locator('.panel input[placeholder^="Filter"]');
    const lines = page.locator('.panel .view-lines');
    const shown = async (query: string) => {
      await filter.fill(query);
      await lines.filter({ hasText: query }).first().waitFor({ state: 'visible', timeout: 20_000 });
      return (await lines.first().innerText()).replace(/\u00a0/g, ' ');
    };
    assert.match(await shown('/entitlements'), /\[info\] → GET http:\/\/127\.0\.0\.1:\d+\/entitlements/);
    const response = await shown('HTTP 200');
    assert.match(response, /← HTTP 200 in \d+ ms/);
    assert.match(response, /"object": "response"/);
    assert.match(response, /"api_version": "v2026\.8\.2"/);
    const text = await shown('entitlement');
    assert.ok(!text.includes(sandbox.token));
    assert.ok(!(await page.content()).includes(sandbox.token));
  });

  it('a wrong token is stored but the check says why it failed', async () => {
    const { wb, sandbox } = session;
    const { page } = wb;
    await runCommand(page, 'iMessage: Set API Token');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'Paste your API token' }).waitFor({ state: 'visible' });
    await input.fill('contiguity_sk_not_the_right_one');
    await input.press('Enter');
    await until(() => sandbox.requests.some((r) => r.status === 401));
    const toast = await waitForNotification(page, 'checking it failed');
    assert.match(toast, /HTTP 401/);
    assert.ok(!toast.includes('contiguity_sk_not_the_right_one'));
  });
});
