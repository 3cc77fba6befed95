// The inbox page's browser side: the phone of each person the sandbox's numbers text. Bubbles are
// rendered by the extension's formatting engine (bundled in, the same code the compose preview uses);
// everything else is built with textContent, so hostile text never becomes markup.
import { parse, renderHtml } from '../../src/core/format';
import type { InboxMessage, InboxSnapshot, InboxThread } from './snapshot';

const TAPBACK_ICON: Record<string, string> = { love: '❤️', like: '👍', dislike: '👎', laugh: '😂', emphasize: '‼️', question: '❓' };
const MODE_LABEL: Record<string, string> = {
  imessage: 'iMessage',
  'no-imessage': 'No iMessage (SMS fallback)',
  failing: 'iMessage sends fail',
};
const STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = {
  connection: byId('connection'),
  threads: byId<HTMLUListElement>('threads'),
  empty: byId('empty'),
  thread: byId('thread'),
  title: byId('thread-title'),
  mode: byId<HTMLSelectElement>('mode'),
  markRead: byId<HTMLButtonElement>('mark-read'),
  messages: byId<HTMLOListElement>('messages'),
  reply: byId<HTMLFormElement>('reply'),
  replyText: byId<HTMLTextAreaElement>('reply-text'),
  problem: byId('problem'),
};

let state: InboxSnapshot = { numbers: [], modes: {}, threads: [] };
let selected: string | undefined;
/** Replies being typed, per thread: a re-render or a switch of thread never loses one. */
const drafts = new Map<string, string>();

const keyOf = (t: Pick<InboxThread, 'ours' | 'person'>) => `${t.ours} ${t.person}`;
const current = () => state.threads.find((t) => keyOf(t) === selected);

function make<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string } = {}, ...children: Node[]) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

// ---- rendering ------------------------------------------------------------------------------

function render(): void {
  if (selected === undefined || !current()) selected = state.threads[0] && keyOf(state.threads[0]);
  renderThreadList();
  const thread = current();
  el.empty.hidden = thread !== undefined;
  el.thread.hidden = thread === undefined;
  if (thread) renderThread(thread);
}

function renderThreadList(): void {
  el.threads.replaceChildren(
    ...state.threads.map((t) => {
      const last = t.messages.at(-1);
      const unread = t.messages.filter((m) => m.direction === 'out' && m.status === 'delivered').length;
      const button = make(
        'button',
        { className: 'thread-button' },
        make('span', { className: 'person', text: t.person }),
        make('span', { className: 'ours', text: `from ${t.ours}` }),
        make('span', { className: 'preview', text: t.typing ? 'typing…' : last?.text || (last?.attachments.length ? 'Attachment' : '') }),
      );
      if (unread) button.append(make('span', { className: 'unread', text: String(unread) }));
      button.type = 'button';
      button.setAttribute('aria-current', String(keyOf(t) === selected));
      button.addEventListener('click', () => {
        saveDraft();
        selected = keyOf(t);
        render();
        el.replyText.value = drafts.get(selected) ?? '';
      });
      return make('li', {}, button);
    }),
  );
}

function renderThread(t: InboxThread): void {
  el.title.textContent = `${t.person}'s phone · thread with ${t.ours}`;
  el.mode.value = t.mode;
  const list = el.messages;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...t.messages.map((m) => bubble(m)));
  if (t.typing) list.append(make('li', { className: 'row from-us typing' }, make('div', { className: 'bubble', text: '•••' })));
  list.setAttribute('aria-busy', 'false');
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function bubble(m: InboxMessage): HTMLLIElement {
  // The page is the person's phone: what the API sent arrives on the left, their replies go right.
  const row = make('li', { className: `row ${m.direction === 'out' ? 'from-us' : 'from-them'}` });
  row.dataset.id = m.id;
  row.dataset.status = m.status;
  const body = make('div', { className: `bubble${m.channel === 'sms' ? ' sms' : ''}` });
  if (m.text) {
    const text = make('div', { className: 'text' });
    // renderHtml escapes every character of the text; only its own <b>/<i>/<s>/<u>/<br> are markup.
    text.innerHTML = renderHtml(parse(m.text));
    body.append(text);
  }
  for (const url of m.attachments) {
    // The sandbox accepts only https URLs; checked again because this is what becomes a link.
    if (!/^https:\/\//i.test(url)) continue;
    const link = make('a', { className: 'attachment', text: `📎 ${fileName(url)}` });
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    body.append(link);
  }
  if (m.tapbacks.length) {
    body.append(make('span', { className: 'tapbacks', text: m.tapbacks.map((t) => TAPBACK_ICON[t.tapback] ?? '?').join('') }));
    body.title = m.tapbacks.map((t) => `${t.tapback} by ${t.by === 'us' ? 'the API' : 'this phone'}`).join(', ');
  }
  row.append(body);
  const meta = [time(m.timestamp)];
  if (m.direction === 'out') {
    const status = m.read ? `Read ${time(m.read)}` : (STATUS_LABEL[m.status] ?? m.status);
    meta.push(m.channel === 'sms' ? `SMS · ${status}` : status);
  } else if (m.read) meta.push(`Read by the API ${time(m.read)}`);
  row.append(make('div', { className: 'meta', text: meta.join(' · ') }), tapbackPicker(m));
  return row;
}

function fileName(url: string): string {
  const last = url.split(/[?#]/)[0].split('/').pop() || url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function tapbackPicker(m: InboxMessage): HTMLElement {
  const mine = m.tapbacks.find((t) => t.by === 'them')?.tapback;
  const picker = make('div', { className: 'picker' });
  picker.setAttribute('role', 'group');
  picker.setAttribute('aria-label', 'Tapback');
  for (const [name, icon] of Object.entries(TAPBACK_ICON)) {
    const button = make('button', { text: icon });
    button.type = 'button';
    button.title = mine === name ? `Remove ${name}` : name;
    button.setAttribute('aria-label', button.title);
    button.setAttribute('aria-pressed', String(mine === name));
    button.dataset.tapback = name;
    button.addEventListener('click', () => {
      const t = current();
      if (t) {
        void post('reactions', { from: t.person, to: t.ours, action: mine === name ? 'remove' : 'add', tapback: name, message_id: m.id });
      }
    });
    picker.append(button);
  }
  return picker;
}

// ---- actions --------------------------------------------------------------------------------

async function post(route: string, body: unknown): Promise<boolean> {
  el.problem.textContent = '';
  try {
    const res = await fetch(`/__sandbox/${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.ok) return true;
    const envelope = await res.json().catch(() => undefined);
    el.problem.textContent = envelope?.data?.error ?? `The sandbox answered ${res.status}`;
  } catch (err) {
    el.problem.textContent = `The sandbox is not reachable: ${(err as Error).message}`;
  }
  return false;
}

function saveDraft(): void {
  if (selected !== undefined) drafts.set(selected, el.replyText.value);
}

el.reply.addEventListener('submit', async (event) => {
  event.preventDefault();
  const t = current();
  const text = el.replyText.value;
  if (!t || text.trim() === '') return;
  const key = keyOf(t);
  // Cleared only once the sandbox took it: a failed reply stays in the box.
  if (await post('inbound', { from: t.person, to: t.ours, message: text })) {
    drafts.delete(key);
    if (selected === key && el.replyText.value === text) el.replyText.value = '';
  }
});
el.replyText.addEventListener('input', saveDraft);
el.replyText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    el.reply.requestSubmit();
  }
});
el.markRead.addEventListener('click', () => {
  const t = current();
  if (t) void post('read', { from: t.person, to: t.ours });
});
el.mode.addEventListener('change', () => {
  const t = current();
  if (t) void post('mode', { number: t.person, mode: el.mode.value });
});
for (const [value, label] of Object.entries(MODE_LABEL)) {
  const option = make('option', { text: label });
  option.value = value;
  el.mode.append(option);
}

// ---- live updates ---------------------------------------------------------------------------

const events = new EventSource('/__sandbox/events');
events.addEventListener('inbox', (event) => {
  state = JSON.parse((event as MessageEvent<string>).data) as InboxSnapshot;
  el.connection.textContent = 'Live';
  el.connection.dataset.state = 'live';
  render();
});
// EventSource reconnects by itself (the server asks for 1 s); say so meanwhile.
events.addEventListener('error', () => {
  el.connection.textContent = 'Reconnecting…';
  el.connection.dataset.state = 'down';
});
