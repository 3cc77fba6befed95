import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '../sandbox';
import { ContiguityClient } from '../src/core/client/client';
import { classifySendFailure, NetworkError, SentElsewhereError } from '../src/core/client/errors';
import { ConnectivityState, PROBE } from '../src/core/connectivity';
import { PollScheduler } from '../src/core/conversation/poll-scheduler';
import { OFFLINE_POLL_MS, pollFailure } from '../src/core/conversation/polling';
import { drainOnce } from '../src/core/outbox/drain';
import { deliverReserved } from '../src/core/outbox/deliver';
import { BACKOFF, newItemId, type OutboxItem } from '../src/core/outbox/items';
import { OutboxStore } from '../src/core/outbox/store';
import { connects, probeTarget } from '../src/core/tcp-probe';
import { apiDown } from '../test/integration/api-down';
import { FakeTimers } from '../test/unit/fake-timers';

/**
 * Offline and back (issue 23 "Soak" and "Measure"), against the real sandbox server (in this
 * process, over real HTTP: "down" closes its port). No VS Code: the outbox's decisions (core/outbox
 * drainOnce over the real OutboxStore on a temp dir) are driven by a loop that does what the
 * extension's Outbox service does, sending through the real ContiguityClient, woken by the real
 * ConnectivityState and its real TCP probe. A text is written first and goes out directly unless
 * an earlier one to the same person waits, as Outbox.deliver does; it is kept only when it surely
 * did not reach the server (classifySendFailure).
 * - soak: 200 automatic texts to 4 recipients while the sandbox flaps between up, down and 429;
 *   delivered / duplicated / lost, and how many texts arrived after a later one to the same person.
 *   A new text to a person with texts waiting queues behind them, as Outbox.deliver does.
 *   "Lost" texts are those the sandbox dropped mid-request when it went down: "may have been sent",
 *   reported and by design never sent again;
 * - network back → outbox drained: median and max over trials;
 * - requests per minute while offline: the real PollScheduler and ConnectivityState on a fake
 *   clock, 10 minutes, every poll refused (exact counts, no waiting).
 * `npm run bench -- offline` (≈ 1.5 minutes).
 */

const TEXTS = 200;
const RECIPIENTS = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
const TRIALS = 7;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The extension's Outbox service (src/extension/services/outbox.ts) without VS Code, over the same core pieces. */
class Outbox {
  readonly store: OutboxStore;
  readonly connectivity: ConnectivityState;
  readonly reports: string[] = [];
  private readonly client: ContiguityClient;
  private waiting: OutboxItem[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private networkBack = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** TCP connects the probe made. */
  probes = 0;

  constructor(
    sandbox: Sandbox,
    readonly dir: string,
  ) {
    this.store = new OutboxStore({ dir, pid: process.pid, now: Date.now, isAlive: () => true, leaseMs: 10 * 60_000 });
    this.client = new ContiguityClient({ baseUrl: sandbox.url, token: sandbox.token, timeoutMs: 15_000 });
    this.connectivity = new ConnectivityState({
      probe: () => (this.probes++, connects(probeTarget(sandbox.url))),
      needed: () => this.waiting.some((i) => i.reason === 'offline'),
      onChange: () => {},
      onBack: () => this.wake(),
    });
  }

  /** One attempt through the real client; its outcome is reported to connectivity, as the sender's are. */
  async send(to: string, message: string, beforeRequest: () => Promise<boolean> = async () => true) {
    try {
      if (!(await beforeRequest())) throw new SentElsewhereError();
      await this.client.send({ to, message });
      this.connectivity.report();
      return { ok: true as const };
    } catch (error) {
      this.connectivity.report(error);
      return { ok: false as const, error: error as Error };
    }
  }

  /**
   * An automatic text as Outbox.deliver sends it: written to the outbox, claimed, first; queued
   * when an earlier text to the same person still waits; else sent with `.sending` made right before
   * the request, and kept only when that surely did not reach the server (classifySendFailure).
   */
  async automatic(to: string, message: string): Promise<'sent' | 'kept' | 'maybe-sent' | 'final'> {
    const now = Date.now();
    const item: OutboxItem = {
      id: newItemId(now),
      to,
      message,
      source: 'bench',
      label: message,
      createdAt: now,
      attempts: 0,
      nextAt: now,
      reason: 'offline',
    };
    const claim = await this.store.reserve(item);
    const deps = { store: this.store, now: Date.now, closing: () => this.stopped };
    const done = await deliverReserved(deps, claim, item, (beforeRequest) => this.send(to, message, beforeRequest));
    if (done.queued || done.kept) {
      void this.drain();
      return 'kept';
    }
    if (done.attempt.ok) return 'sent';
    const verdict = classifySendFailure(done.attempt.error);
    this.reports.push(`direct ${verdict}: ${done.attempt.error.message}`);
    return verdict === 'retry' ? 'final' : verdict;
  }

  wake() {
    if (!this.waiting.some((i) => i.reason === 'offline')) return;
    this.networkBack = true;
    void this.drain();
  }

  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop() {
    do {
      this.again = false;
      const networkBack = this.networkBack;
      this.networkBack = false;
      const deps = {
        store: this.store,
        now: Date.now,
        maxAgeMs: () => 60 * 60_000,
        send: (item: OutboxItem, text: string, beforeRequest: () => Promise<boolean>) => this.send(item.to, text, beforeRequest),
        report: (r: { kind: string; item: OutboxItem }) =>
          r.kind !== 'sent' && r.kind !== 'waiting' && this.reports.push(`${r.kind}: ${r.item.label}`),
      };
      let pass = await drainOnce(deps, { networkBack });
      while (pass.progress && !this.stopped) pass = await drainOnce(deps);
      this.waiting = pass.waiting;
      clearTimeout(this.timer);
      const wakeAt = pass.wakeAt;
      if (wakeAt !== undefined && !this.stopped) this.timer = setTimeout(() => void this.drain(), Math.max(1_000, wakeAt - Date.now()));
      if (this.waiting.some((i) => i.reason === 'offline')) this.connectivity.wait();
    } while (this.again && !this.stopped);
  }

  async empty(): Promise<boolean> {
    return (await this.store.list()).items.length === 0;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.connectivity.dispose();
  }
}

async function withOutbox<T>(sandbox: Sandbox, use: (outbox: Outbox) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'imessage-bench-outbox-'));
  const outbox = new Outbox(sandbox, dir);
  try {
    return await use(outbox);
  } finally {
    outbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Up, down and 429 in turns, until stopped; the last word is "up". */
function flap(sandbox: Sandbox) {
  const schedule: { kind: 'up' | 'down' | 'rateLimit'; ms: number }[] = [
    { kind: 'down', ms: 1_500 },
    { kind: 'up', ms: 1_200 },
    { kind: 'down', ms: 800 },
    { kind: 'up', ms: 700 },
    { kind: 'rateLimit', ms: 600 },
    { kind: 'up', ms: 1_000 },
  ];
  let running = true;
  let switches = 0;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const step = schedule[i % schedule.length]!;
      if (step.kind === 'down') await apiDown(sandbox);
      else await sandbox.outage(step.kind === 'rateLimit' ? { kind: 'rateLimit', retryAfterSec: 1 } : { kind: 'up' });
      switches++;
      await sleep(step.ms);
    }
    await sandbox.outage({ kind: 'up' });
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return switches;
    },
  };
}

async function soak(sandbox: Sandbox) {
  sandbox.reset();
  return withOutbox(sandbox, async (outbox) => {
    const flapping = flap(sandbox);
    const started = Date.now();
    const direct = { sent: 0, kept: 0, 'maybe-sent': 0, final: 0 };
    const written: string[] = [];
    // About 12 s of texts, one every 60 ms, recipients in turn, each numbered per recipient.
    const sends: Promise<void>[] = [];
    for (let i = 0; i < TEXTS; i++) {
      const to = RECIPIENTS[i % RECIPIENTS.length]!;
      const message = `soak ${to} #${Math.floor(i / RECIPIENTS.length)}`;
      written.push(message);
      sends.push(outbox.automatic(to, message).then((r) => void direct[r]++));
      await sleep(60);
    }
    await Promise.all(sends);
    const switches = await flapping.stop();
    await until('the outbox empty', () => outbox.empty(), 5 * 60_000);
    const tookMs = Date.now() - started;
    const counts = new Map<string, number>();
    for (const m of sandbox.sent) counts.set(m.message, (counts.get(m.message) ?? 0) + 1);
    const delivered = written.filter((m) => counts.has(m)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    // A text that arrived after a later one to the same person.
    const overtaken = RECIPIENTS.reduce((sum, to) => {
      const seq = sandbox.sent.filter((m) => m.to === to).map((m) => Number(/#(\d+)/.exec(m.message)?.[1]));
      return sum + seq.filter((n, i) => seq.slice(0, i).some((earlier) => earlier > n)).length;
    }, 0);
    const maybeSent = outbox.reports.filter((r) => r.startsWith('maybe-sent') || r.startsWith('direct maybe-sent')).length;
    return {
      rows: [
        {
          measure: `soak: automatic texts, ${RECIPIENTS.length} recipients / delivered / duplicated / lost`,
          value: `${TEXTS} / ${delivered} / ${duplicated} / ${TEXTS - delivered}`,
        },
        { measure: '  of the lost: reported "may have been sent" (never sent again)', value: maybeSent },
        { measure: '  texts that arrived after a later one to the same person', value: overtaken },
        {
          measure: '  sent at once / kept / may have been sent / refused',
          value: `${direct.sent} / ${direct.kept} / ${direct['maybe-sent']} / ${direct.final}`,
        },
        {
          measure: '  outage switches (down, up, 429) / send requests at the sandbox / TCP probes',
          value: `${switches} / ${sandbox.requests.filter((r) => r.path === '/send/imessage').length} / ${outbox.probes}`,
        },
        { measure: '  until the outbox was empty (s)', value: Math.round(tookMs / 100) / 10 },
      ],
      problems: outbox.reports,
    };
  });
}

/** Texts kept while the port is closed, then it opens: how long until the outbox holds nothing. */
async function drainedAfterBack(sandbox: Sandbox): Promise<number[]> {
  const samples: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    sandbox.reset();
    await apiDown(sandbox);
    const ms = await withOutbox(sandbox, async (outbox) => {
      for (let i = 0; i < 6; i++) {
        const kept = await outbox.automatic(RECIPIENTS[i % 3]!, `trial ${trial} #${i}`);
        if (kept !== 'kept') throw new Error(`text ${i} was ${kept} with the port closed: ${outbox.reports.join('; ')}`);
      }
      // Up at a random point of the probe's cycle, as a real network comes back.
      await sleep(1_000 + Math.random() * PROBE.everyMs);
      await sandbox.outage({ kind: 'up' });
      const back = Date.now();
      await until('the outbox drained', () => outbox.empty(), 60_000);
      if (sandbox.sent.length !== 6) throw new Error(`${sandbox.sent.length} texts arrived, not 6`);
      return Date.now() - back;
    });
    samples.push(ms);
  }
  return samples;
}

/**
 * Ten minutes offline on a fake clock, through the real scheduler and connectivity state: the
 * conversation panel (4 s), the view's five threads (30 s), and the outbox's probe while it waits.
 */
async function offlineRates() {
  const timers = new FakeTimers();
  let polls = 0;
  let probes = 0;
  const refused = new NetworkError('Could not connect to the API (ECONNREFUSED).', 'connect', 'ECONNREFUSED', undefined);
  const connectivity = new ConnectivityState({
    timers,
    probe: async () => (probes++, false),
    needed: () => true,
    onChange: () => {},
    onBack: () => {},
  });
  const scheduler = new PollScheduler(async () => {
    polls++;
    connectivity.report(refused);
    return pollFailure(refused);
  }, timers);
  scheduler.watch('panel', 4_000);
  for (let i = 0; i < 5; i++) scheduler.watch(`view ${i}`, 30_000);
  const minutes = 10;
  await timers.advance(60_000);
  const firstMinute = { polls, probes };
  await timers.advance((minutes - 1) * 60_000);
  scheduler.dispose();
  connectivity.dispose();
  // The outbox, per recipient: its backoff from 5 s doubling to 5 min, at the jitter's shortest (3/4).
  let attempts = 0;
  for (let t = 0, n = 1; t < 60_000; n++) {
    t += Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (n - 1)) * 0.75;
    if (t < 60_000) attempts++;
  }
  const steady = (minutes * 60_000) / 60_000 - 1;
  return [
    {
      measure: 'offline, 6 watched threads: history requests in the first minute',
      value: firstMinute.polls,
      bound: '6 + ⌊60 / 45⌋ × 6 = 12',
    },
    {
      measure: 'offline: history requests per minute after that',
      value: Math.round(((polls - firstMinute.polls) / steady) * 10) / 10,
      bound: `≤ 60 / (0.75 × OFFLINE_POLL_MS ${OFFLINE_POLL_MS / 1000} s) per thread`,
    },
    {
      measure: 'offline: TCP probes in the first minute',
      value: firstMinute.probes,
      bound: `60 s / PROBE.everyMs ${PROBE.everyMs / 1000} s = 12`,
    },
    {
      measure: 'offline: TCP probes per minute after that',
      value: Math.round(((probes - firstMinute.probes) / steady) * 10) / 10,
      bound: '12',
    },
    {
      measure: 'offline: outbox send attempts per recipient, first minute at most',
      value: attempts,
      bound: `backoff ${BACKOFF.baseMs / 1000} s doubling to ${BACKOFF.maxMs / 60_000} min, jitter 3/4 to 1`,
    },
  ];
}

export async function run() {
  const sandbox = await startSandbox({ pacing: false, delivery: 'instant' });
  try {
    const rates = await offlineRates();
    const drained = (await drainedAfterBack(sandbox)).sort((a, b) => a - b);
    const result = await soak(sandbox);
    if (result.problems.length) console.log(`soak reports:\n  ${result.problems.join('\n  ')}`);
    const rows = result.rows;
    const median = drained[(drained.length - 1) >> 1]!;
    return [
      ...rows,
      { measure: `network back → outbox drained (6 texts, 3 recipients), median of ${TRIALS} (ms)`, value: median },
      { measure: 'same, max (ms)', value: drained.at(-1)! },
      {
        measure: 'same, median / PROBE.everyMs (the bound is one probe period plus the sends)',
        value: Math.round((median / PROBE.everyMs) * 100) / 100,
      },
      ...rates,
    ];
  } finally {
    await sandbox.close();
  }
}
