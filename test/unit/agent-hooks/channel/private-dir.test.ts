// The channel's directory is refused unless it is a real directory, ours, and closed to others:
// anyone can create a name in /tmp before us.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelDirError, checkPrivateDir, ensurePrivateDir } from '../../../../src/core/agent-hooks/channel/private-dir';

describe('the channel directory', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'imessage-dir-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is created 0700 and then accepted, by the window and by the hook', () => {
    const dir = join(root, 'channel');
    ensurePrivateDir(dir);
    assert.equal(lstatSync(dir).mode & 0o777, 0o700);
    checkPrivateDir(dir);
    ensurePrivateDir(dir); // a second window finds it made
  });

  it('is refused when open to others (0755), by both sides, and left as it is', () => {
    const dir = join(root, 'channel');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    assert.throws(() => checkPrivateDir(dir), { name: 'Error', message: /is open to others \(mode 755\).*must be 700/ });
    assert.throws(() => ensurePrivateDir(dir), ChannelDirError);
    chmodSync(dir, 0o710);
    assert.throws(() => checkPrivateDir(dir), /mode 710/);
    assert.equal(lstatSync(dir).mode & 0o777, 0o710);
  });

  it('is refused when it is a symbolic link, even to a private directory of ours', () => {
    const real = join(root, 'real');
    ensurePrivateDir(real);
    const link = join(root, 'channel');
    symlinkSync(real, link);
    assert.throws(() => checkPrivateDir(link), /is a symbolic link/);
    assert.throws(() => ensurePrivateDir(link), /is a symbolic link/);
  });

  it('is refused when it is a file', () => {
    const file = join(root, 'channel');
    writeFileSync(file, '');
    assert.throws(() => ensurePrivateDir(file), /is not a directory/);
  });

  it("is refused when it belongs to someone else (as root: a 0700 directory chowned to 65534; otherwise: /, root's)", () => {
    if (process.getuid!() === 0) {
      const dir = join(root, 'channel');
      ensurePrivateDir(dir);
      chownSync(dir, 65534, 65534);
      assert.throws(() => checkPrivateDir(dir), /belongs to uid 65534, not to you \(uid 0\).*someone else made it/);
    } else {
      assert.throws(() => checkPrivateDir('/'), /belongs to uid 0, not to you/);
    }
  });

  it('is refused, saying so, when it is missing (the hook does not create it)', () => {
    assert.throws(() => checkPrivateDir(join(root, 'missing')), /cannot be read: ENOENT/);
  });
});
