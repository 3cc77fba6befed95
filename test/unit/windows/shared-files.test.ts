// Files shared by the windows, where other processes may write too: an exclusive marker is made by
// exactly one caller and is never seen empty; reads take only small regular files, never follow a
// link and never block on a FIFO; whole files replace each other in one step.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createExclusive, isAlive, readBounded, readJsonBounded, writeWhole } from '../../../src/core/shared-files';

describe('files shared by the windows', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-files-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an exclusive marker: one creator of many, and whoever finds it finds it whole', async () => {
    // Made with a plain O_EXCL write, a reader here found it empty about once in 30 rounds.
    for (let round = 0; round < 30; round++) {
      const file = path.join(dir, `${round}.claim`);
      const content = JSON.stringify({ pid: 1, at: 2, pad: 'p'.repeat(10_000) });
      const seen: (string | undefined)[] = [];
      let creating = true;
      const reader = (async () => {
        while (creating) seen.push(await readBounded(file, 1_000_000));
      })();
      const made = await Promise.all(Array.from({ length: 20 }, () => createExclusive(file, content)));
      creating = false;
      await reader;
      assert.equal(made.filter(Boolean).length, 1);
      for (const text of seen) assert.ok(text === undefined || text === content, `never half-written (${text?.length} chars)`);
    }
    assert.equal(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')).length, 0, 'no temp file left');
  });

  it('reads only small regular files: not a link, a FIFO, a directory, or too much', async () => {
    const plain = path.join(dir, 'plain.json');
    fs.writeFileSync(plain, '{"a":1}');
    assert.deepEqual(await readJsonBounded(plain, 100), { a: 1 });
    assert.equal(await readBounded(plain, 3), undefined, 'over the bound');
    fs.symlinkSync(plain, path.join(dir, 'link.json'));
    assert.equal(await readBounded(path.join(dir, 'link.json'), 100), undefined, 'a link is not followed');
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    assert.equal(await readBounded(path.join(dir, 'fifo.json'), 100), undefined, 'a FIFO nobody writes does not block');
    assert.equal(await readBounded(dir, 100), undefined, 'a directory');
    assert.equal(await readBounded(path.join(dir, 'missing'), 100), undefined);
    fs.writeFileSync(path.join(dir, 'torn.json'), '{"a":');
    assert.equal(await readJsonBounded(path.join(dir, 'torn.json'), 100), undefined);
  });

  it('writeWhole replaces a file in one step, 0600, leaving no temp file', async () => {
    const file = path.join(dir, 'state.json');
    await writeWhole(file, 'one');
    await writeWhole(file, 'two');
    assert.equal(fs.readFileSync(file, 'utf8'), 'two');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(dir), ['state.json']);
  });

  it('isAlive: this process is, nonsense pids are not', () => {
    assert.equal(isAlive(process.pid), true);
    for (const pid of [0, -1, 1.5, Number.NaN, 2 ** 53]) assert.equal(isAlive(pid), false, String(pid));
  });
});
