// Conversations in a real extension host against the sandbox: the thread on top of the compose
// panel (real webview), the Conversations view's items, the public API, and the requests the
// sandbox records (polls only while visible, read receipts, tapbacks, typing, availability).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { type Sandbox, startSandbox } from '../../sandbox';
import type { ComposeHandle } from '../../src/extension/features/compose/panel';
import type { IMessageApi } from '../../src/extension/api';
import type { ReceivedMessage } from '../../src/extension/services/conversations';
import { answerPromptsForTests, type PromptRequest } from '../../src/extension/ui/prompts';
import { EMPTY_DRAFT, type HostMessage, type ThreadView } from '../../src/shared/compose';
import { until } from './until';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
// Not the number other suites write to: the conversations service remembers the threads it read.
const TO = '+14155550142';
const OURS = '+15550000001';
const NEW_NUMBER = '+14155550199';
/** Each test that needs a thread of its own gets one of these (the service remembers threads it read). */
const OWN = { markRead: '+14155550161', tapback: '+14155550162', send: '+14155550163', failedRead: '+14155550164', hidden: '+14155550165' };

/** What `imessage.refreshConversations` answers: the view's items, message and badge. */
interface ViewState {
  items: vscode.TreeItem[];
  message?: string;
  badge: number;
}

describe('conversations (real host, sandbox)', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let api: IMessageApi;
  let handle: ComposeHandle | undefined;
  const threads: ThreadView[] = [];
  let postSubscription: vscode.Disposable | undefined;
  const received: ReceivedMessage[] = [];
  let receiveSubscription: vscode.Disposable;
  const settings = () => vscode.workspace.getConfiguration('imessage');
  const historyRequests = () => sandbox.requests.filter((r) => r.path.startsWith('/conversations/history/imessage/'));
  const posts = (path: string) => sandbox.requests.filter((r) => r.method === 'POST' && r.path === path);
  const lastThread = () => threads.at(-1);
  const bubbleWith = (text: string) => lastThread()?.bubbles.find((b) => b.text === text);

  async function open(to: string): Promise<ComposeHandle> {
    handle = (await vscode.commands.executeCommand<ComposeHandle>('imessage.openConversation', { to }))!;
    postSubscription?.dispose();
    postSubscription = handle.onDidPost((m) => {
      if (m.type === 'thread' && m.thread) threads.push(m.thread);
    });
    await handle.whenReady();
    return handle;
  }

  /** Sends from the open panel as the page would, and resolves with the result it shows. */
  async function sendFromPanel(to: string, message: string) {
    const result = new Promise<Extract<HostMessage, { type: 'result' }>>((resolve) => {
      const s = handle!.onDidPost((m) => {
        if (m.type === 'result') {
          s.dispose();
          resolve(m);
        }
      });
    });
    await handle!.receive({ type: 'send', draft: { ...EMPTY_DRAFT, to, from: OURS, message } });
    return (await result).result;
  }

  before(async () => {
    sandbox = await startSandbox({ pacing: false });
    await settings().update('api.baseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await settings().update('contacts', { Ana: TO }, vscode.ConfigurationTarget.Global);
    api = (await vscode.extensions.getExtension<IMessageApi>(EXTENSION_ID)!.activate())!;
    await vscode.commands.executeCommand('imessage.setToken', sandbox.token);
    receiveSubscription = api.onDidReceive((m) => received.push(m));
  });

  // Every test starts from the same place: nothing open, nothing recorded, sending from OURS.
  beforeEach(async () => {
    received.length = 0;
    threads.length = 0;
    sandbox.reset();
    await settings().update('from', OURS, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    postSubscription?.dispose();
    postSubscription = undefined;
    handle = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Opens the conversation with `to` and waits until its thread is shown (read, not loading). */
  async function openThread(to: string) {
    await open(to);
    return until('the thread shown', () => lastThread() && !lastThread()!.loading && lastThread());
  }

  after(async () => {
    receiveSubscription.dispose();
    for (const key of ['api.baseUrl', 'contacts', 'from', 'conversations.markRead']) {
      await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await sandbox.close();
  });

  it('reads no history while no conversation is visible', async () => {
    // The compose panel of earlier suites may be open: close every editor so nothing is visible.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const window = 2 * 4_000 + 1_000;
    await new Promise((r) => setTimeout(r, window));
    assert.equal(historyRequests().length, 0, `history requests in ${window} ms with no conversation visible`);
  });

  it('shows the thread with a contact on top of the panel; a reply appears once and fires onDidReceive once', async () => {
    sandbox.receive({ from: TO, to: OURS, message: 'an **old** message' });
    await open('Ana');
    const first = await until('the old message in the panel', () => bubbleWith('an **old** message') && lastThread());
    assert.equal(first.title, `Ana (${TO})`);
    assert.equal(handle!.panel.title, 'Ana · iMessage', 'the tab names the person');
    assert.equal(received.length, 0, 'messages there before the first poll are not arrivals');

    sandbox.receive({ from: TO, to: OURS, message: 'a _new_ reply' });
    const reply = await until('the reply in the panel', () => bubbleWith('a _new_ reply'));
    assert.equal(reply.direction, 'in');
    const polls = historyRequests().length;
    // Two more polls: repeated answers must not add a bubble or another arrival.
    await until('two more polls', () => historyRequests().length >= polls + 2);
    await until('the thread posted after those polls', () => lastThread());
    assert.equal(lastThread()!.bubbles.filter((b) => b.text === 'a _new_ reply').length, 1, 'one bubble per message');
    assert.deepEqual(
      received.map((m) => [m.to, m.from, m.bubble.text]),
      [[TO, OURS, 'a _new_ reply']],
    );

    const { items } = (await vscode.commands.executeCommand<ViewState>('imessage.refreshConversations'))!;
    const ana = items.find((i) => i.label === 'Ana');
    assert.ok(ana, `the view lists the thread by contact name: ${JSON.stringify(items?.map((i) => i.label))}`);
    assert.match(String(ana.description), /a _new_ reply/);
  });

  it('marks unread messages read when they are on screen, and not when the setting is off', async () => {
    const to = OWN.markRead;
    sandbox.receive({ from: to, to: OURS, message: 'unread at first' });
    await open(to);
    await until('a read receipt for what the panel showed', () => posts('/send/imessage/read').length > 0);
    assert.deepEqual(posts('/send/imessage/read')[0]!.body, { to, from: OURS });
    await until('the person sees their messages read', () => sandbox.inbound.every((m) => m.read !== null));

    await settings().update('conversations.markRead', false, vscode.ConfigurationTarget.Global);
    try {
      const before = posts('/send/imessage/read').length;
      sandbox.receive({ from: to, to: OURS, message: 'read me?' });
      await until('the new message', () => bubbleWith('read me?'));
      const polls = historyRequests().length;
      await until('two more polls', () => historyRequests().length >= polls + 2);
      assert.equal(posts('/send/imessage/read').length, before, 'no read receipt with imessage.conversations.markRead off');
      assert.equal(lastThread()!.unread, 1);
    } finally {
      await settings().update('conversations.markRead', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sends a tapback that reaches the sandbox and shows on the bubble', async () => {
    const to = OWN.tapback;
    sandbox.receive({ from: to, to: OURS, message: 'a _new_ reply' });
    await open(to);
    const target = await until('the reply', () => bubbleWith('a _new_ reply'));
    await handle!.receive({ type: 'react', bubble: target.key, tapback: 'love', action: 'add' });
    assert.deepEqual(posts('/send/imessage/reactions').at(-1)!.body, {
      to,
      from: OURS,
      action: 'add',
      tapback: 'love',
      message: 'a _new_ reply',
    });
    assert.ok(sandbox.reactions.some((r) => r.by === OURS && r.reaction === 'love' && r.on === 'a _new_ reply'));
    await until('our tapback on the bubble', () => bubbleWith('a _new_ reply')?.tapbacks.some((t) => t.reaction === 'love' && t.mine));
  });

  it('a send joins the thread at once and goes from sent to delivered to read; typing starts and stops', async () => {
    const to = OWN.send;
    sandbox.receive({ from: to, to: OURS, message: 'where are you?' });
    await openThread(to);
    await handle!.receive({ type: 'typing', active: true });
    await until('typing start', () => posts('/send/imessage/typing').some((r) => (r.body as { action: string }).action === 'start'));
    await handle!.receive({ type: 'send', draft: { ...EMPTY_DRAFT, to, from: OURS, message: 'on my **way**' } });
    // The stop waits its turn in the number's pacing, which the send may have taken first.
    await until('sending ends the typing indicator', () =>
      posts('/send/imessage/typing').some((r) => (r.body as { action: string }).action === 'stop'),
    );
    const mine = await until('the sent bubble', () => bubbleWith('on my **way**'));
    assert.equal(mine.direction, 'out');
    await until('Delivered under the last sent message', () => lastThread()?.status === 'Delivered');
    sandbox.markRead({ from: to, to: OURS });
    await until('Read under the last sent message', () => /^Read/.test(lastThread()?.status ?? ''));
    assert.equal(
      lastThread()!.bubbles.filter((b) => b.text === 'on my **way**').length,
      1,
      'the local send and the API message are one bubble',
    );
  });

  it('a failed history call keeps the thread shown and says why; the next poll recovers', async () => {
    sandbox.receive({ from: OWN.failedRead, to: OURS, message: 'shown before the failure' });
    await open(OWN.failedRead);
    await until('the message', () => bubbleWith('shown before the failure'));
    const shown = lastThread()!.bubbles.length;
    sandbox.inject({ kind: 'error500' }, { times: 1, path: '/conversations/history/imessage/' });
    const failed = await until('the error on the thread', () => (lastThread()?.error ? lastThread() : undefined));
    assert.match(failed.error!, /HTTP 500/);
    assert.match(failed.error!, /reading again is safe/);
    assert.equal(failed.bubbles.length, shown, 'what was shown is kept');
    await until('the error cleared by a later poll', () => lastThread() && !lastThread()!.error, 40_000);
  });

  it('stops polling when the panel is hidden', async () => {
    await openThread(OWN.hidden);
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await until('the panel hidden', () => !handle!.panel.visible);
    // A poll already on its way may land; after that, nothing.
    await new Promise((r) => setTimeout(r, 1_000));
    const before = historyRequests().length;
    await new Promise((r) => setTimeout(r, 9_000));
    assert.equal(historyRequests().length, before, 'no history request while the conversation is hidden');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a reply in a thread the view watches (not on screen) notifies with Open; server text carrying the token is redacted everywhere', async () => {
    const asked: PromptRequest[] = [];
    const stop = answerPromptsForTests((request) => {
      asked.push(request);
      return request.actions.includes('Open') ? 'Open' : undefined;
    });
    try {
      const webviewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
      await openThread('Ana'); // the view lists the threads read
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await until('the panel closed', () => webviewTabs().length === 0);
      // The view, shown, watches its newest threads.
      await vscode.commands.executeCommand('imessage.conversations.focus');
      const hostile = `ping ${sandbox.token}`;
      sandbox.receive({ from: TO, to: OURS, message: hostile });
      const { items } = (await vscode.commands.executeCommand<ViewState>('imessage.refreshConversations'))!;
      const ana = items.find((i) => i.label === 'Ana')!;
      assert.match(String(ana.description), /ping/);
      assert.ok(!String(ana.description).includes(sandbox.token), 'the view shows no token');
      const note = await until('the notification', () => asked.find((r) => r.message.startsWith('iMessage from Ana')));
      assert.deepEqual(note.actions, ['Open']);
      assert.ok(!note.message.includes(sandbox.token));
      const arrival = await until('onDidReceive', () => received.find((m) => m.bubble.text.startsWith('ping')));
      assert.ok(!arrival.bubble.text.includes(sandbox.token), 'other extensions get no token');
      // Open: the conversation panel on that thread.
      handle = undefined;
      await until('the conversation opened', () => webviewTabs().length === 1);
    } finally {
      stop();
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });

  it('the view counts unread replies in its badge; a failed read says why in its message and keeps the threads', async () => {
    const refresh = async () => (await vscode.commands.executeCommand<ViewState>('imessage.refreshConversations'))!;
    try {
      await openThread('Ana'); // the view lists the threads read
      // No panel on screen: nothing marks the reply read.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('imessage.conversations.focus');
      sandbox.receive({ from: TO, to: OURS, message: 'still unread' });
      const unread = await until('the badge', async () => {
        const state = await refresh();
        return state.badge >= 1 && state;
      });
      const ana = () => unread.items.find((i) => i.label === 'Ana');
      assert.match(String(ana()?.description), /unread · still unread/);
      assert.equal(unread.message, undefined);

      sandbox.inject({ kind: 'error500' }, { times: 1, path: `/conversations/history/imessage/${encodeURIComponent(TO)}` });
      const failed = await refresh();
      assert.match(failed.message ?? '', /^Could not update Ana: .*HTTP 500/);
      const kept = failed.items.find((i) => i.label === 'Ana');
      assert.match(String(kept?.description), /still unread/, 'the thread keeps what was shown');
      assert.equal(failed.badge, unread.badge);

      assert.equal((await refresh()).message, undefined, 'the next good read clears the message');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });

  it('api.history resolves a contact, learns the number Contiguity chose from the message lookup, and honours limit', async () => {
    await settings().update('from', undefined, vscode.ConfigurationTarget.Global);
    await api.send({ to: NEW_NUMBER, message: 'first', from: null });
    await api.send({ to: NEW_NUMBER, message: 'second', from: null });
    sandbox.receive({ from: NEW_NUMBER, to: OURS, message: 'third' });
    const thread = await api.history({ to: NEW_NUMBER, limit: 2 });
    assert.deepEqual(
      thread.bubbles.map((b) => [b.direction, b.text]),
      [
        ['out', 'second'],
        ['in', 'third'],
      ],
    );
    assert.equal(thread.from, OURS);
    assert.ok(
      sandbox.requests.some((r) => r.path.startsWith('/conversations/history/message/')),
      'the from was learned from the message lookup',
    );
    assert.ok(historyRequests().some((r) => r.path.includes(encodeURIComponent(OURS))));
    await assert.rejects(api.history({ to: 'nobody at all' }), /to/);
  });

  it("waits out a 429's Retry-After, and keeps one request per thread in flight", async () => {
    await open('Ana');
    await until('the thread with Ana', () => lastThread()?.title.startsWith('Ana') && !lastThread()!.loading);
    const before = historyRequests().length;
    sandbox.inject({ kind: 'rateLimit', retryAfterSec: 6 }, { times: 1, path: '/conversations/history/imessage/' });
    await until('the 429 on the thread', () => /429/.test(lastThread()?.error ?? ''));
    const limited = historyRequests()[before]!;
    await until('the next poll', () => historyRequests().length > before + 1, 30_000);
    const waited = historyRequests()[before + 1]!.at - limited.at;
    assert.ok(waited >= 6_000, `asked again after ${waited} ms, Retry-After was 6 s`);

    // A slow answer: everyone who asks meanwhile (the poller, three API callers) shares that one request.
    sandbox.inject({ kind: 'delay', ms: 3_000 }, { times: 1, path: '/conversations/history/imessage/' });
    const n = historyRequests().length;
    await until('the slow poll on its way', () => historyRequests().length > n, 30_000);
    const answers = await Promise.all([api.history({ to: 'Ana' }), api.history({ to: 'Ana' }), api.history({ to: TO, from: OURS })]);
    assert.equal(historyRequests().length, n + 1, 'one request in flight per thread');
    assert.ok(answers.every((t) => t.bubbles.length > 0));
  });

  it('before a first message to a number without iMessage, offers SMS fallback', async () => {
    const UNSUPPORTED = '+14155550123';
    sandbox.setMode(UNSUPPORTED, 'no-imessage');
    const asked: PromptRequest[] = [];
    const stop = answerPromptsForTests((request) => {
      asked.push(request);
      return 'Send with SMS Fallback';
    });
    try {
      await open(UNSUPPORTED);
      await until('the empty thread loaded', () => lastThread() && !lastThread()!.loading && lastThread()!.bubbles.length === 0);
      assert.ok((await sendFromPanel(UNSUPPORTED, 'hello by SMS')).ok);
      assert.match(asked[0]?.message ?? '', /does not have iMessage/);
      const send = posts('/send/imessage').at(-1)!;
      assert.deepEqual((send.body as { fallback?: unknown }).fallback, { when: ['imessage_unsupported'] });
      assert.ok(sandbox.requests.some((r) => r.path === `/conversations/availability/imessage/${encodeURIComponent(UNSUPPORTED)}`));
    } finally {
      stop();
    }
  });

  it('checks availability before a first message even when the thread could not be read', async () => {
    const UNREAD = '+14155550124';
    sandbox.setMode(UNREAD, 'no-imessage');
    sandbox.inject({ kind: 'error500' }, { times: 50, path: `/conversations/history/imessage/${encodeURIComponent(UNREAD)}` });
    const asked: PromptRequest[] = [];
    const stop = answerPromptsForTests((request) => {
      asked.push(request);
      return 'Send with SMS Fallback';
    });
    try {
      await open(UNREAD);
      await until('the read error on the thread', () => lastThread()?.error);
      assert.ok((await sendFromPanel(UNREAD, 'first, unread thread')).ok);
      assert.match(asked[0]?.message ?? '', /does not have iMessage/);
      assert.deepEqual((posts('/send/imessage').at(-1)!.body as { fallback?: unknown }).fallback, { when: ['imessage_unsupported'] });
    } finally {
      stop();
      sandbox.reset();
    }
  });
});
