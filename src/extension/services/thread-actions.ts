// What we tell the other party in a thread (a read receipt, a tapback, our typing indicator), and
// whether a number has iMessage at all: one request each. The conversations service finds the thread.
import type { Bubble } from '../../core/conversation/thread';
import type { Tapback } from '../../core/schema';
import { type ReadDeps, readClient } from './read-client';
import type { Sender } from './sender';

export type ActionDeps = ReadDeps & { sender: Pick<Sender, 'pace'> };

/** A known thread, as the actions need it. */
export interface ActionTarget {
  to: string;
  /** Our number for it, when one is given, configured or learned. */
  from(): Promise<string | undefined>;
  bubbles(): readonly Bubble[];
  /** What we told the server changes the thread: ask for it again. */
  changed(): void;
}

/** A read receipt; then the thread is asked again so the unread count follows. */
export async function markRead(deps: ActionDeps, target: ActionTarget): Promise<void> {
  const from = await requireFrom(target);
  const client = await readClient(deps);
  await client.markRead({ to: target.to, from }, { onEvent: (e) => deps.log.clientEvent(e) });
  target.changed();
}

/** A tapback on a bubble (the API finds the message by its text). */
export async function react(
  deps: ActionDeps,
  target: ActionTarget,
  bubbleKey: string,
  tapback: Tapback,
  action: 'add' | 'remove',
): Promise<void> {
  const bubble = target.bubbles().find((b) => b.key === bubbleKey);
  if (!bubble) throw new Error('That message is no longer in the conversation.');
  if (!bubble.text) throw new Error('A tapback needs a message with text: Contiguity finds the message by its text.');
  const from = await requireFrom(target);
  const client = await readClient(deps);
  await client.react({ to: target.to, from, action, tapback, message: bubble.text }, { onEvent: (e) => deps.log.clientEvent(e) });
  target.changed();
}

/** Shows or ends our typing indicator; it counts against the number's pacing like a send. */
export async function typing(deps: ActionDeps, target: ActionTarget, action: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
  const from = await target.from();
  await deps.sender.pace(from, signal);
  const client = await readClient(deps);
  await client.typing({ to: target.to, ...(from ? { from } : {}), action }, { signal, onEvent: (e) => deps.log.clientEvent(e) });
}

/** Is iMessage available for this number (asked before a first message to a new number). */
export async function availability(deps: ReadDeps, to: string): Promise<boolean> {
  const client = await readClient(deps);
  return (await client.availability(to, { onEvent: (e) => deps.log.clientEvent(e) })).data.available;
}

async function requireFrom(target: ActionTarget): Promise<string> {
  const from = await target.from();
  if (!from) {
    throw new Error(`No leased number is known for the conversation with ${target.to}: set imessage.from, or send a first message.`);
  }
  return from;
}
