// The conversation as the panel's page receives it: only what it draws, with the status line
// under the last sent message written out. Pure, so it is unit-tested without a host.
import type { Bubble, DeliveryState } from '../../../core/conversation/thread';
import type { ThreadView as ServiceView } from '../../services/conversations';
import type { BubbleView, ThreadView } from '../../../shared/compose';

const STATUS: Record<DeliveryState, string> = {
  pending: 'Sending…',
  sent: 'Sent',
  delayed: 'Delayed: not delivered yet',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

export function pageThread(view: ServiceView | undefined, title: string, time: (at: number) => string = clock): ThreadView {
  const bubbles = view?.thread.bubbles ?? [];
  const lastOut = bubbles.filter((b) => b.direction === 'out').at(-1);
  const page: ThreadView = { title, bubbles: bubbles.map(bubbleView), unread: view?.thread.unread ?? 0, loading: !view?.updatedAt };
  if (lastOut) page.status = lastOut.state === 'read' && lastOut.readAt ? `Read ${time(lastOut.readAt)}` : STATUS[lastOut.state];
  if (view?.offline) page.offline = view.offline;
  if (view?.error) page.error = view.error;
  return page;
}

function bubbleView(b: Bubble): BubbleView {
  const view: BubbleView = {
    key: b.key,
    direction: b.direction,
    text: b.text,
    attachments: b.attachments,
    at: b.at,
    state: b.state,
    tapbacks: b.tapbacks.map((t) => ({ reaction: t.reaction, mine: t.mine })),
  };
  if (b.error) view.error = b.error;
  return view;
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
