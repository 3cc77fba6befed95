// The package.json fields the Marketplace shows stay consistent with each other and within the
// Marketplace's rules; the reasons for each value are in CONTRIBUTING.md, "Marketplace listing".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** VS Code's EXTENSION_CATEGORIES (src/vs/platform/extensions/common/extensions.ts), as in code-server 4.139. */
const CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];

describe('the Marketplace listing (package.json)', () => {
  it('uses only categories VS Code knows', () => {
    for (const c of pkg.categories) assert.ok(CATEGORIES.includes(c), `${c} is not a Marketplace category`);
  });

  it('keeps keywords few, distinct and lower case (the Marketplace refuses more than 30 tags)', () => {
    assert.ok(pkg.keywords.length <= 10, `${pkg.keywords.length} keywords`);
    assert.equal(new Set(pkg.keywords).size, pkg.keywords.length);
    for (const k of pkg.keywords) assert.match(k, /^[a-z0-9-]+$/);
  });

  it('points bugs, homepage and Q & A at the one repository', () => {
    const repo = pkg.repository.url.replace(/\.git$/, '');
    assert.match(repo, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    assert.equal(pkg.bugs.url, `${repo}/issues`);
    assert.equal(pkg.homepage, `${repo}#readme`);
    assert.equal(pkg.qna, `${repo}/issues`);
  });

  it('has a banner colour, a PNG icon of at least 128 × 128, a price and a kind', () => {
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    const icon = readFileSync(join(ROOT, pkg.icon));
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'icon smaller than 128 × 128');
    assert.ok(['Free', 'Trial'].includes(pkg.pricing));
    assert.deepEqual(pkg.extensionKind, ['workspace']);
  });
});
