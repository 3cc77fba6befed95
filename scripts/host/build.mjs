// Builds what a real host needs: dist/extension.js and the compiled integration suite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import { REPO_ROOT } from './util.mjs';

export const SUITE_SRC = path.join(REPO_ROOT, 'test', 'integration');
export const SUITE_OUT = path.join(REPO_ROOT, 'out', 'test', 'integration');
export const SUITE_INDEX = path.join(SUITE_OUT, 'index.js');

/**
 * The production build, minified as it ships in the .vsix: the real host runs what users install
 * (the dev build differs by minifying and by its source maps: see esbuild.js).
 */
export function buildExtension() {
  const r = spawnSync(process.execPath, ['esbuild.js', '--production'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error('extension build failed (node esbuild.js --production)');
}

/**
 * Bundles index.ts and every *.test.ts, so tests can import TypeScript from src/ and sandbox/.
 * `vscode` comes from the host; `mocha` must stay one shared instance for the globals to line up.
 */
export async function buildSuite() {
  // Stale bundles of deleted tests would still run.
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(SUITE_SRC, { recursive: true })
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(SUITE_SRC, f));
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    outbase: SUITE_SRC,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

export async function buildAll() {
  buildExtension();
  await buildSuite();
}
