// CHANGELOG.md keeps the Keep a Changelog form (https://keepachangelog.com/en/1.1.0/), and the release
// workflow's notes come from it: scripts/release-notes.mjs run as the workflow runs it, in a
// temporary folder with its own package.json and CHANGELOG.md.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts/release-notes.mjs');
const SECTIONS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

describe('CHANGELOG.md', () => {
  const text = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const lines = text.split('\n');
  const versions = lines.filter((l) => l.startsWith('## '));

  it('opens with Unreleased, then versions as [x.y.z] - YYYY-MM-DD', () => {
    assert.equal(lines[0], '# Changelog');
    assert.equal(versions[0], '## [Unreleased]');
    for (const v of versions.slice(1)) assert.match(v, /^## \[\d+\.\d+\.\d+(-[\w.]+)?\] - \d{4}-\d{2}-\d{2}$/);
  });

  it('sorts entries under the six kinds of change, none empty', () => {
    const kinds = lines.filter((l) => l.startsWith('### '));
    assert.ok(kinds.length > 0);
    for (const k of kinds) assert.ok(SECTIONS.includes(k.slice(4)), `${k} is not one of ${SECTIONS.join(', ')}`);
    for (const [i, line] of lines.entries()) {
      if (!line.startsWith('### ')) continue;
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      assert.ok(next?.startsWith('- '), `${line} (line ${i + 1}) has no entry`);
    }
  });

  it('links every version heading at the bottom', () => {
    for (const v of versions) {
      const label = /^## (\[[^\]]+\])/.exec(v)![1];
      assert.match(text, new RegExp(`^${label.replace(/[.[\]]/g, '\\$&')}: https://\\S+$`, 'm'), `${label} has no link reference`);
    }
  });
});

describe('release notes (scripts/release-notes.mjs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imessage-release-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.2.0' }));
    writeFileSync(
      join(dir, 'CHANGELOG.md'),
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '### Added',
        '',
        '- Not released yet.',
        '',
        '## [1.2.0] - 2026-12-01',
        '',
        '### Fixed',
        '',
        '- The one in 1.2.0.',
        '',
        '## [1.1.0] - 2026-11-01',
        '',
        '### Added',
        '',
        '- The one in 1.1.0.',
        '',
        '[Unreleased]: https://example.invalid/compare/v1.2.0...HEAD',
        '[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0',
        '[1.1.0]: https://example.invalid/releases/tag/v1.1.0',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const notes = (tag: string) => {
    const r = spawnSync(process.execPath, [SCRIPT, tag], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("prints the tag's section, without the other versions", () => {
    const { status, stdout, stderr } = notes('v1.2.0');
    assert.equal(status, 0, stderr);
    assert.equal(stdout, '### Fixed\n\n- The one in 1.2.0.\n');
  });

  it('stops the last section at the link references', () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.1.0' }));
    const { status, stdout, stderr } = notes('v1.1.0');
    assert.equal(status, 0, stderr);
    assert.equal(stdout, '### Added\n\n- The one in 1.1.0.\n');
  });

  it("refuses a tag that is not package.json's version", () => {
    const { status, stdout, stderr } = notes('v1.3.0');
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /v1\.3\.0 is not package\.json's version: expected v1\.2\.0/);
  });

  it('refuses a version the CHANGELOG has not released yet', () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.3.0' }));
    const { status, stderr } = notes('v1.3.0');
    assert.equal(status, 1);
    assert.match(stderr, /no section "## \[1\.3\.0\] - YYYY-MM-DD"/);
  });
});
