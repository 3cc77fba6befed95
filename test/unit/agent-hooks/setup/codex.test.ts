// $CODEX_HOME/config.toml: setup adds one top-level notify line, before any [table] and after the
// other root keys; applying twice changes nothing; removal deletes only that line; another notify
// program is never replaced; a file the scan is unsure of is refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCodex, removeCodex } from '../../../../src/core/agent-hooks/setup/codex';
import { scanToml } from '../../../../src/core/agent-hooks/setup/toml-scan';

const FILE = '/home/ana/.codex/config.toml';
const LAUNCHER = '/home/ana/.config/Code/User/globalStorage/imessage-sender.imessage-sender/bin/imessage-hook';
const LINE = `notify = ["${LAUNCHER}", "--agent", "codex"]\n`;
const EXISTING = readFileSync(join(__dirname, '../../../fixtures/agent-hooks/setup/codex-config.toml'), 'utf8');

function applied(text: string | undefined, launcher = LAUNCHER): string {
  const result = applyCodex(text, launcher, FILE);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.text!;
}

describe('agent hooks setup: ~/.codex/config.toml', () => {
  it('the scan finds only the root keys, past multi-line strings and arrays that look like keys and headers', () => {
    const scan = scanToml(EXISTING);
    assert.ok(scan.ok);
    assert.deepEqual(
      scan.keys.map((k) => k.name),
      ['model', 'approval_policy', 'instructions', 'writable'],
    );
    assert.equal(
      EXISTING.slice(scan.firstTable),
      '[model_providers.ollama]\nname = "Ollama"\nnotify = "a key in a table, not Codex\'s notify"\n',
    );
  });

  it('adds notify after the last root key, before the comment and the first table', () => {
    const text = applied(EXISTING);
    const writableEnds = EXISTING.indexOf('\n]\n') + 3;
    assert.equal(text, EXISTING.slice(0, writableEnds) + LINE + EXISTING.slice(writableEnds));
  });

  it('applied twice, adds nothing; removal gives back the file byte for byte', () => {
    const once = applied(EXISTING);
    assert.equal(applied(once), once);
    assert.deepEqual(removeCodex(once, FILE), { ok: true, text: EXISTING });
  });

  it('creates the line in a new or table-only file, at the top', () => {
    assert.equal(applied(undefined), LINE);
    assert.equal(applied('[tui]\nnotifications = true\n'), `${LINE}[tui]\nnotifications = true\n`);
    assert.equal(applied('model = "o3"'), `model = "o3"\n${LINE}`);
  });

  it('keeps CRLF line ends', () => {
    const crlf = 'model = "o3"\r\n[tui]\r\nnotifications = true\r\n';
    const text = applied(crlf);
    assert.equal(text, `model = "o3"\r\n${LINE.replace('\n', '\r\n')}[tui]\r\nnotifications = true\r\n`);
    assert.deepEqual(removeCodex(text, FILE), { ok: true, text: crlf });
  });

  it('replaces our own older line (the launcher moved) in place', () => {
    const old = applied(EXISTING, '/old/place/imessage-hook');
    assert.equal(applied(old), applied(EXISTING));
  });

  it('never replaces another notify program, and says why', () => {
    for (const other of [
      'notify = ["terminal-notifier", "-title", "Codex"]\n',
      'notify = [\n  "python3",\n  "/home/ana/notify.py",\n]\n',
    ]) {
      const text = `model = "o3"\n${other}[tui]\n`;
      const result = applyCodex(text, LAUNCHER, FILE);
      assert.equal(result.ok, false);
      assert.match(
        result.ok ? '' : result.error,
        /config\.toml already has a notify program \(notify = \[.*Codex runs only one.*Nothing was changed/s,
      );
      assert.deepEqual(removeCodex(text, FILE), { ok: true, text }, 'removal leaves it too');
    }
  });

  for (const [why, text, says] of [
    ['an unterminated string', 'model = "o3\n', /line 1: a string does not end on its line/],
    ['an unterminated multi-line string', 'a = """\nnever closed\n', /line 1: a string does not end/],
    ['an array that does not close', 'a = [1,\n2\n[tui]\n', /line 1: the value of "a" does not close/],
    ['a line that is no key', 'model "o3"\n', /line 1: expected `key = value`/],
    ['a header that does not close', '[tui\nx = 1\n', /line 1: a table header does not close/],
  ] as const) {
    it(`refuses a file with ${why}, naming the file and the line`, () => {
      for (const result of [applyCodex(text, LAUNCHER, FILE), removeCodex(text, FILE)]) {
        assert.equal(result.ok, false);
        assert.match(result.ok ? '' : result.error, says);
        assert.match(
          result.ok ? '' : result.error,
          /^\/home\/ana\/\.codex\/config\.toml is not TOML this command can edit .*Nothing was changed/,
        );
      }
    });
  }
});
