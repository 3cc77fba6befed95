// Which window speaks for a reply: marker names (a hash, stable, no outside text in them), pruning
// (ours only, by age and by count), and the claim over a real directory: exactly one of several
// windows gets true, whatever order they come in, and a reply older than markers are kept gets none.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_TOLD, PRUNE_EVERY_MS, TOLD_KEEP_MS, ToldMarkers, toldName, toPrune } from '../../../src/core/windows/told';

const THREAD = '+14155552671|+15550000001';

describe('reply markers (one window speaks)', () => {
  let dir: string;
  let now: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'told-'));
    now = 1_700_000_000_000;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const window = (pid: number) => new ToldMarkers({ dir, pid, now: () => now });

  it('names a marker by a hash of thread and message: stable, distinct, and safe whatever the text', () => {
    const name = toldName(THREAD, 'id:imsg_abc');
    assert.match(name, /^[0-9a-f]{40}\.told$/);
    assert.equal(toldName(THREAD, 'id:imsg_abc'), name, 'every window computes the same name');
    assert.notEqual(toldName(THREAD, 'id:imsg_abd'), name);
    assert.notEqual(toldName('+14155552672|+15550000001', 'id:imsg_abc'), name, 'the thread is part of it');
    // A key without a server id carries the text: none of it reaches the file system.
    assert.match(toldName(THREAD, '+1415|1700000000000|../../etc/passwd\n\u0000'), /^[0-9a-f]{40}\.told$/);
    // Thread and message are separated: moving characters between them is another marker.
    assert.notEqual(toldName('a', 'bc'), toldName('ab', 'c'));
  });

  it('exactly one of several windows claims a reply, however they interleave', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((pid) => window(pid).claim(THREAD, 'id:m1', now)));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal(await window(6).claim(THREAD, 'id:m1', now), false, 'a window that polls later stays quiet');
    assert.equal(await window(6).claim(THREAD, 'id:m2', now), true, 'the next reply is news again');
  });

  it('a reply older than markers are kept is news to nobody (pruning cannot make it spoken twice)', async () => {
    assert.equal(await window(1).claim(THREAD, 'id:old', now - TOLD_KEEP_MS - 1), false);
    assert.deepEqual(fs.readdirSync(dir), [], 'and no marker is made for it');
  });

  it('a file already at the marker path (even a dangling link) counts as told: never read, never followed', async () => {
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, toldName(THREAD, 'id:m1')));
    assert.equal(await window(1).claim(THREAD, 'id:m1', now), false);
    assert.equal(fs.existsSync(path.join(dir, 'nowhere')), false, 'nothing was written through the link');
  });

  it('prunes only our markers: the old ones, then the oldest beyond the cap', () => {
    const ours = (i: number) => `${i.toString(16).padStart(40, '0')}.told`;
    const entries = [
      { name: ours(1), mtimeMs: now - TOLD_KEEP_MS - 1 },
      { name: ours(2), mtimeMs: now - 1000 },
      { name: ours(3), mtimeMs: now - 2000 },
      { name: ours(4), mtimeMs: now },
      { name: 'notes.txt', mtimeMs: 0 },
      { name: `${ours(5)}.tmp`, mtimeMs: 0 },
      { name: `${ours(6)}.4242.0a1b2c3d.tmp`, mtimeMs: 0 },
      { name: `${ours(7)}.4242.0a1b2c3d.tmp`, mtimeMs: now },
    ];
    assert.deepEqual(
      toPrune(entries, now),
      [ours(1), `${ours(6)}.4242.0a1b2c3d.tmp`],
      'by age, with what a dead window left; foreign names left alone',
    );
    assert.deepEqual(toPrune(entries, now, TOLD_KEEP_MS, 2).slice(0, 2), [ours(3), ours(1)], 'the cap keeps the newest');
    assert.ok(MAX_TOLD >= 1000, 'the cap is far above the replies of a day');
  });

  it('prunes the directory at most once an hour, with the claim, and lstat judges a link as itself', async () => {
    const old = path.join(dir, toldName(THREAD, 'id:a'));
    fs.writeFileSync(old, '');
    const past = new Date(now - TOLD_KEEP_MS - 60_000);
    fs.utimesSync(old, past, past);
    const target = path.join(dir, 'target');
    fs.writeFileSync(target, 'keep me');
    const link = path.join(dir, toldName(THREAD, 'id:b'));
    fs.symlinkSync(target, link);
    fs.lutimesSync(link, past, past);
    const w = window(1);
    assert.equal(await w.claim(THREAD, 'id:c', now), true);
    assert.deepEqual(fs.readdirSync(dir).sort(), [toldName(THREAD, 'id:c'), 'target'].sort());
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep me', 'the link went, not what it pointed to');
    // Within the hour no listing: a new old marker stays until the next prune.
    fs.writeFileSync(old, '');
    fs.utimesSync(old, past, past);
    now += PRUNE_EVERY_MS - 1;
    await w.claim(THREAD, 'id:d', now);
    assert.ok(fs.existsSync(old));
    now += 1;
    await w.claim(THREAD, 'id:e', now);
    assert.ok(!fs.existsSync(old));
  });
});
