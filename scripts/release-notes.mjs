// Release notes for a version tag (.github/workflows/release.yml): checks that the tag is `v` and
// package.json's version, and prints that version's CHANGELOG.md section (Keep a Changelog:
// `## [x.y.z] - YYYY-MM-DD`). Exits 1, saying why, when either is missing, so nothing is packaged.
//   node scripts/release-notes.mjs v1.2.3 > release-notes.md
import { readFileSync } from 'node:fs';

const tag = process.argv[2] ?? '';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
if (tag !== `v${version}`) fail(`the tag ${tag || '(none)'} is not package.json's version: expected v${version}`);

const lines = readFileSync('CHANGELOG.md', 'utf8').split('\n');
const heading = new RegExp(`^## \\[${version.replace(/[.+]/g, '\\$&')}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`);
const start = lines.findIndex((line) => heading.test(line));
if (start < 0) fail(`CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD": move the Unreleased entries there`);
// The section ends at the next version's heading or at the link references below the last one.
const length = lines.slice(start + 1).findIndex((line) => /^## /.test(line) || /^\[[^\]]+\]: /.test(line));
const notes = lines
  .slice(start + 1, length < 0 ? undefined : start + 1 + length)
  .join('\n')
  .trim();
if (!notes) fail(`CHANGELOG.md's section for ${version} is empty`);
process.stdout.write(`${notes}\n`);

function fail(message) {
  console.error(`✘ ${message}`);
  process.exit(1);
}
