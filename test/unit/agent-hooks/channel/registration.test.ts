// Registrations: written whole (temp file + rename, 0600), read with a bound and checked by hand,
// stale ones (their process gone) skipped and removed with their socket.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL_VERSION, type WindowRegistration } from '../../../../src/core/agent-hooks/channel-protocol';
import { ensurePrivateDir } from '../../../../src/core/agent-hooks/channel/private-dir';
import { isAlive } from '../../../../src/core/shared-files';
import {
  parseRegistration,
  readRegistrations,
  registrationFile,
  removeRegistration,
  writeRegistration,
} from '../../../../src/core/agent-hooks/channel/registration';

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('window registrations', () => {
  let dir: string;
  const of = (over: Partial<WindowRegistration> = {}): WindowRegistration => ({
    v: CHANNEL_VERSION,
    pid: process.pid,
    socket: join(dir, 'a.sock'),
    folders: ['/home/ana/src/acme'],
    focusedAt: 1000,
    ...over,
  });
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'imessage-reg-')), 'channel');
    ensurePrivateDir(dir);
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('are written 0600, whole, with no temp file left, read back, rewritten and removed', () => {
    writeRegistration(dir, 'a', of());
    assert.equal(lstatSync(registrationFile(dir, 'a')).mode & 0o777, 0o600);
    assert.deepEqual(readRegistrations(dir), [of()]);
    writeRegistration(dir, 'a', of({ focusedAt: 2000 }));
    assert.deepEqual(readRegistrations(dir), [of({ focusedAt: 2000 })]);
    assert.deepEqual(readdirSync(dir), ['a.json']);
    removeRegistration(dir, 'a');
    assert.deepEqual(readRegistrations(dir), []);
    removeRegistration(dir, 'a'); // twice is fine (dispose after a failed start)
  });

  it('skip a window whose process is gone, and remove its registration and socket', () => {
    const dead = deadPid();
    assert.equal(isAlive(dead), false);
    writeFileSync(join(dir, 'dead.sock'), '');
    writeRegistration(dir, 'dead', of({ pid: dead, socket: join(dir, 'dead.sock') }));
    writeRegistration(dir, 'live', of());
    assert.deepEqual(readRegistrations(dir), [of()]);
    assert.deepEqual(readdirSync(dir).sort(), ['live.json']);
  });

  it('skip files that are malformed, too big or links, and leave them', () => {
    writeFileSync(join(dir, 'bad.json'), '{"v":1,');
    writeFileSync(join(dir, 'big.json'), JSON.stringify(of({ folders: Array(200).fill('/x'.repeat(300)) })));
    const elsewhere = join(dir, '..', 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify(of()));
    symlinkSync(elsewhere, join(dir, 'link.json'));
    writeFileSync(join(dir, 'notes.txt'), JSON.stringify(of()));
    assert.deepEqual(readRegistrations(dir), []);
    assert.ok(existsSync(join(dir, 'bad.json')));
  });

  it('are nothing in a directory that is not there', () => {
    assert.deepEqual(readRegistrations(join(dir, 'missing')), []);
  });

  const bad: [string, unknown][] = [
    ['another version', { v: 2 }],
    ['pid 0', { pid: 0 }],
    ['pid as text', { pid: '12' }],
    ['pid fractional', { pid: 1.5 }],
    ['socket empty', { socket: '' }],
    ['socket not text', { socket: 3 }],
    ['folders not a list', { folders: '/a' }],
    ['a folder not text', { folders: ['/a', 7] }],
    ['a folder empty', { folders: [''] }],
    ['a folder of 5000 characters', { folders: ['/'.repeat(5000)] }],
    ['300 folders', { folders: Array(300).fill('/a') }],
    ['focusedAt missing', { focusedAt: undefined }],
    ['focusedAt infinite', { focusedAt: 'Infinity' }],
  ];
  for (const [what, over] of bad) {
    it(`refuse ${what}`, () => assert.equal(parseRegistration(JSON.stringify({ ...of(), ...(over as object) })), undefined));
  }
  for (const text of ['null', '[]', '"x"', '', '{']) {
    it(`refuse ${JSON.stringify(text)}`, () => assert.equal(parseRegistration(text), undefined));
  }

  it('keep only the fields a window writes', () => {
    assert.deepEqual(parseRegistration(JSON.stringify({ ...of(), extra: 'x' })), of());
  });
});
