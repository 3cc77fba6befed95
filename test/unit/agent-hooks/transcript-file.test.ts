// Reading the transcript a hook input names: only an absolute path to a regular .jsonl file, only
// its tail, never blocking on a FIFO.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TRANSCRIPT_TAIL_BYTES } from '../../../src/core/agent-hooks/transcript';
import { lastMessageIn } from '../../../src/extension/features/agent-hooks/transcript-file';

const said = (text: string) => JSON.stringify({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text }] } });

describe('agent hooks: transcript file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'imessage-transcript-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the last message from the tail of a file far larger than the tail', async () => {
    const file = join(dir, 'big.jsonl');
    const filler = JSON.stringify({ type: 'user', message: { role: 'user', content: 'x'.repeat(10_000) } });
    const early = said('an early answer, beyond the tail');
    writeFileSync(file, [early, ...Array<string>(60).fill(filler), said('the last answer'), ''].join('\n'));
    assert.equal(await lastMessageIn(file), 'the last answer');
    // Only the early answer, then more than a tail of other records: the early one is out of reach.
    writeFileSync(file, [early, ...Array<string>(Math.ceil(TRANSCRIPT_TAIL_BYTES / filler.length) + 1).fill(filler), ''].join('\n'));
    assert.equal(await lastMessageIn(file), undefined);
  });

  it('refuses relative paths, other extensions, directories and missing files', async () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(file, said('hi') + '\n');
    assert.equal(await lastMessageIn(file), 'hi');
    assert.equal(await lastMessageIn(relative(process.cwd(), file)), undefined);
    const other = join(dir, 't.txt');
    writeFileSync(other, said('hi') + '\n');
    assert.equal(await lastMessageIn(other), undefined);
    assert.equal(await lastMessageIn(join(dir, 'missing.jsonl')), undefined);
    const folder = join(dir, 'folder.jsonl');
    mkdirSync(folder);
    assert.equal(await lastMessageIn(folder), undefined);
    assert.equal(await lastMessageIn(undefined), undefined);
  });

  if (process.platform !== 'win32') {
    it('a FIFO named like a transcript is not read, and does not block', async () => {
      const fifo = join(dir, 'pipe.jsonl');
      execFileSync('mkfifo', [fifo]);
      assert.equal(await lastMessageIn(fifo), undefined);
    });
  }
});
