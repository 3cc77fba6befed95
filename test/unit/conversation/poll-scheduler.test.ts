// When a thread's history is asked, on a fake clock: the polls go through a real ContiguityClient
// whose fetch is held until the test answers, so "a request left" means fetch was called.
import assert from 'node:assert/strict';
import { ContiguityClient } from '../../../src/core/client/client';
import { NO_RETRY } from '../../../src/core/client/retry';
import { PollScheduler } from '../../../src/core/conversation/poll-scheduler';
import { MAX_BACKOFF_MS, OFFLINE_POLL_MS, pollFailure } from '../../../src/core/conversation/polling';
import { FakeTimers, settled } from '../fake-timers';

const THEM = '+14155552671';
const OURS = '+15550000001';
const KEY = `${THEM}|${OURS}`;

const body = (object: string, data: unknown) => JSON.stringify({ id: 'r1', timestamp: 0, api_version: 'v2', object, data });
const JSON_TYPE = { 'content-type': 'application/json' };
const ok = () => new Response(body('response', { conversation: [] }), { status: 200, headers: JSON_TYPE });
const failed = (status: number, headers: Record<string, string> = {}) =>
  new Response(body('error', { error: 'refused', status }), { status, headers: { ...JSON_TYPE, ...headers } });

interface Request {
  signal: AbortSignal;
  answer(response: Response): void;
  /** Fails as fetch does when nothing listens on the port. */
  refuse(): void;
}

/** The scheduler polling through a client whose requests wait for the test, after a "getting ready" step the test can hold. */
function setup() {
  const timers = new FakeTimers();
  const requests: Request[] = [];
  const fetch = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal!;
      const refusal = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      requests.push({ signal, answer: resolve, refuse: () => reject(new TypeError('fetch failed', { cause: refusal })) });
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    })) as unknown as typeof globalThis.fetch;
  const client = new ContiguityClient({ baseUrl: 'https://api.test', token: 'secret', timeoutMs: 600_000, fetch });
  const runs: AbortSignal[] = [];
  // What a poll waits for before its request (the token from the secret store, the number).
  let ready: Promise<void> = Promise.resolve();
  const scheduler = new PollScheduler(
    async (_key, signal) => {
      runs.push(signal);
      try {
        await ready;
        await client.history(THEM, OURS, 50, { signal, retry: NO_RETRY });
        return undefined;
      } catch (error) {
        return pollFailure(error);
      }
    },
    timers,
    // The top of the jitter: each backoff is the whole of it.
    () => 0.999999,
  );
  /** Holds the polls that start from now on before their request, until the returned function is called. */
  const hold = () => {
    let release!: () => void;
    ready = new Promise((resolve) => (release = resolve));
    return () => {
      ready = Promise.resolve();
      release();
    };
  };
  /** Answers the newest request once it left, and lets what follows settle. */
  const answer = async (response: Response = ok()) => {
    await settled();
    requests.at(-1)!.answer(response);
    await settled();
  };
  /** When the next poll is planned, counted from now. */
  const nextIn = () => timers.due().map((at) => at - timers.now());
  /** The next request leaves after exactly `ms`, not a millisecond sooner. */
  const nextAfter = async (ms: number) => {
    const before = requests.length;
    await timers.advance(ms - 1);
    assert.equal(requests.length, before, `nothing before ${ms} ms`);
    await timers.advance(1);
    assert.equal(requests.length, before + 1, `a request at ${ms} ms`);
  };
  return { timers, requests, runs, scheduler, hold, answer, nextIn, nextAfter };
}

describe('conversation poll scheduler (fake clock)', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));
  afterEach(() => s.scheduler.dispose());

  describe('watching', () => {
    it('polls a watched thread at once, then every interval', async () => {
      s.scheduler.watch(KEY, 10_000);
      await settled();
      assert.equal(s.requests.length, 1);
      await s.answer();
      assert.deepEqual(s.nextIn(), [10_000]);
      await s.nextAfter(10_000);
    });

    it('several watchers share one poller at the shortest interval; a faster one asks at once', async () => {
      const slow = s.scheduler.watch(KEY, 10_000);
      await s.answer();
      s.scheduler.watch(KEY, 30_000);
      await settled();
      assert.equal(s.requests.length, 1, 'a slower watcher waits for the planned poll');
      const fast = s.scheduler.watch(KEY, 2_000);
      await settled();
      assert.equal(s.requests.length, 2, 'a faster watcher asks at once');
      await s.answer();
      assert.deepEqual(s.nextIn(), [2_000]);
      fast();
      slow();
      await s.timers.advance(2_000);
      await s.answer();
      assert.deepEqual(s.nextIn(), [30_000], 'the one left sets the pace');
    });

    it('never asks faster than once a second, whatever a watcher wants', async () => {
      s.scheduler.watch(KEY, 10);
      await s.answer();
      assert.deepEqual(s.nextIn(), [1_000]);
    });

    it('stops when the last watcher leaves, and releasing twice releases once', async () => {
      const first = s.scheduler.watch(KEY, 4_000);
      const second = s.scheduler.watch(KEY, 4_000);
      await s.answer();
      first();
      first();
      assert.deepEqual(s.nextIn(), [4_000], 'one watcher is still there');
      second();
      assert.deepEqual(s.nextIn(), []);
      await s.timers.advance(3_600_000);
      assert.equal(s.requests.length, 1);
    });
  });

  describe('joining', () => {
    it('concurrent readers share the one request in flight', async () => {
      s.scheduler.watch(KEY, 4_000);
      const readers = [s.scheduler.pollFor(KEY), s.scheduler.pollFor(KEY), s.scheduler.poll(KEY)];
      s.scheduler.watch(KEY, 1_000);
      await settled();
      assert.equal(s.requests.length, 1);
      let done = 0;
      readers.forEach((r) => void r.then(() => done++));
      await s.answer();
      assert.equal(done, 3);
      assert.equal(s.requests.length, 1);
      assert.deepEqual(s.nextIn(), [1_000]);
    });

    it('a thread nobody watches is asked once per read, and then left alone', async () => {
      const reading = s.scheduler.pollFor(KEY);
      await settled();
      await s.answer();
      await reading;
      assert.equal(s.requests.length, 1);
      assert.deepEqual(s.nextIn(), []);
    });

    it('a send asks a watched thread soon, never later than already planned, and never an unwatched one', async () => {
      s.scheduler.soon(KEY, 1_000);
      assert.deepEqual(s.nextIn(), [], 'not watched');
      s.scheduler.watch(KEY, 10_000);
      s.scheduler.soon(KEY, 1_000);
      assert.deepEqual(s.nextIn(), [], 'a poll is in flight: its answer is soon enough');
      await s.answer();
      s.scheduler.soon(KEY, 1_000);
      assert.deepEqual(s.nextIn(), [1_000]);
      s.scheduler.soon(KEY, 5_000);
      assert.deepEqual(s.nextIn(), [1_000]);
      await s.timers.advance(1_000);
      assert.equal(s.requests.length, 2);
    });
  });

  describe('aborting', () => {
    it('a poll still getting ready when the last watcher leaves is aborted: no request leaves', async () => {
      const release = s.hold();
      const stop = s.scheduler.watch(KEY, 4_000);
      await settled();
      assert.equal(s.runs.length, 1);
      stop();
      assert.equal(s.runs[0]!.aborted, true);
      release();
      await s.timers.advance(3_600_000);
      assert.equal(s.requests.length, 0);
    });

    it('a request in flight when the last watcher leaves is aborted, and not counted as a failure', async () => {
      const stop = s.scheduler.watch(KEY, 4_000);
      await settled();
      stop();
      assert.equal(s.requests[0]!.signal.aborted, true);
      await settled();
      s.scheduler.watch(KEY, 4_000);
      await s.answer(failed(500));
      assert.deepEqual(s.nextIn(), [8_000], 'one failure, not two');
    });

    it('a caller waiting for the poll keeps it when the watchers leave', async () => {
      const release = s.hold();
      const stop = s.scheduler.watch(KEY, 4_000);
      const reading = s.scheduler.pollFor(KEY);
      await settled();
      stop();
      release();
      await settled();
      assert.equal(s.requests.length, 1);
      assert.equal(s.requests[0]!.signal.aborted, false);
      await s.answer();
      await reading;
      assert.deepEqual(s.nextIn(), [], 'nobody watches: nothing more is planned');
    });

    it('a watcher who comes back after an abort gets a poll of its own at once', async () => {
      const release = s.hold();
      s.scheduler.watch(KEY, 4_000)();
      s.scheduler.watch(KEY, 4_000);
      await settled();
      assert.deepEqual(
        s.runs.map((r) => r.aborted),
        [true, false],
      );
      release();
      await settled();
      assert.equal(s.requests.length, 1);
      await s.answer();
      assert.deepEqual(s.nextIn(), [4_000]);
    });

    it('after dispose nothing is planned and no request leaves; the one in flight is aborted', async () => {
      s.scheduler.watch(KEY, 4_000);
      await s.answer();
      await s.timers.advance(4_000);
      assert.equal(s.requests.length, 2);
      s.scheduler.dispose();
      assert.equal(s.requests[1]!.signal.aborted, true);
      assert.deepEqual(s.nextIn(), []);
      await s.scheduler.pollFor(KEY);
      s.scheduler.watch(KEY, 1_000);
      await s.timers.advance(3_600_000);
      assert.equal(s.requests.length, 2);
    });
  });

  describe('backing off', () => {
    it('errors double the wait each time; a good answer ends the backoff', async () => {
      s.scheduler.watch(KEY, 4_000);
      await s.answer(failed(500));
      await s.nextAfter(8_000);
      await s.answer(failed(503));
      assert.deepEqual(s.nextIn(), [16_000]);
      await s.timers.advance(16_000);
      await s.answer();
      assert.deepEqual(s.nextIn(), [4_000]);
    });

    it('a 429 waits out its Retry-After, even beyond the longest backoff', async () => {
      s.scheduler.watch(KEY, 4_000);
      await s.answer(failed(429, { 'retry-after': '300' }));
      assert.ok(300_000 > MAX_BACKOFF_MS);
      s.scheduler.soon(KEY, 1_000);
      assert.deepEqual(s.nextIn(), [300_000], 'a send does not undercut it');
      await s.nextAfter(300_000);
    });

    it('a 429 without Retry-After backs off like an error; a short Retry-After does not undercut the backoff', async () => {
      s.scheduler.watch(KEY, 4_000);
      await s.answer(failed(429));
      assert.deepEqual(s.nextIn(), [8_000]);
      await s.timers.advance(8_000);
      await s.answer(failed(429, { 'retry-after': '1' }));
      assert.deepEqual(s.nextIn(), [16_000]);
    });

    it('a refused token waits the longest', async () => {
      s.scheduler.watch(KEY, 4_000);
      await s.answer(failed(401));
      assert.deepEqual(s.nextIn(), [MAX_BACKOFF_MS]);
    });

    it('offline: one slow poll a minute, not the doubling from the interval; resume() asks at once, then at the interval', async () => {
      const other = `${THEM}|+15550000002`;
      s.scheduler.watch(KEY, 4_000);
      s.scheduler.watch(other, 30_000);
      await settled();
      assert.equal(s.requests.length, 2);
      s.requests.forEach((r) => r.refuse());
      await settled();
      assert.deepEqual(s.nextIn(), [OFFLINE_POLL_MS, OFFLINE_POLL_MS], 'the top of the jitter: the whole of it');
      await s.timers.advance(OFFLINE_POLL_MS);
      assert.equal(s.requests.length, 4, 'one request per thread per OFFLINE_POLL_MS');
      s.requests.slice(2).forEach((r) => r.refuse());
      await s.timers.advance(10_000);
      s.scheduler.resume(); // the probe connected
      await settled();
      assert.equal(s.requests.length, 6, 'both threads ask at once');
      for (const r of s.requests.slice(4)) r.answer(ok());
      await settled();
      assert.deepEqual(s.nextIn(), [4_000, 30_000], 'each at its own interval again');
      s.scheduler.resume();
      await settled();
      assert.equal(s.requests.length, 6, 'resume() leaves threads that are not waiting for the network alone');
    });

    it('resume() leaves a thread backing off from an answer (a 503, a 429) alone', async () => {
      s.scheduler.watch(KEY, 4_000);
      await s.answer(failed(429, { 'retry-after': '300' }));
      s.scheduler.resume();
      await settled();
      assert.equal(s.requests.length, 1);
      assert.deepEqual(s.nextIn(), [300_000]);
    });

    it('a poll that throws counts as a failure', async () => {
      const timers = new FakeTimers();
      const scheduler = new PollScheduler(
        () => Promise.reject(new Error('bug')),
        timers,
        () => 0.999999,
      );
      scheduler.watch(KEY, 4_000);
      await settled();
      assert.deepEqual(timers.due(), [8_000]);
      scheduler.dispose();
    });
  });
});
