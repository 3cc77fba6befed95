// `npm test`: everything, in the order that fails fastest. Each step sets up what it needs,
// so this runs on a fresh clone after `npm ci` (the integration step installs its VS Code host).
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './deps.mjs';

// In CI a left-over `.only` fails the run instead of silently skipping the rest (unit tests: .mocharc.cjs;
// the integration suite's mocha runs in the host: test/integration/index.ts).
const forbidOnly = process.env.CI === 'true' ? ['--forbid-only'] : [];
const mocha = (...args) => ['mocha', '--no-config', '--node-option', 'import=tsx', ...forbidOnly, ...args];

const steps = [
  ['type check', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format (prettier --check)', 'npx', ['prettier', '--check', '.']],
  ['GitHub workflows (action-validator)', 'node', ['scripts/validate-workflows.mjs']],
  ['unit tests', 'npx', ['mocha']],
  ['bounded reads on the Node of each VS Code desktop (20, 22, 24)', 'node', ['scripts/node-versions.mjs']],
  ['package', 'npm', ['run', 'package', '--silent']],
  ['package checks', 'npx', mocha('test/package/*.test.ts')],
  ['integration tests (real VS Code host)', 'node', ['scripts/test-host.mjs']],
  ['UI tests (real workbench, driven by playwright)', 'npx', mocha('--timeout', '180000', 'test/e2e/*.e2e.test.ts')],
  ['npm start on a fresh clone of HEAD', 'npx', mocha('test/start/*.test.ts')],
];

ensureDependencies();

const only = process.argv.slice(2);
for (const [name, command, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\n✘ ${name} failed (${seconds} s)`);
    process.exit(status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
