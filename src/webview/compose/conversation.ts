// The conversation in the middle of the compose page, above the draft: bubbles both ways (text rendered by the one
// formatting engine), the delivery line under the last sent message, tapbacks, and a way to react.
// From the keyboard the list is one tab stop (arrows move between messages) and a message's tapback
// row is a toolbar; every re-render keeps the focus where it was and announces only new replies.
import type { BubbleView, ThreadView, WebviewMessage } from '../../shared/compose';
import { attachmentName, previewModel } from './preview';
import { revealText } from '../../core/untrusted-text';
import { announcement, NewMessages } from './new-messages';
import { roving } from './roving';

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
  /** The page's one level-one heading: whom the panel talks to. */
  heading: HTMLElement;
  /** A polite live region: one announcement per reply that arrives. */
  announcer: HTMLElement;
  title: HTMLElement;
  unread: HTMLElement;
  error: HTMLElement;
  list: HTMLElement;
}

const newMessages = new NewMessages();
/** The message the user moved to last; until then (or once it is gone) the newest is the list's tab stop. */
let chosen: string | undefined;

export function renderConversation(el: ConversationElements, thread: ThreadView | null, post: (m: WebviewMessage) => void) {
  el.section.hidden = thread === null;
  const arrived = newMessages.arrived(thread);
  setText(el.heading, thread ? `Conversation with ${thread.title}` : 'New iMessage');
  // The title sits in the header, outside the section: plain compose has none.
  setText(el.title, thread?.title ?? '');
  setText(el.unread, thread?.unread ? `${thread.unread} unread` : '');
  if (!thread) return;
  // A status region: the same error set again on every poll would be read again.
  setText(el.error, thread.offline ?? (thread.error ? `Could not update the conversation: ${thread.error}` : ''));
  const focus = focusedIn(el.list);
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
  const messages = [...el.list.querySelectorAll<HTMLElement>('.msg')];
  const stop = messages.find((m) => m.dataset.key === chosen) ?? messages.at(-1);
  if (stop) roving(messages, stop);
  if (focus) restoreFocus(el.list, focus);
  if (arrived.length) {
    const shown = arrived.map((b) => ({
      text: el.list.querySelector(`.msg[data-key="${CSS.escape(b.key)}"] .bubble`)?.textContent ?? '',
      attachments: b.attachments.length,
    }));
    el.announcer.textContent = announcement(thread.title, shown);
  }
}

function setText(node: HTMLElement, text: string) {
  if (node.textContent !== text) node.textContent = text;
}

/** What had the focus in the list before a render replaced it: a message, or one of its tapbacks. */
function focusedIn(list: HTMLElement): { key: string; tapback?: string } | undefined {
  const active = document.activeElement as HTMLElement | null;
  const message = active && list.contains(active) ? active.closest<HTMLElement>('.msg') : null;
  if (!message?.dataset.key) return undefined;
  return { key: message.dataset.key, tapback: active!.dataset.tapback };
}

function restoreFocus(list: HTMLElement, focus: { key: string; tapback?: string }) {
  const message = list.querySelector<HTMLElement>(`.msg[data-key="${CSS.escape(focus.key)}"]`);
  const tapback = focus.tapback && message?.querySelector<HTMLButtonElement>(`.tapback-button[data-tapback="${focus.tapback}"]`);
  if (tapback) {
    roving(tapbackButtons(message!), tapback);
    // The row shows only on hover or focus within, and a hidden button takes no focus: open it for the move.
    message!.classList.add('open');
    tapback.focus();
    message!.classList.remove('open');
  } else message?.focus();
}

const tapbackButtons = (message: HTMLElement) => [...message.querySelectorAll<HTMLButtonElement>('.tapback-button')];

/**
 * The list's keys: Up, Down, Home and End move between messages; Enter or Space on a message goes
 * to its tapbacks (the one given, or the first); Escape there comes back to the message.
 */
export function wireConversationKeys(list: HTMLElement) {
  list.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    const message = target.closest<HTMLElement>('.msg');
    if (!message) return;
    if (target === message) {
      const messages = [...list.querySelectorAll<HTMLElement>('.msg')];
      const i = messages.indexOf(message);
      const to = { ArrowUp: i - 1, ArrowDown: i + 1, Home: 0, End: messages.length - 1 }[e.key];
      if (to !== undefined) {
        e.preventDefault();
        const next = messages[Math.max(0, Math.min(messages.length - 1, to))]!;
        roving(messages, next).focus();
      } else if (e.key === 'Enter' || e.key === ' ') {
        const buttons = tapbackButtons(message);
        if (!buttons.length) return;
        e.preventDefault();
        (buttons.find((b) => b.tabIndex === 0) ?? buttons[0]!).focus();
      }
    } else if (target.classList.contains('tapback-button') && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      message.focus();
    }
  });
  list.addEventListener('focusin', (e) => {
    const message = (e.target as HTMLElement).closest<HTMLElement>('.msg');
    if (message?.dataset.key) chosen = message.dataset.key;
  });
}

function note(text: string): HTMLElement {
  return Object.assign(document.createElement('li'), { className: 'note', textContent: text });
}

function bubble(b: BubbleView, post: (m: WebviewMessage) => void): HTMLElement {
  const item = document.createElement('li');
  item.className = `msg ${b.direction} state-${b.state}`;
  item.dataset.key = b.key;
  item.dataset.state = b.state;
  // Focusable (one message at a time is the list's tab stop), so the tapback row, shown on hover or
  // focus, is reachable from the keyboard.
  item.tabIndex = -1;
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

/** A toolbar of the six tapbacks (one tab stop, arrows between them); the one already given by us takes it off again. */
function reactions(b: BubbleView, post: (m: WebviewMessage) => void): HTMLElement {
  const row = Object.assign(document.createElement('div'), { className: 'react' });
  row.setAttribute('role', 'toolbar');
  row.setAttribute('aria-label', 'Tapback');
  const mine = b.tapbacks.find((t) => t.mine)?.reaction;
  const buttons = Object.entries(TAPBACK_LABELS).map(([tapback, emoji]) => {
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'tapback-button',
      textContent: emoji,
      title: mine === tapback ? `Remove ${tapback}` : tapback,
    });
    button.dataset.tapback = tapback;
    button.setAttribute('aria-label', tapback);
    button.setAttribute('aria-pressed', String(mine === tapback));
    button.addEventListener('click', () =>
      post({ type: 'react', bubble: b.key, tapback: tapback as 'love', action: mine === tapback ? 'remove' : 'add' }),
    );
    return button;
  });
  roving(buttons, buttons.find((x) => x.dataset.tapback === mine) ?? buttons[0]!, true);
  row.append(...buttons);
  return row;
}
