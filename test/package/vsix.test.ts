// The packaged .vsix holds only what users need, and its bundles stay within their byte budgets.
// Run after `npm run package` (scripts/test.mjs does both).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** Byte budgets, also stated in the README. Raising one is a decision, not a fix. */
export const BUDGETS: Record<string, number> = {
  'extension/dist/extension.js': 220_000,
  'extension/dist/phone.js': 140_000,
  'extension/dist/webview.js': 40_000,
};
const VSIX_BUDGET = 400_000;

interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}

/** Just enough of the zip format (central directory) to list and read a .vsix. */
function readZip(buffer: Buffer): ZipEntry[] {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressed = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const read = () => {
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + compressed);
      return method === 0 ? data : inflateRawSync(data);
    };
    entries.push({ name, size, read });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('the packaged .vsix', () => {
  const file = readFileSync('imessage-sender.vsix');
  const entries = readZip(file);
  const names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));

  it('holds only what users need', () => {
    const allowed = [
      /^\[Content_Types\]\.xml$/,
      /^extension\.vsixmanifest$/,
      /^extension\/package\.json$/,
      /^extension\/(readme|changelog)\.md$/i,
      /^extension\/LICENSE(\.txt)?$/i,
      /^extension\/dist\/(extension|phone|webview)\.js$/,
      /^extension\/dist\/payload\.schema\.json$/,
      /^extension\/media\/[\w.-]+\.(png|svg|css)$/,
    ];
    const unexpected = names.filter((n) => !allowed.some((re) => re.test(n)));
    assert.deepEqual(unexpected, [], 'files users do not need');
    for (const needed of ['extension/package.json', 'extension/dist/payload.schema.json', 'extension/dist/extension.js', 'extension/dist/phone.js', 'extension/media/icon.png']) {
      assert.ok(names.includes(needed), `missing ${needed}`);
    }
    assert.ok(names.some((n) => /^extension\/readme\.md$/i.test(n)));
    assert.ok(names.some((n) => /^extension\/changelog\.md$/i.test(n)));
    assert.ok(names.some((n) => /^extension\/license/i.test(n)));
  });

  it('ships minified bundles without source maps or tokens', () => {
    for (const entry of entries.filter((e) => e.name.endsWith('.js'))) {
      const text = entry.read().toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, `${entry.name} has a source map reference`);
      assert.doesNotMatch(text, /contiguity_sk_[A-Za-z0-9]{16,}/, `${entry.name} embeds something token-shaped`);
    }
  });

  it('stays within the byte budgets', () => {
    for (const [name, budget] of Object.entries(BUDGETS)) {
      const entry = entries.find((e) => e.name === name);
      assert.ok(entry, `missing ${name}`);
      assert.ok(entry.size <= budget, `${name} is ${entry.size} bytes, budget ${budget}`);
    }
    assert.ok(file.length <= VSIX_BUDGET, `the .vsix is ${file.length} bytes, budget ${VSIX_BUDGET}`);
  });
});
