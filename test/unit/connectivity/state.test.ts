// The window's offline state on a fake clock: said once per outage, a TCP probe while someone waits
// (every PROBE.everyMs, slower after false alarms), and "back" at once when the probe connects or a
// request is answered.
import assert from 'node:assert/strict';
import {
  CancelledError,
  NetworkError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../../src/core/client/errors';
import { ConnectivityState, PROBE, probeDelay, unreachable } from '../../../src/core/connectivity';
import { FakeTimers, settled } from '../fake-timers';

const refused = () =>
  new NetworkError('Could not connect to the API (ECONNREFUSED). Nothing was sent.', 'connect', 'ECONNREFUSED', undefined);

function setup() {
  const timers = new FakeTimers();
  const said: string[] = [];
  let backs = 0;
  let probes = 0;
  let network = false;
  let needed = true;
  const state = new ConnectivityState({
    timers,
    probe: async () => {
      probes++;
      return network;
    },
    needed: () => needed,
    onChange: (offline, reason) => said.push(offline ? `offline (${reason})` : 'online'),
    onBack: () => backs++,
  });
  return {
    timers,
    state,
    said,
    backs: () => backs,
    probes: () => probes,
    setNetwork: (up: boolean) => (network = up),
    setNeeded: (yes: boolean) => (needed = yes),
  };
}

describe('connectivity state (fake clock)', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));
  afterEach(() => s.state.dispose());

  it('says offline once however many requests fail, and online once when one is answered', async () => {
    for (let i = 0; i < 5; i++) assert.equal(s.state.report(refused()), true);
    assert.deepEqual(s.said, ['offline (ECONNREFUSED)']);
    assert.equal(s.state.offline, true);
    await s.timers.advance(60_000);
    assert.equal(s.state.report(refused()), true);
    assert.deepEqual(s.said, ['offline (ECONNREFUSED)'], 'still the same outage');
    s.state.report();
    assert.deepEqual(s.said, ['offline (ECONNREFUSED)', 'online']);
    assert.equal(s.backs(), 1, 'an answer while offline wakes whoever waits');
    s.state.report();
    assert.deepEqual(s.said, ['offline (ECONNREFUSED)', 'online'], 'no news while online');
  });

  it('probes every PROBE.everyMs while offline and needed; a connect says "back" at once; an answer stops the probe', async () => {
    s.state.report(refused());
    await s.timers.advance(PROBE.everyMs - 1);
    assert.equal(s.probes(), 0);
    await s.timers.advance(1);
    assert.equal(s.probes(), 1);
    await s.timers.advance(3 * PROBE.everyMs);
    assert.equal(s.probes(), 4, 'a refused probe keeps the pace');
    assert.equal(s.backs(), 0);
    s.setNetwork(true);
    await s.timers.advance(PROBE.everyMs);
    assert.equal(s.backs(), 1, 'the connect wakes the waiters');
    assert.equal(s.state.offline, true, 'only an answer ends the outage');
    s.state.report(); // a woken request got its answer
    assert.deepEqual(s.said, ['offline (ECONNREFUSED)', 'online']);
    const probes = s.probes();
    await s.timers.advance(10 * PROBE.everyMs);
    assert.equal(s.probes(), probes, 'no probe once online');
    assert.deepEqual(s.timers.due(), []);
  });

  it('a connect that requests do not confirm is a false alarm: the probe waits twice as long each time, up to the cap', async () => {
    s.setNetwork(true); // the port connects, yet requests get no answer (a captive portal)
    s.state.report(refused());
    const gaps: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = s.timers.now();
      const backs = s.backs();
      while (s.backs() === backs) await s.timers.advance(100);
      gaps.push(s.timers.now() - before);
      s.state.report(refused()); // the retry woken by it failed again
    }
    assert.deepEqual(gaps, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    s.state.report();
    assert.equal(probeDelay(0), PROBE.everyMs, 'an answer resets the pace');
    s.state.report(refused());
    await s.timers.advance(PROBE.everyMs);
    assert.equal(s.backs(), 8 + 1, 'back to every PROBE.everyMs (and the answer woke them once)');
  });

  it('stops probing when nobody waits for the network; a later failure or wait() starts it again', async () => {
    s.state.report(refused());
    s.setNeeded(false);
    await s.timers.advance(PROBE.everyMs);
    assert.equal(s.probes(), 0);
    assert.deepEqual(s.timers.due(), [], 'no timer left running');
    s.setNeeded(true);
    s.state.report(refused());
    await s.timers.advance(PROBE.everyMs);
    assert.equal(s.probes(), 1);
    s.setNeeded(false);
    await s.timers.advance(PROBE.everyMs);
    s.setNeeded(true);
    s.state.wait(); // texts kept by an earlier session
    s.setNetwork(true);
    await s.timers.advance(PROBE.everyMs);
    assert.equal(s.probes(), 2);
    assert.equal(s.backs(), 1);
  });

  it('one probe at a time, and none after dispose', async () => {
    let release!: (ok: boolean) => void;
    let started = 0;
    const timers = new FakeTimers();
    const state = new ConnectivityState({
      timers,
      probe: () => (started++, new Promise((resolve) => (release = resolve))),
      needed: () => true,
      onChange: () => {},
      onBack: () => {},
    });
    state.report(refused());
    await timers.advance(PROBE.everyMs);
    state.report(refused());
    state.wait();
    await timers.advance(5 * PROBE.everyMs);
    assert.equal(started, 1, 'a probe that hangs (up to its own timeout) is not doubled');
    release(false);
    await settled();
    await timers.advance(PROBE.everyMs);
    assert.equal(started, 2);
    state.dispose();
    release(false);
    await timers.advance(10 * PROBE.everyMs);
    assert.equal(started, 2);
  });

  it('counts only "no answer at all" as offline; any HTTP answer as reachable; the rest changes nothing', () => {
    assert.equal(unreachable(refused()), true);
    assert.equal(unreachable(new NetworkError('reset', 'in-flight', 'ECONNRESET', undefined)), true, 'no answer came back either');
    assert.equal(unreachable(new TimeoutError(15_000)), true, 'nothing came back before the deadline');
    assert.equal(unreachable(new TimeoutError(15_000, undefined, true)), false, 'the headers came: the API answered, slowly');
    s.state.report(refused());
    for (const nothingLearned of [new ValidationError('to', 'is not a number'), new CancelledError(), new Error('disk full')]) {
      assert.equal(s.state.report(nothingLearned), false);
      assert.equal(s.state.offline, true);
    }
    assert.equal(s.state.report(new ServerError('HTTP 503', 503, {}, '')), false);
    assert.equal(s.state.offline, false, 'a 503 is an answer: the API is reachable');
    s.state.report(new TimeoutError(15_000));
    assert.equal(s.state.offline, true);
    s.state.report(new RateLimitedError('slow down', {}, 1_000));
    assert.equal(s.state.offline, false);
    assert.deepEqual(s.said, ['offline (ECONNREFUSED)', 'online', 'offline (no answer within 15 s)', 'online']);
  });
});
