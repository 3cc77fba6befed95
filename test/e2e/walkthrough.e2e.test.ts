// The walkthrough in the real workbench, from a fresh install (no token): opened from "Welcome:
// Open Walkthrough...", each step done through its own button against the sandbox, and each step
// gets its checkmark only when the real event happened (token verified, number picked, message
// sent, recipient set, agent hooks written).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand, waitForWebview } from './driver';
import { ANA, OURS, until, useSession } from './session';

describe('the walkthrough through the real UI', function () {
  this.timeout(300_000);
  // Agent setup writes hook files under the home folder: here a temp one.
  const agentHome = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-walkthrough-home-'));
  after(() => fs.rmSync(agentHome, { recursive: true, force: true }));
  const session = useSession({
    withToken: false,
    sandbox: { pacing: false },
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.startupEditor': 'none' },
    extensionEnvironment: { IMESSAGE_TEST: '1', IMESSAGE_AGENT_HOME: agentHome },
  });
  const page = () => session.wb.page;
  const step = (id: string) => page().locator(`button.getting-started-step[data-step-id$="#${id}"]`);
  const quickInput = () => page().locator('.quick-input-widget .quick-input-box input');

  /**
   * Opens the step, waits for its page (a webview: when it loads it may take the focus, which
   * closes a quick pick opened before) and presses its button, as a user does.
   */
  async function runStep(id: string, button: string, heading: string) {
    await showWalkthrough();
    await step(id).click();
    await step(id).and(page().locator('[aria-expanded=true]')).waitFor();
    // Webviews come and go as steps change: a frame that went away is looked for again.
    const deadline = Date.now() + 30_000;
    while (
      !(await waitForWebview(page(), `h1:has-text("${heading}")`, 2000).then(
        () => true,
        () => false,
      ))
    ) {
      assert.ok(Date.now() < deadline, `the page of step ${id} shows "${heading}"`);
    }
    await page().locator('.getting-started-step .monaco-button', { hasText: button }).click();
  }
  const checked = (id: string, timeout = 30_000) => step(id).and(page().locator('[aria-checked=true]')).waitFor({ timeout });
  const isChecked = async (id: string) => (await step(id).getAttribute('aria-checked')) === 'true';
  /**
   * Shows our walkthrough's steps, opened from "Welcome: Open Walkthrough..." as a user does. Going
   * back to the Welcome tab is not enough: the page may come back on its home slide, or blank while
   * it switches slides, and the steps of a hidden slide are disabled buttons.
   */
  async function showWalkthrough() {
    const enabled = page().locator('button.getting-started-step:not([disabled])[data-step-id$="#token"]');
    if (await enabled.isVisible()) return;
    for (let attempt = 1; ; attempt++) {
      await runCommand(page(), 'Welcome: Open Walkthrough...');
      await quickInput().fill('iMessage');
      // The first row is the one Enter picks: wait until filtering has put ours there.
      await page().locator('.quick-input-list .monaco-list-row').first().filter({ hasText: 'Get started with iMessage Sender' }).waitFor();
      await quickInput().press('Enter');
      const ready = await enabled.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      );
      if (ready) return;
      assert.ok(attempt < 3, 'the walkthrough shows its steps within three openings');
      await page().keyboard.press('Escape');
    }
  }
  const backToWalkthrough = showWalkthrough;

  it('opens from the Welcome command with five unchecked steps', async () => {
    await showWalkthrough();
    for (const id of ['token', 'from', 'send', 'notify', 'agents']) assert.equal(await isChecked(id), false, `${id} starts unchecked`);
  });

  it('the token step completes once the token is stored and verified', async () => {
    const { sandbox } = session;
    await runStep('token', 'Set API Token', 'Your Contiguity API token');
    await page().locator('.quick-input-widget', { hasText: 'Paste your API token' }).waitFor({ state: 'visible' });
    await quickInput().fill(sandbox.token);
    await quickInput().press('Enter');
    await checked('token');
    assert.ok(
      sandbox.requests.some((r) => r.path === '/entitlements' && r.status === 200),
      'checked with the read-only call',
    );
    assert.equal(await isChecked('from'), false, 'the other steps wait for their own events');
  });

  it('the number step completes when a leased number is picked', async () => {
    await runStep('from', 'Pick Number', 'The number you send from');
    // A quick pick closes when the focus leaves it, and the step's page (a webview) can take the
    // focus as it settles: then the user presses the button again.
    for (let attempt = 1; ; attempt++) {
      // Our number is the first row, the one Enter picks.
      const row = page().locator('.quick-input-list .monaco-list-row').first().filter({ hasText: OURS });
      // The rows come from a request for the leased numbers: on a loaded machine that took over 10 s,
      // and pressing the button again then cancelled the pick that was still loading.
      const picked = await row
        .waitFor({ timeout: 30_000 })
        .then(() => quickInput().press('Enter', { timeout: 5000 }))
        .then(() => checked('from', 20_000))
        .then(
          () => true,
          () => false,
        );
      if (picked) break;
      assert.ok(attempt < 3, 'the number was picked within three tries');
      await page().keyboard.press('Escape');
      await runStep('from', 'Pick Number', 'The number you send from');
    }
  });

  it('the send step completes when the first message went out from the conversation panel', async () => {
    await runStep('send', 'Open Conversation', 'Your first message');
    const frame = await waitForWebview(page(), '#message', 90_000);
    await frame.waitForFunction(() => !document.getElementById('form')!.inert, undefined, { timeout: 30_000 });
    // The number picked in the step before is the one this message is sent from.
    await frame.locator('#details-summary', { hasText: `From ${OURS}` }).waitFor();
    await frame.locator('#to').fill(ANA);
    await frame.locator('#message').fill('Hello from the walkthrough');
    // The draft shows as a pending bubble at the end of the thread.
    await frame.locator('#bubble', { hasText: 'Hello from the walkthrough' }).waitFor();
    await frame.locator('#message').press('Control+Enter');
    await frame.locator('#result.ok').waitFor({ timeout: 30_000 });
    assert.equal(session.sandbox.sent.length, 1);
    const request = session.sandbox.requests.find((r) => r.path === '/send/imessage');
    assert.equal((request?.body as { from?: string }).from, OURS, 'sent from the number picked');
    await backToWalkthrough();
    await checked('send');
  });

  it('the notifications step completes when the recipient is set and task notifications are on, in the Settings editor', async () => {
    await runStep('notify', 'Set Recipient', 'Texts when work finishes');
    const row = page().locator('.settings-editor [data-key="imessage.notify.recipient"]');
    // Typed once the search has settled: a row drawn again drops what was typed into it.
    await page()
      .locator('.settings-editor .settings-count-widget', { hasText: /Settings? Found/ })
      .waitFor({ timeout: 20_000 });
    await row.locator('input').click();
    await row.locator('input').pressSequentially(ANA);
    await row.locator('input').press('Enter');
    // The editor writes the setting after a short pause: then it marks the row as configured.
    await row.and(page().locator('.is-configured')).waitFor({ timeout: 20_000 });
    // Then task notifications on, in the same search.
    const tasks = page().locator('.settings-editor [data-key="imessage.notify.tasks"]');
    await tasks.locator('select').selectOption('failures');
    await tasks.and(page().locator('.is-configured')).waitFor({ timeout: 20_000 });
    await backToWalkthrough();
    await checked('notify');
  });

  it('the agents step completes when agent notifications are set up', async () => {
    await runStep('agents', 'Set Up Agent Notifications', 'Agent notifications');
    // The defaults: VS Code's agent, then its notification events; then the change is confirmed.
    await page().locator('.quick-input-widget', { hasText: 'which agents?' }).waitFor({ state: 'visible' });
    await quickInput().press('Enter');
    await page().locator('.quick-input-widget', { hasText: 'when?' }).waitFor({ state: 'visible' });
    await quickInput().press('Enter');
    await page().locator('.monaco-dialog-box .monaco-button', { hasText: 'Apply' }).click();
    await checked('agents');
    await until(() => fs.readdirSync(agentHome, { recursive: true }).length > 0);
    for (const id of ['token', 'from', 'send', 'notify', 'agents']) assert.ok(await isChecked(id), `${id} is checked`);
  });
});
