// The conversation on top of the compose page: bubbles both ways (text rendered by the one
// formatting engine), the delivery line under the last sent message, tapbacks, and a way to react.
import type { BubbleView, ThreadView, WebviewMessage } from '../../shared/compose';
import { attachmentName, previewModel } from './preview';
import { revealText } from '../../core/untrusted-text';

export const TAPBACK_LABELS: Record<string, string> = {
  love: '❤️',
  like: '👍',
  dislike: '👎',
  laugh: '😂',
  emphasize: '‼️',
  question: '❓',
};

const STATE_LABELS: Partial<Record<BubbleView['state'], string>> = { pending: 'Sending…', failed: 'Not delivered', delayed: 'Delayed' };

export interface ConversationElements {
  section: HTMLElement;
  title: HTMLElement;
  unread: HTMLElement;
  error: HTMLElement;
  list: HTMLElement;
}

export function renderConversation(el: ConversationElements, thread: ThreadView | null, post: (m: WebviewMessage) => void) {
  el.section.hidden = thread === null;
  if (!thread) return;
  const atBottom = el.list.scrollHeight - el.list.scrollTop - el.list.clientHeight < 24;
  el.title.textContent = thread.title;
  el.unread.textContent = thread.unread ? `${thread.unread} unread` : '';
  el.error.textContent = thread.error ? `Could not update the conversation: ${thread.error}` : '';
  const items: HTMLElement[] = [];
  if (thread.bubbles.length === 0) {
    items.push(note(thread.loading ? 'Loading the conversation…' : 'No messages yet. Your first message starts the conversation.'));
  }
  const lastOut = thread.bubbles.map((b) => b.direction).lastIndexOf('out');
  thread.bubbles.forEach((b, i) => {
    items.push(bubble(b, post));
    if (i === lastOut && thread.status) items.push(Object.assign(note(thread.status), { className: 'delivery', id: 'delivery' }));
  });
  el.list.replaceChildren(...items);
  el.list.dataset.bubbles = String(thread.bubbles.length);
  // Follow new messages unless the user scrolled up to read older ones.
  if (atBottom) el.list.scrollTop = el.list.scrollHeight;
}

function note(text: string): HTMLElement {
  return Object.assign(document.createElement('li'), { className: 'note', textContent: text });
}

function bubble(b: BubbleView, post: (m: WebviewMessage) => void): HTMLElement {
  const item = document.createElement('li');
  item.className = `msg ${b.direction} state-${b.state}`;
  item.dataset.key = b.key;
  item.dataset.state = b.state;
  // Focusable, so the tapback row (shown on hover or focus) is reachable from the keyboard.
  item.tabIndex = 0;
  const body = document.createElement('div');
  body.className = `bubble ${b.direction === 'out' ? 'imessage' : 'incoming'}`;
  body.title = new Date(b.at).toLocaleString();
  // Each bubble is its own direction island (dir=auto isolates it), and a character that would
  // reorder the text inside it is shown as a mark: `invoice_⟨RLO⟩gnp.exe`, never "…exe.png".
  body.dir = 'auto';
  // The engine escapes the text; its only tags are b, i, s, u and br.
  if (b.text) body.innerHTML = previewModel(revealText(b.text)).html;
  item.append(body);
  if (b.attachments.length) {
    const chips = Object.assign(document.createElement('ul'), { className: 'chips' });
    chips.append(
      ...b.attachments.map((url) =>
        Object.assign(document.createElement('li'), {
          className: 'chip',
          textContent: revealText(attachmentName(url)),
          title: revealText(url),
        }),
      ),
    );
    item.append(chips);
  }
  if (b.tapbacks.length) {
    const tapbacks = Object.assign(document.createElement('div'), { className: 'tapbacks' });
    tapbacks.setAttribute('aria-label', `Tapbacks: ${b.tapbacks.map((t) => `${t.reaction}${t.mine ? ' (you)' : ''}`).join(', ')}`);
    tapbacks.append(
      ...b.tapbacks.map((t) =>
        Object.assign(document.createElement('span'), {
          className: `tapback${t.mine ? ' mine' : ''}`,
          textContent: TAPBACK_LABELS[t.reaction] ?? revealText(t.reaction),
          title: revealText(t.reaction),
        }),
      ),
    );
    item.append(tapbacks);
  }
  const label = STATE_LABELS[b.state];
  if (label) {
    item.append(
      Object.assign(document.createElement('div'), {
        className: 'state',
        textContent: b.error ? `${label}: ${revealText(b.error)}` : label,
      }),
    );
  }
  if (b.text && b.state !== 'pending' && (b.state !== 'failed' || b.direction === 'in')) item.append(reactions(b, post));
  return item;
}

/** A row of the six tapbacks; the one already given by us takes it off again. */
function reactions(b: BubbleView, post: (m: WebviewMessage) => void): HTMLElement {
  const row = Object.assign(document.createElement('div'), { className: 'react' });
  row.setAttribute('role', 'group');
  row.setAttribute('aria-label', 'React');
  const mine = b.tapbacks.find((t) => t.mine)?.reaction;
  for (const [tapback, emoji] of Object.entries(TAPBACK_LABELS)) {
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'tapback-button',
      textContent: emoji,
      title: tapback,
    });
    button.dataset.tapback = tapback;
    button.setAttribute('aria-pressed', String(mine === tapback));
    button.addEventListener('click', () =>
      post({ type: 'react', bubble: b.key, tapback: tapback as 'love', action: mine === tapback ? 'remove' : 'add' }),
    );
    row.append(button);
  }
  return row;
}
