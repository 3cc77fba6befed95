// One pass over the outbox: settle what a dead window left, drop what is too old, and send each
// recipient's oldest due text once. The caller repeats passes while they make progress and sleeps
// until `wakeAt` otherwise; the clock and the send are injected, so every branch is unit-tested.
import { classifySendFailure, RateLimitedError } from '../client/errors';
import { delayedText, due, expired, nextAttemptAt, nextWake, type OutboxItem } from './items';
import type { OutboxStore } from './store';

export type SendAttempt = { ok: true } | { ok: false; error: Error };

/** What happened to a text, for the log, the user and the status bar. */
export type OutboxReport =
  | { kind: 'sent'; item: OutboxItem; text: string }
  | { kind: 'waiting'; item: OutboxItem; error: string }
  | { kind: 'dropped'; item: OutboxItem; maxAgeMs: number }
  /** It may have reached the server (a window died while sending it, or the send failed so): never sent again. */
  | { kind: 'maybe-sent'; item: OutboxItem; error: string }
  /** Surely not sent, and sending again would fail the same way. */
  | { kind: 'failed'; item: OutboxItem; error: string };

export interface DrainDeps {
  store: OutboxStore;
  now(): number;
  maxAgeMs(): number;
  /**
   * Sends `text`, calling `beforeRequest` after any wait and right before the request is written;
   * when it resolves false nothing may be sent.
   */
  send(item: OutboxItem, text: string, beforeRequest: () => Promise<boolean>): Promise<SendAttempt>;
  report(report: OutboxReport): void;
  random?: () => number;
}

export interface DrainResult {
  /** A text was sent or settled: the next pass may find the next text of a recipient due. */
  progress: boolean;
  /** What still waits, after this pass. */
  waiting: OutboxItem[];
  /** When the next waiting text is due (undefined: nothing waits). */
  wakeAt: number | undefined;
}

/** `networkBack`: the network just came back, so texts that wait for it are due now, whatever their backoff said. */
export async function drainOnce(deps: DrainDeps, options: { networkBack?: boolean } = {}): Promise<DrainResult> {
  const { store } = deps;
  const { items } = await store.list();
  const waiting = new Map<string, OutboxItem>();
  let progress = false;
  const tooOld = new Set(
    expired(
      items.map((l) => l.item),
      deps.now(),
      deps.maxAgeMs(),
    ).map((i) => i.id),
  );
  for (const { item, sending } of items) {
    if (sending && !store.stale(sending)) {
      waiting.set(item.id, item); // in flight in another window
      continue;
    }
    if (!sending && !tooOld.has(item.id)) {
      waiting.set(item.id, item);
      continue;
    }
    const claim = await store.claim(item.id);
    if (!claim) {
      waiting.set(item.id, item);
      continue;
    }
    if (!(await claim.current())) {
      await claim.release(); // another window settled it meanwhile
      continue;
    }
    await claim.remove();
    progress = true;
    deps.report(
      sending
        ? { kind: 'maybe-sent', item, error: 'VS Code stopped while the text was being sent' }
        : { kind: 'dropped', item, maxAgeMs: deps.maxAgeMs() },
    );
  }
  const candidates = [...waiting.values()].map((i) => (options.networkBack && i.reason === 'offline' ? { ...i, nextAt: 0 } : i));
  for (const listed of due(candidates, deps.now())) {
    const claim = await store.claim(listed.id);
    if (!claim) continue;
    const item = await claim.current();
    if (!item || (item.nextAt > deps.now() && !(options.networkBack && item.reason === 'offline'))) {
      // Sent, settled or put off by another window since the listing.
      if (!item) waiting.delete(listed.id);
      await claim.release();
      continue;
    }
    let asked = false;
    let mine = false;
    const text = delayedText(item.message, item.createdAt, deps.now());
    const attempt = await deps.send(item, text, async () => {
      asked = true;
      mine = await claim.markSending();
      return mine;
    });
    if (asked && !mine) {
      await claim.release(); // another window is sending it
      continue;
    }
    progress = true;
    if (attempt.ok) {
      await claim.remove();
      waiting.delete(item.id);
      deps.report({ kind: 'sent', item, text });
      continue;
    }
    const verdict = classifySendFailure(attempt.error);
    if (verdict === 'retry') {
      const limited = attempt.error instanceof RateLimitedError ? attempt.error : undefined;
      const next: OutboxItem = {
        ...item,
        attempts: item.attempts + 1,
        nextAt: nextAttemptAt(deps.now(), item.attempts + 1, limited?.retryAfterMs, deps.random),
        reason: limited ? 'rate-limited' : 'offline',
      };
      await claim.retryLater(next);
      waiting.set(item.id, next);
      deps.report({ kind: 'waiting', item: next, error: attempt.error.message });
      continue;
    }
    await claim.remove();
    waiting.delete(item.id);
    deps.report({ kind: verdict === 'maybe-sent' ? 'maybe-sent' : 'failed', item, error: attempt.error.message });
  }
  const rest = [...waiting.values()];
  return { progress, waiting: rest, wakeAt: nextWake(rest) };
}
