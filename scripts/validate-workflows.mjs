// Validates every GitHub Actions workflow against the workflow schema (@action-validator/core, the
// WebAssembly build of action-validator), so a broken workflow fails `npm test` instead of the next
// push. Exits 1 and names the file and the path of each error.
//   node scripts/validate-workflows.mjs [directory]     (default: .github/workflows)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';

const dir = process.argv[2] ?? '.github/workflows';
const files = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
// No file at all is a failure too: a renamed folder must not pass by checking nothing.
if (files.length === 0) {
  console.error(`✘ no workflow (*.yml, *.yaml) in ${dir}`);
  process.exit(1);
}

let failed = 0;
for (const name of files) {
  const file = join(dir, name);
  const { errors } = validateWorkflow(readFileSync(file, 'utf8'));
  if (errors.length === 0) {
    console.log(`✔ ${file}`);
    continue;
  }
  failed++;
  console.error(`✘ ${file}`);
  report(errors, '  ');
}
if (failed) process.exit(1);

/** Prints each error; a `oneOf` miss lists why each alternative failed (a job is either steps or a reusable workflow call). */
function report(errors, indent) {
  for (const e of errors) {
    const where = 'path' in e ? e.path : e.location ? `line ${e.location.line}, column ${e.location.column}` : '';
    console.error(`${indent}${where || '(document)'}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`);
    (e.states ?? []).forEach((state, i) => {
      console.error(`${indent}  alternative ${i + 1}:`);
      report(state.errors, `${indent}    `);
    });
  }
}
