// An automatic text this window sends now, through the outbox: written and claimed first (the
// caller reserves it), so that a reload while it waits for pacing leaves it for the next window.
// The extension's Outbox.deliver and the offline bench both go through this one function.
import { classifySendFailure } from '../client/errors';
import type { SendAttempt } from './drain';
import { afterFailedTry, type OutboxItem, waitsBehind } from './items';
import type { Claim, OutboxStore } from './store';

export interface DeliverDeps {
  store: OutboxStore;
  now(): number;
  /** The window is closing: a text whose request was not written yet is left to the next window. */
  closing(): boolean;
  random?: () => number;
}

/**
 * `queued`: an earlier text to the same recipient waits, so this one waits behind it (the drain
 * sends both, in order). Else the attempt, and `kept` when the text stays in the outbox because it
 * surely did not go out; anything else (sent, may have been sent, failed for good) is removed.
 */
export type Delivery<A extends SendAttempt> = { queued: true } | { queued: false; attempt: A; kept: boolean };

export async function deliverReserved<A extends SendAttempt>(
  deps: DeliverDeps,
  claim: Claim,
  item: OutboxItem,
  send: (beforeRequest: () => Promise<boolean>) => Promise<A>,
): Promise<Delivery<A>> {
  if (
    waitsBehind(
      (await deps.store.list()).items.map((l) => l.item),
      item,
      deps.now(),
    )
  ) {
    await claim.retryLater({ ...item, reason: 'queued' });
    return { queued: true };
  }
  let marked = false;
  const attempt = await send(async () => (marked = await claim.markSending()));
  if (attempt.ok) {
    await claim.remove();
    return { queued: false, attempt, kept: false };
  }
  if (!marked && deps.closing()) {
    await claim.release();
    return { queued: false, attempt, kept: true };
  }
  if (marked && classifySendFailure(attempt.error) === 'retry') {
    await claim.retryLater(afterFailedTry(item, attempt.error, deps.now(), deps.random));
    return { queued: false, attempt, kept: true };
  }
  await claim.remove(); // may have been sent, or would fail again (settings, token, validation)
  return { queued: false, attempt, kept: false };
}
