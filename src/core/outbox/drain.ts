// One pass over the outbox: settle what a dead window left, drop what is too old, and send each
// recipient's oldest due text once. The caller repeats passes while they make progress and sleeps
// until `wakeAt` otherwise; the clock and the send are injected, so every branch is unit-tested.
import { classifySendFailure } from '../client/errors';
import { digestText } from './digest';
import { afterFailedTry, delayedText, due, dueSince, expired, nextWake, type OutboxItem, sendGroup } from './items';
import type { Claim, OutboxStore } from './store';

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
  const taken = new Set<string>();
  for (const head of due(candidates, deps.now())) {
    const listed = sendGroup(head, candidates, deps.now()).filter((i) => !taken.has(i.id));
    const claims = await claimAll(store, listed);
    if (!claims) continue;
    const group = await Promise.all(claims.map((c) => c.current()));
    const first = group[0];
    if (!first || group.some((i) => !i) || (first.nextAt > deps.now() && !(options.networkBack && first.reason === 'offline'))) {
      // Sent, settled or put off by another window since the listing.
      if (!first) waiting.delete(head.id);
      await Promise.all(claims.map((c) => c.release()));
      continue;
    }
    const texts = group as OutboxItem[];
    texts.forEach((i) => taken.add(i.id));
    let asked = false;
    let mine = false;
    const text = outgoingText(texts, deps.now());
    const attempt = await deps.send(first, text, async () => {
      asked = true;
      mine = await markAllSending(claims);
      return mine;
    });
    if (asked && !mine) {
      await Promise.all(claims.map((c) => c.release())); // another window is sending them
      continue;
    }
    progress = true;
    if (attempt.ok) {
      await settle(claims, texts, waiting, (item) => deps.report({ kind: 'sent', item, text }));
      continue;
    }
    const verdict = classifySendFailure(attempt.error);
    if (verdict === 'retry') {
      for (const [n, item] of texts.entries()) {
        const next = afterFailedTry(item, attempt.error, deps.now(), deps.random);
        await claims[n]!.retryLater(next);
        waiting.set(item.id, next);
        deps.report({ kind: 'waiting', item: next, error: attempt.error.message });
      }
      continue;
    }
    const kind = verdict === 'maybe-sent' ? 'maybe-sent' : 'failed';
    await settle(claims, texts, waiting, (item) => deps.report({ kind, item, error: attempt.error.message }));
  }
  const rest = [...waiting.values()];
  return { progress, waiting: rest, wakeAt: nextWake(rest) };
}

/** Claims every text of a group, or none: a text another window holds leaves the whole group for later. */
async function claimAll(store: OutboxStore, items: readonly OutboxItem[]): Promise<Claim[] | undefined> {
  const claims: Claim[] = [];
  for (const item of items) {
    const claim = await store.claim(item.id);
    if (!claim) {
      await Promise.all(claims.map((c) => c.release()));
      return undefined;
    }
    claims.push(claim);
  }
  return claims.length ? claims : undefined;
}

/**
 * Marks every text of the group as being sent, the head first. False when another window got the
 * head's mark first. Should a later mark fail (a window took over a claim it judged stale), the
 * marks made stay: those texts now count as maybe sent, and nothing goes out.
 */
async function markAllSending(claims: readonly Claim[]): Promise<boolean> {
  for (const claim of claims) if (!(await claim.markSending())) return false;
  return true;
}

/** Removes the group's texts (sent, or settled otherwise) and reports each. */
async function settle(
  claims: readonly Claim[],
  texts: readonly OutboxItem[],
  waiting: Map<string, OutboxItem>,
  report: (item: OutboxItem) => void,
) {
  for (const [n, item] of texts.entries()) {
    await claims[n]!.remove();
    waiting.delete(item.id);
    report(item);
  }
}

/** One text, marked if late; texts held for quiet hours go as one digest, marked if late after the quiet hours. */
export function outgoingText(group: readonly OutboxItem[], now: number): string {
  const head = group[0]!;
  if (group.length === 1 && head.heldUntil === undefined) return delayedText(head.message, head.createdAt, now);
  return delayedText(digestText(group.map((i) => i.message)), Math.max(...group.map(dueSince)), now);
}
