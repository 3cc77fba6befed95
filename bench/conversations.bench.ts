import type { Frame } from 'playwright-core';
import { startSandbox } from '../sandbox';
import { launchWorkbench, runCommand, waitForWebview } from '../test/e2e/driver';

/**
 * What reading conversations costs and how fast a reply shows, in the real workbench (code-server +
 * Chromium, the built extension: run `npm run build` first) against the sandbox:
 * - API requests per minute with no conversation visible, then with one visible conversation;
 * - the time from a reply reaching the sandbox (its timestamp) to its bubble in the panel's DOM
 *   (recorded in the webview by a MutationObserver), over several replies spread over the poll cycle.
 * `npm run bench -- conversations` (≈ 2 minutes).
 */

const TO = '+14155552671';
const OURS = '+15550000001';
const WINDOW_MS = 30_000;
const REPLIES = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run() {
  const sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
  const wb = await launchWorkbench({
    settings: { 'imessage.api.baseUrl': sandbox.url, 'imessage.contacts': { Ana: TO }, 'imessage.from': OURS },
    extensionEnvironment: { IMESSAGE_SANDBOX_TOKEN: sandbox.token },
  });
  try {
    sandbox.receive({ from: TO, to: OURS, message: 'are you there?' });
    const perMinute = async () => {
      const before = sandbox.requests.length;
      const historyBefore = sandbox.requests.filter((r) => r.path.startsWith('/conversations/history/imessage/')).length;
      await sleep(WINDOW_MS);
      const scale = 60_000 / WINDOW_MS;
      const history = sandbox.requests.filter((r) => r.path.startsWith('/conversations/history/imessage/')).length - historyBefore;
      return { all: (sandbox.requests.length - before) * scale, history: history * scale };
    };
    // The extension is active (the token was adopted at start-up); nothing is open.
    await sleep(3_000);
    const idle = await perMinute();

    await runCommand(wb.page, 'iMessage: Open Conversation');
    const frame: Frame = await waitForWebview(wb.page, '#message', 90_000);
    await frame.waitForFunction(() => !document.getElementById('form')!.inert, undefined, { timeout: 30_000 });
    await frame.locator('#to').pressSequentially('Ana');
    await frame.locator('#conversation-list .msg.in').first().waitFor({ timeout: 30_000 });
    const visible = await perMinute();

    // When each inbound bubble first appears in the page, by its text.
    await frame.evaluate(() => {
      const w = window as unknown as { seenAt: Record<string, number> };
      w.seenAt = {};
      const list = document.getElementById('conversation-list')!;
      new MutationObserver(() => {
        for (const node of list.querySelectorAll('.msg.in .bubble')) {
          const text = node.textContent ?? '';
          w.seenAt[text] ??= Date.now();
        }
      }).observe(list, { childList: true, subtree: true });
    });
    const latencies: number[] = [];
    for (let i = 1; i <= REPLIES; i++) {
      // Spread the arrivals over the poll cycle.
      await sleep(Math.random() * 4_000);
      const text = `reply ${i}`;
      const arrived = sandbox.receive({ from: TO, to: OURS, message: text }).timestamp;
      await frame.waitForFunction((t) => (window as unknown as { seenAt: Record<string, number> }).seenAt[t] !== undefined, text, {
        timeout: 60_000,
      });
      const shown = await frame.evaluate((t) => (window as unknown as { seenAt: Record<string, number> }).seenAt[t]!, text);
      latencies.push(shown - arrived);
    }
    latencies.sort((a, b) => a - b);
    const median = (latencies[(latencies.length - 1) >> 1]! + latencies[latencies.length >> 1]!) / 2;
    return [
      { measure: 'API requests/min, no conversation visible', value: idle.all, 'of which history': idle.history },
      { measure: 'API requests/min, one conversation visible', value: visible.all, 'of which history': visible.history },
      { measure: `reply at the sandbox → bubble in the panel, median of ${REPLIES} (ms)`, value: median },
      { measure: 'same, min (ms)', value: latencies[0]! },
      { measure: 'same, max (ms)', value: latencies.at(-1)! },
    ];
  } finally {
    await wb.close();
    await sandbox.close();
  }
}
