// The compose panel in the real workbench (code-server + Chromium): palette, typing, the live
// preview, keyboard formatting, a 10 KB message, sending to the sandbox, and a window reload.
// Also takes the README's screenshots (docs/compose-dark.png, docs/compose-light.png; written there
// only by `npm run screenshots`).
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { docsScreenshotPath, openDetails, openPanel, pauseExtensionHost, runCommand, setColorTheme, waitForWebview } from './driver';
import { useSession } from './session';

const STYLED = '**bold** _italic_ ~~strike~~ __underline__';
const TO = '+14155552671';

describe('compose panel through the real UI', function () {
  this.timeout(300_000);
  const session = useSession({
    sandbox: { pacing: false },
    settings: {
      'imessage.contacts': { Alex: TO },
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });
  let frame: Frame;
  const sends = () => session.sandbox.requests.filter((r) => r.path === '/send/imessage');

  before(async () => {
    await runCommand(session.wb.page, 'View: Close Primary Side Bar');
  });

  it('opens from the palette; typing shows each style in the preview', async () => {
    frame = await openPanel(session.wb.page, 'iMessage: Compose Message');
    await frame.locator('#to').pressSequentially('Alex');
    await frame.locator('#message').pressSequentially(STYLED);
    const bubble = frame.locator('#bubble');
    for (const [tag, text] of [
      ['b', 'bold'],
      ['i', 'italic'],
      ['s', 'strike'],
      ['u', 'underline'],
    ]) {
      await bubble.locator(tag).filter({ hasText: text }).waitFor({ timeout: 10_000 });
    }
    assert.equal(await bubble.innerText(), 'bold italic strike underline', 'the markers are not shown');
    // Rendered styles, not just tags: the webview's CSS and the engine agree.
    const styles = await bubble.evaluate((node) =>
      ['b', 'i', 's', 'u'].map((t) => {
        const s = getComputedStyle(node.querySelector(t)!);
        return [s.fontWeight, s.fontStyle, s.textDecorationLine];
      }),
    );
    assert.ok(Number(styles[0]![0]) >= 600, 'bold');
    assert.equal(styles[1]![1], 'italic');
    assert.match(styles[2]![2]!, /line-through/);
    assert.match(styles[3]![2]!, /underline/);
    await frame.locator('#to-hint', { hasText: `Alex: ${TO}` }).waitFor({ timeout: 10_000 });
    await frame.locator('#counts', { hasText: `${STYLED.length} characters` }).waitFor();
    await openDetails(frame);
    await frame.locator('#from-status', { hasText: '1 leased iMessage number available' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await frame.locator('#from-choice option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), [
      '',
      '+15550000001',
      '__other__',
    ]);
  });

  it('formats from the keyboard: Ctrl+B wraps the selection, and the workbench does not take the key', async () => {
    const message = frame.locator('#message');
    await message.press('End');
    await message.pressSequentially(' now');
    await message.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(area.value.length - 3, area.value.length));
    const sideBarBefore = await session.wb.page.locator('#workbench\\.parts\\.sidebar').isVisible();
    await message.press('Control+b');
    assert.equal(await message.inputValue(), `${STYLED} **now**`);
    await frame.locator('#bubble b', { hasText: 'now' }).waitFor();
    assert.equal(
      await session.wb.page.locator('#workbench\\.parts\\.sidebar').isVisible(),
      sideBarBefore,
      'Ctrl+B did not toggle the side bar',
    );
    // The toolbar is one tab stop and its buttons have names for screen readers.
    const names = await frame
      .locator('.toolbar button')
      .evaluateAll((bs) => bs.map((b) => [b.getAttribute('aria-label'), (b as HTMLButtonElement).tabIndex]));
    assert.deepEqual(names, [
      ['Bold', 0],
      ['Italic', -1],
      ['Strikethrough', -1],
      ['Underline', -1],
    ]);
    // The wrap went through the textarea's undo stack.
    await message.press('Control+z');
    assert.equal(await message.inputValue(), `${STYLED} now`);
    await message.fill(STYLED);
  });

  it('stays responsive with a 10 KB message (render time per keystroke is logged)', async () => {
    const message = frame.locator('#message');
    const before = await message.inputValue();
    const line = 'The deploy **finished** in _42 s_; ~~old~~ __new__ flags: snake_case_name, a*b*c, 2 * 3.\n';
    await message.fill(line.repeat(Math.ceil(10_000 / line.length)).slice(0, 10_000));
    await message.press('End');
    const times: number[] = [];
    for (const ch of 'responsive') {
      const renders = Number(await frame.locator('#bubble').getAttribute('data-renders'));
      await message.press(ch);
      await frame.waitForFunction((n) => Number(document.getElementById('bubble')!.dataset.renders) > n, renders);
      times.push(Number(await frame.locator('#bubble').getAttribute('data-render-ms')));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const max = times[times.length - 1]!;
    console.log(
      `      10 KB message: preview render per keystroke median ${median.toFixed(2)} ms, max ${max.toFixed(2)} ms (${times.length} keystrokes; frame budget 16.7 ms)`,
    );
    // The median: a single keystroke can stall when the (shared, 2-core) machine is busy.
    assert.ok(median < 50, `the median keystroke took ${median} ms to render`);
    const typed = (await message.inputValue()).length;
    assert.ok(typed > 10_000);
    await frame.locator('#counts', { hasText: `${typed} characters` }).waitFor();
    await message.fill(before);
    await frame.locator('#bubble', { hasText: 'bold italic strike underline' }).waitFor();
  });

  it('shows the SMS fallback text, attachments as chips, and saves light and dark screenshots', async () => {
    await openDetails(frame);
    await frame.locator('#attachment-input').fill('https://example.com/build-report.pdf');
    await frame.locator('#attachment-input').press('Enter');
    await frame.locator('#chips li', { hasText: 'build-report.pdf' }).waitFor();
    await frame.locator('#fallback-unsupported').check();

    await frame.locator('#view-toggle').click();
    assert.equal(await frame.locator('#view-toggle').getAttribute('aria-pressed'), 'true');
    assert.equal(await frame.locator('#bubble').innerText(), STYLED, 'an SMS carries the text as typed');
    await frame.locator('#view-toggle').press('Enter');
    await frame.locator('#bubble b').waitFor();

    await frame.locator('#message').focus();
    await session.wb.page.screenshot({ path: docsScreenshotPath('compose-dark.png') });
    await setColorTheme(session.wb.page, 'Light Modern', frame);
    await session.wb.page.screenshot({ path: docsScreenshotPath('compose-light.png') });
  });

  it('sends with Ctrl+Enter; the result is announced in the panel and the message is cleared', async () => {
    await frame.locator('#message').press('Control+Enter');
    const result = frame.locator('#result');
    await result.filter({ hasText: `Sent to ${TO}` }).waitFor({ timeout: 30_000 });
    assert.equal(await result.getAttribute('aria-live'), 'polite');
    const text = await result.innerText();
    assert.match(text, /Message id \S+/);
    assert.match(text, /API v2026\.8\.2/);
    assert.equal(sends().length, 1);
    assert.deepEqual(sends()[0]!.body, {
      to: TO,
      from: null,
      message: STYLED,
      attachments: ['https://example.com/build-report.pdf'],
      fallback: { when: ['imessage_unsupported'] },
    });
    assert.equal(await frame.locator('#message').inputValue(), '');
    assert.equal(await frame.locator('#to').inputValue(), 'Alex', 'the recipient stays for a follow-up');
  });

  it('a failed send marks the field and keeps the draft', async () => {
    await frame.locator('#to').fill('not a number');
    await frame.locator('#message').fill('kept after failure');
    await frame.locator('#send').click();
    await frame.locator('#to-error', { hasText: /To .*not a phone number/ }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#to').getAttribute('aria-invalid'), 'true');
    await frame.locator('#result', { hasText: 'Nothing was sent; your draft is kept' }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#message').inputValue(), 'kept after failure');
    assert.equal(sends().length, 1);
  });

  it('the draft survives a window reload right after typing (the panel is revived)', async () => {
    // The last edits reach the page state at once but the extension host not yet, as on a busy
    // machine (CI once lost them so): the host is paused from before the typing until the reload.
    const resume = pauseExtensionHost(session.wb);
    try {
      await frame.locator('#to').fill('Alex');
      await frame.locator('#message').fill('Draft **after** reload');
      // As a user reloads: the workbench shuts down in order (state saved), then loads again.
      await runCommand(session.wb.page, 'Developer: Reload Window', 30_000);
      await session.wb.page.waitForEvent('load', { timeout: 60_000 });
    } finally {
      resume();
    }
    await session.wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    frame = await waitForWebview(session.wb.page, '#message', 60_000);
    await frame.waitForFunction(() => !document.getElementById('form')!.inert, undefined, { timeout: 30_000 });
    assert.equal(await frame.locator('#message').inputValue(), 'Draft **after** reload');
    assert.equal(await frame.locator('#to').inputValue(), 'Alex');
    await frame.locator('#bubble b', { hasText: 'after' }).waitFor();
  });
});
