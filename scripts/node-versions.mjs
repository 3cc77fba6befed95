// The extension runs on the Node inside VS Code's Electron, not on the machine's. Its fetch (undici)
// differs between those Nodes in how it honours an abort, so the tests of what a hostile server can
// do to our reads run on each Node a VS Code desktop within `engines.vscode` (^1.93) ships. Each
// Node comes from the npm registry into the host cache on first use (about 30 MB each).
//   node scripts/node-versions.mjs
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ensureNode, NODE_VERSION } from './host/setup.mjs';

/** The Node of each VS Code desktop line, newest patch it shipped (code.visualstudio.com/updates, Electron's release notes). */
export const VSCODE_NODES = [
  { node: '20.19.0', vscode: '1.93–1.100 (Electron 30–34)' },
  { node: '22.20.0', vscode: '1.101–1.124 (Electron 35–39)' },
  // Stable today: Electron 42 ships 24.15–24.18. The host's Node 24 stands in for it (one download less).
  { node: NODE_VERSION, vscode: '1.125 and later (Electron 42)' },
];

const TESTS = ['test/unit/trust/bounded-reads.test.ts'];

export function runOnVsCodeNodes() {
  let failed = 0;
  for (const { node, vscode } of VSCODE_NODES) {
    const bin = ensureNode(node);
    console.log(`\n  Node ${node}, as in VS Code ${vscode}`);
    const mocha = ['--import', 'tsx', 'node_modules/mocha/bin/mocha.js', '--no-config', '--timeout', '20000', '--reporter', 'dot'];
    const { status } = spawnSync(bin, [...mocha, ...TESTS], { stdio: 'inherit' });
    if (status !== 0) failed++;
  }
  return failed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(runOnVsCodeNodes() === 0 ? 0 : 1);
}
