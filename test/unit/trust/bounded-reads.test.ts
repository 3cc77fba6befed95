// The real client against a hostile API over loopback: every read is capped after decompression,
// every request ends by its deadline, and the error says which. `node scripts/node-versions.mjs`
// runs this file on each Node that VS Code desktop ships.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { ContiguityClient } from '../../../src/core/client/client';
import { type ContiguityError, ResponseTooLargeError, TimeoutError } from '../../../src/core/client/errors';
import { explain } from '../../../src/core/client/explain';
import { NO_RETRY, type RetryPolicy } from '../../../src/core/client/retry';
import { MAX_RESPONSE_BYTES } from '../../../src/core/limits';
import { type Attack, type HostileApi, startHostileApi } from '../../fixtures/hostile-api';

const TO = '+14155552671';
const MESSAGE = { to: TO, message: 'hi' };
/** What reading a hostile body may add to the process, at its peak: the cap (16 MiB) and its text. */
const MEMORY_BUDGET = 64 * 1024 * 1024;
/** How late a deadline may end: timers and the event loop of a busy 2-core machine, never the server. */
const LATE_MS = 1_000;
const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxWaitMs: 0 };

describe('bounded reads against a hostile API', function () {
  this.timeout(20_000);
  let api: HostileApi;
  before(async () => {
    api = await startHostileApi();
    // The first fetch of a process loads fetch itself and zlib (about 30 MB of rss that an extension
    // host has long paid): one read beforehand, so the measurements below are of the reads alone.
    api.use('gzip-bomb');
    await client()
      .availability(TO)
      .catch(() => {});
  });
  after(() => api.close());

  const client = (timeoutMs = 5_000) => new ContiguityClient({ baseUrl: api.url, token: 'sk_test', timeoutMs, retry: FAST });

  /** Runs `call` against `attack`, measuring time and the process's peak memory growth. */
  async function attacked(attack: Attack, call: () => Promise<unknown>) {
    api.use(attack);
    const before = process.memoryUsage();
    let peak = { rss: 0, arrayBuffers: 0 };
    const sample = () => {
      const now = process.memoryUsage();
      peak = {
        rss: Math.max(peak.rss, now.rss - before.rss),
        arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers - before.arrayBuffers),
      };
    };
    const sampler = setInterval(sample, 5);
    const started = performance.now();
    const error = await call().then(
      () => assert.fail(`the client accepted the ${attack}`),
      (e: ContiguityError) => e,
    );
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    sample();
    // The client let go of the connection: no socket is left to the server.
    await api.idle();
    if (process.env.BOUNDED_READS_REPORT) {
      console.log(`      ${attack}: ${Math.round(elapsed)} ms, peak growth rss ${mb(peak.rss)}, array buffers ${mb(peak.arrayBuffers)}`);
    }
    return { error, elapsed, peak };
  }

  for (const [attack, size] of [
    ['gzip-bomb', '1 GiB inflated from 1 MB'],
    ['huge', 'a 50 MB plain body'],
  ] as const) {
    it(`${attack} (${size}): stops at the cap, memory stays bounded, the error names the size`, async () => {
      const { error, peak } = await attacked(attack, () => client().availability(TO));
      assert.ok(error instanceof ResponseTooLargeError, `${error.name}: ${error.message}`);
      assert.equal(error.limitBytes, MAX_RESPONSE_BYTES);
      assert.match(error.message, /^The API's response \(HTTP 200\) was larger than 16 MB, so it was not read\. Nothing was sent/);
      assert.ok(peak.rss < MEMORY_BUDGET, `rss grew ${mb(peak.rss)}`);
      assert.ok(peak.arrayBuffers < MEMORY_BUDGET, `array buffers grew ${mb(peak.arrayBuffers)}`);
      assert.equal(api.requests.length, 1, 'an answer that large is not asked for again');
      assert.deepEqual(explain(error), { message: error.message, actions: ['retry', 'showLog'] });
    });
  }

  it('a send answered by a gzip bomb may have been sent: said so, and never sent twice', async () => {
    const { error } = await attacked('gzip-bomb', () => client().send(MESSAGE));
    assert.ok(error instanceof ResponseTooLargeError);
    assert.ok(error.mayHaveBeenSent);
    assert.match(error.message, /larger than 16 MB.*The message may have been sent/);
    assert.deepEqual(api.requests, [{ method: 'POST', path: '/send/imessage' }]);
  });

  for (const attack of ['stall', 'trickle'] as const) {
    it(`${attack}: the deadline holds for the body too, and the error says so`, async () => {
      const timeoutMs = 1_000;
      const { error, elapsed } = await attacked(attack, () => client(timeoutMs).availability(TO, { retry: NO_RETRY }));
      assert.ok(error instanceof TimeoutError, `${error.name}: ${error.message}`);
      assert.equal(error.message, 'No complete response from the API within 1 s. Nothing was sent: reading again is safe.');
      assert.ok(elapsed >= timeoutMs - 5 && elapsed < timeoutMs + LATE_MS, `gave up after ${Math.round(elapsed)} ms`);
    });
  }

  it('a read that timed out is asked again (it changes nothing), each attempt within its deadline', async () => {
    const timeoutMs = 300;
    const retry: RetryPolicy = { attempts: 2, baseDelayMs: 1, maxWaitMs: 0, idempotent: true };
    const { error, elapsed } = await attacked('stall', () => client(timeoutMs).availability(TO, { retry }));
    assert.ok(error instanceof TimeoutError);
    assert.equal(api.requests.length, 2);
    assert.ok(elapsed < 2 * timeoutMs + LATE_MS, `gave up after ${Math.round(elapsed)} ms`);
  });

  for (const attack of ['stall', 'trickle'] as const) {
    it(`a send that timed out (${attack}) may have reached the server: never retried`, async () => {
      const { error } = await attacked(attack, () => client(300).send(MESSAGE));
      assert.ok(error instanceof TimeoutError);
      assert.ok(error.mayHaveBeenSent);
      assert.match(error.message, /^No complete response from the API within 0\.3 s\. The message may still have been sent/);
      assert.deepEqual(api.requests, [{ method: 'POST', path: '/send/imessage' }]);
    });
  }
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
