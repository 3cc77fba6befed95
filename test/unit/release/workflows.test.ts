// `npm test` validates the GitHub workflows with scripts/validate-workflows.mjs. These run it as npm
// test does, on the repository's workflows and on broken copies in a temporary folder, so a
// validator that passes everything (or checks nothing) fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts/validate-workflows.mjs');
const WORKFLOWS = join(ROOT, '.github/workflows');

function validate(dir?: string) {
  const r = spawnSync(process.execPath, [SCRIPT, ...(dir ? [dir] : [])], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('workflow validation (scripts/validate-workflows.mjs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imessage-workflows-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The repository's workflow `name`, with `edit` applied, alone in the temporary folder. */
  function brokenCopy(name: string, edit: (text: string) => string): string {
    const original = readFileSync(join(WORKFLOWS, name), 'utf8');
    const broken = edit(original);
    assert.notEqual(broken, original, 'the edit changed nothing');
    writeFileSync(join(dir, name), broken);
    return dir;
  }

  it('passes the CI and release workflows', () => {
    const { status, out } = validate();
    assert.equal(status, 0, out);
    assert.match(out, /✔ \.github\/workflows\/ci\.yml/);
    assert.match(out, /✔ \.github\/workflows\/release\.yml/);
  });

  it('fails a misspelt key, naming the file and the path', () => {
    const { status, out } = validate(brokenCopy('ci.yml', (t) => t.replace('runs-on:', 'run-on:')));
    assert.equal(status, 1, out);
    assert.match(out, /✘ .*ci\.yml/);
    assert.match(out, /\/jobs\/test\/runs-on: This property is required/);
  });

  it('fails a permission GitHub does not have', () => {
    const { status, out } = validate(brokenCopy('release.yml', (t) => t.replace('contents: write', 'contents: admin')));
    assert.equal(status, 1, out);
    assert.match(out, /\/jobs\/release\/permissions\/contents: Enum conditions are not met/);
  });

  it('fails YAML that does not parse, with its line', () => {
    const { status, out } = validate(brokenCopy('ci.yml', (t) => t.replace('branches: [main]', 'branches: [main')));
    assert.equal(status, 1, out);
    assert.match(out, /Parse Error .*line \d+/);
  });

  it('fails a folder without workflows instead of checking nothing', () => {
    writeFileSync(join(dir, 'notes.md'), '# not a workflow\n');
    const { status, out } = validate(dir);
    assert.equal(status, 1, out);
    assert.match(out, /no workflow/);
  });
});
