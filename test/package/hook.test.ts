// The packaged hook command (extension/dist/hook.js) stays a small relay that loads only Node's own
// modules: no zod, no phone metadata, no vscode, none of the extension's services. Agents run it
// on every hook, so its start is their overhead. Run after `npm run package`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractDist, readZip } from './zip';

/** Bytes; about 7 KB today. */
const HOOK_BUDGET = 15_000;

describe('the packaged hook command', () => {
  const entries = readZip(readFileSync('imessage-sender.vsix'));
  const hook = entries.find((e) => e.name === 'extension/dist/hook.js');

  it(`is in the .vsix, under ${HOOK_BUDGET} bytes`, () => {
    assert.ok(hook, 'extension/dist/hook.js is packaged');
    assert.ok(hook.size <= HOOK_BUDGET, `hook.js is ${hook.size} bytes, budget ${HOOK_BUDGET}`);
  });

  it("requires only Node's own modules, and holds none of zod, the phone metadata, vscode or the token store", () => {
    const text = hook!.read().toString('utf8');
    const required = [...text.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    assert.ok(required.length > 0);
    assert.deepEqual(
      required.filter((id) => !builtinModules.includes(id.replace(/^node:/, ''))),
      [],
    );
    assert.doesNotMatch(text, /Invalid input: expected|invalid_type/, 'zod');
    assert.doesNotMatch(text, /country_calling_codes|nonGeographic/, 'phone metadata');
    assert.doesNotMatch(text, /SecretStorage|globalState|contiguity_sk/, 'the extension or its token');
  });

  it('runs on its own: with no window it exits 0 with one line on stderr', function () {
    this.timeout(20_000);
    const root = mkdtempSync(join(tmpdir(), 'imessage-hook-pkg-'));
    try {
      const dist = extractDist(entries, root);
      const r = spawnSync(process.execPath, [join(dist, 'hook.js'), '--agent', 'claude'], {
        input: '{"hook_event_name":"Stop","cwd":"/a"}',
        env: { ...process.env, IMESSAGE_HOOK_DIR: join(root, 'no-channel') },
        encoding: 'utf8',
        timeout: 10_000,
      });
      assert.deepEqual([r.status, r.stdout], [0, '']);
      assert.match(r.stderr, /^imessage-hook: no VS Code window [^\n]+\n$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
