// Every file of the extension's code loads with require(): esbuild.js edits each ESM output file
// as text (bare imports of helper-only chunks dropped, `vscode` required as it is) and then turns
// it into CommonJS. A pass that stops matching after an esbuild upgrade must fail a test, not
// cost startup time in silence or break a feature on its first use: here (every file loads, and
// none copies vscode's properties) and in vsix.test.ts (activation loads 2 files). Run after
// `npm run package`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractDist, readZip } from './zip';

const REQUIRE_ALL = join(__dirname, '../../bench/activation/require-all.cjs');

describe('the packaged code', () => {
  let root: string;
  let dist: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'imessage-chunks-'));
    dist = extractDist(readZip(readFileSync('imessage-sender.vsix')), root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('loads file by file with require() against the stand-in vscode, and every require() names a file that is there', function () {
    this.timeout(20_000);
    const r = spawnSync(process.execPath, [REQUIRE_ALL, dist], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(r.stdout) as { file: string; problems: string[] }[];
    assert.ok(
      results.some((f) => f.file === 'extension.js'),
      'extension.js was loaded',
    );
    assert.ok(results.filter((f) => f.file.startsWith('chunks/')).length >= 5, `only ${results.length} files: the chunks are missing`);
    // An ESM statement left behind is a SyntaxError here; a vscode import left to __toESM lists its properties.
    assert.deepEqual(
      results.filter((f) => f.problems.length > 0),
      [],
    );
  });
});
