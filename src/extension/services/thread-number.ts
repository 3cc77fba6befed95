// Which of our leased numbers a thread is on: the one a send named, else the one Contiguity chose
// for the newest send (from the message lookup, asked once per message and kept: it never
// changes), else the configured imessage.from. Offline, the lookup is not asked: every redraw of
// the view asks for numbers, and each would be a request that cannot be answered.
import { numberSource } from '../../core/conversation/local';
import type { Connectivity } from './connectivity';
import type { SendHistory } from './history';
import { type ReadDeps, readClient } from './read-client';

export class ThreadNumbers {
  /** Message id → the number Contiguity sent it from. */
  private readonly learned = new Map<string, string>();

  constructor(private readonly deps: ReadDeps & { history: SendHistory; connectivity: Connectivity }) {}

  /** The number learned for a message, if it was. */
  learnedFor(messageId: string): string | undefined {
    return this.learned.get(messageId);
  }

  /** Our number for a thread with `to`, when one is named, learned or configured. */
  async of(to: string): Promise<string | undefined> {
    const source = numberSource(this.deps.history.list(), to);
    if (source && 'from' in source) return source.from;
    return (source && (await this.learn(source.messageId))) || this.deps.config.read().from || undefined;
  }

  private async learn(messageId: string): Promise<string | undefined> {
    const known = this.learned.get(messageId);
    if (known || this.deps.connectivity.offline) return known;
    try {
      const client = await readClient(this.deps);
      const status = await client.messageStatus(messageId, { onEvent: (e) => this.deps.log.clientEvent(e) });
      this.deps.connectivity.report();
      const from = status.data.from ?? undefined;
      if (from) this.learned.set(messageId, from);
      return from;
    } catch (error) {
      // Not knowing the number is reported where it matters (the poll says no number is known).
      this.deps.connectivity.report(error);
      return undefined;
    }
  }
}
