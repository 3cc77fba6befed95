// Offline as a state in a real host (issue 23 §5): with the sandbox's port closed, watched
// conversations (the panel and the Conversations view) say "offline" once, in the log and on each
// surface, ask no more than once per thread while it lasts, and when the port opens again they
// update by themselves (the connectivity probe, not a poll's backoff, brings them back).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import { OFFLINE_POLL_MS } from '../../src/core/conversation/polling';
import { PROBE } from '../../src/core/connectivity';
import type { IMessageApi } from '../../src/extension/api';
import type { ComposeHandle } from '../../src/extension/features/compose/panel';
import type { ThreadView } from '../../src/shared/compose';
import { apiDown } from './api-down';
import { readOutputLog } from './output-log';
import { until } from './until';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const OURS = '+15550000001';
// Numbers no other suite reads: the conversations service remembers the threads it read.
const ON_SCREEN = '+14155550171';
const IN_VIEW = ['+14155550172', '+14155550173'];
const count = (text: string, line: string) => text.split(line).length - 1;
const OFFLINE_LINE = 'Offline: the API cannot be reached';
const ONLINE_LINE = 'Online again: the API answers';

interface ViewState {
  items: vscode.TreeItem[];
  message?: string;
}

describe('offline (real host, sandbox down)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: IMessageApi;
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const realFetch = globalThis.fetch;
  /** Every history request the host tried, answered or refused: with the port closed the sandbox records none. */
  const historyTries: { at: number; url: string }[] = [];

  before(async () => {
    sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('from', OURS, vscode.ConfigurationTarget.Global);
    api = (await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate())!;
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    // Counts, and passes every call through unchanged.
    globalThis.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      // Thread histories and message lookups (the number a thread is on): what conversations ask.
      if (url.startsWith(`${sandbox.url}/conversations/history/`)) historyTries.push({ at: Date.now(), url });
      return realFetch(input, init);
    };
  });

  after(async () => {
    globalThis.fetch = realFetch;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await sandbox.outage({ kind: 'up' });
    for (const key of ['api.baseUrl', 'from']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
  });

  it('a watched conversation says offline once, asks at most once per thread while down, and updates by itself when the API is back', async () => {
    sandbox.receive({ from: ON_SCREEN, to: OURS, message: 'before the outage' });
    for (const to of IN_VIEW) await api.history({ to }); // the view lists the threads read
    const handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.openConversation', { to: ON_SCREEN }))!;
    const threads: ThreadView[] = [];
    const posted = handle.onDidPost((m) => m.type === 'thread' && m.thread && threads.push(m.thread));
    try {
      await handle.whenReady();
      await until('the thread shown', () => threads.at(-1)?.bubbles.some((b) => b.text === 'before the outage'));
      const logBefore = (await readOutputLog(() => true)).length;

      await apiDown(sandbox);
      // The view shown watches its newest threads, and Refresh asks each thread it lists now; the
      // view lists them once its items have loaded, so ask until it says why they are not updated.
      await vscode.commands.executeCommand('imessage.conversations.focus');
      const refreshed = await until('the view says offline', async () => {
        const state = (await vscode.commands.executeCommand<ViewState>('imessage.refreshConversations'))!;
        return state.message && state.items.length >= 3 ? state : undefined;
      });
      assert.equal(refreshed.message?.match(/Offline/g)?.length, 1, `one notice for the view, not one per thread: ${refreshed.message}`);
      // Threads other suites left failing may still say why; none of these does: they are offline.
      for (const to of [ON_SCREEN, ...IN_VIEW]) assert.ok(!refreshed.message?.includes(to), `${to} in ${refreshed.message}`);
      const page = await until('the panel says offline', () => (threads.at(-1)?.offline ? threads.at(-1) : undefined));
      assert.equal(page.error, undefined, 'the notice instead of the error');
      assert.ok(
        page.bubbles.some((b) => b.text === 'before the outage'),
        'the thread keeps what was shown',
      );

      // Two of the panel's intervals (4 s): every thread has failed once and now waits its offline
      // backoff (45 s or more); the probe (a TCP connect, not a request) watches for the network.
      const quietFrom = Date.now();
      await new Promise((r) => setTimeout(r, 8_000));
      const during = historyTries.filter((t) => t.at >= quietFrom);
      const perThread = new Map<string, number>();
      for (const t of during) perThread.set(t.url, (perThread.get(t.url) ?? 0) + 1);
      for (const [url, n] of perThread) assert.ok(n <= 1, `${n} requests for ${url} in 8 s offline`);
      const offlineLog = (await readOutputLog(() => true)).slice(logBefore);
      assert.equal(count(offlineLog, OFFLINE_LINE), 1, `one "offline" line:\n${offlineLog}`);
      assert.doesNotMatch(offlineLog, /✗ NetworkError/, 'no error line per failed poll');
      const turnedOffline = threads.filter((t, i) => t.offline && !threads[i - 1]?.offline).length;
      assert.equal(turnedOffline, 1, 'the panel turned offline once');

      // A reply written while the API is down shows once it is back, without anyone asking.
      sandbox.receive({ from: ON_SCREEN, to: OURS, message: 'after the outage' });
      const back = Date.now();
      await sandbox.outage({ kind: 'up' });
      const shown = await until(
        'the reply in the panel',
        () => threads.at(-1)?.bubbles.some((b) => b.text === 'after the outage') && threads.at(-1),
        PROBE.everyMs + 10_000,
      );
      const tookMs = Date.now() - back;
      assert.ok(tookMs < 0.75 * OFFLINE_POLL_MS, `back by the probe in ${tookMs} ms, not by a poll's backoff`);
      assert.equal(shown.offline, undefined, 'the notice cleared');
      const afterLog = await readOutputLog((t) => count(t.slice(logBefore), ONLINE_LINE) > 0, 10_000);
      assert.equal(count(afterLog.slice(logBefore), ONLINE_LINE), 1);
      assert.equal(count(afterLog.slice(logBefore), OFFLINE_LINE), 1);
      const cleared = (await vscode.commands.executeCommand<ViewState>('imessage.refreshConversations'))!;
      assert.doesNotMatch(cleared.message ?? '', /Offline/, 'the notice cleared from the view');
      console.log(`      API back → reply shown in ${tookMs} ms; ${during.length} history requests tried in 8 s offline`);
    } finally {
      posted.dispose();
    }
  });
});
