// Which incoming messages a render brings for the first time, so a screen reader hears each reply
// once: the thread is re-rendered on every poll, tapback and send, and a live region over the whole
// list would read it again each time. Pure, so it is unit-tested without a page.
import type { BubbleView, ThreadView } from '../../shared/compose';

export class NewMessages {
  private thread: string | undefined;
  private seen = new Set<string>();

  /**
   * The incoming bubbles not in the previous render of the same thread. The first render of a thread
   * (opening it, switching recipient, the history arriving) is what was already there: none is new.
   */
  arrived(view: ThreadView | null): BubbleView[] {
    if (!view || view.loading) {
      this.thread = undefined;
      return [];
    }
    const known = this.thread === view.title ? this.seen : undefined;
    this.thread = view.title;
    this.seen = new Set(view.bubbles.map((b) => b.key));
    return known ? view.bubbles.filter((b) => b.direction === 'in' && !known.has(b.key)) : [];
  }
}

/** Long enough to know what it says, short enough not to hold up the reader. */
const MAX_SPOKEN = 140;

/** One short announcement for what arrived: the message itself, or how many. `text` is as shown (no markers). */
export function announcement(from: string, arrived: { text: string; attachments: number }[]): string {
  if (arrived.length === 0) return '';
  if (arrived.length > 1) return `${arrived.length} new messages from ${from}`;
  const { text, attachments } = arrived[0]!;
  const said = text.trim().replace(/\s+/g, ' ');
  const spoken = said.length > MAX_SPOKEN ? `${said.slice(0, MAX_SPOKEN - 1)}…` : said;
  const files = attachments === 1 ? '1 attachment' : `${attachments} attachments`;
  if (!spoken) return `New message from ${from}: ${files}`;
  return `New message from ${from}: ${spoken}${attachments ? ` (${files})` : ''}`;
}
