// One fresh process: `node require-all.cjs <dist>` requires every .js file under <dist> (but the
// webview pages) against the stand-in `vscode`, and checks that every relative require() in them
// (the static ones and those that stand for an import()) names a file that exists, and that no file
// copies the vscode module's properties (esbuild's __toESM lists them: esbuild.js withVscodeRequired
// exists to avoid it). Prints, as JSON, each file and what went wrong.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { vscode } = require('./stand-in-vscode.cjs');

/** How many times something listed the module's properties. */
let listed = 0;
const watched = new Proxy(vscode, {
  ownKeys(target) {
    listed++;
    return Reflect.ownKeys(target);
  },
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? watched : load.call(this, request, ...rest);
};

const dist = path.resolve(process.argv[2]);
const files = fs
  .readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.js') && !f.startsWith(`webview${path.sep}`))
  .sort();
const results = files.map((file) => {
  const full = path.join(dist, file);
  const problems = [];
  const before = listed;
  try {
    const exported = require(full);
    if (typeof exported !== 'object' || exported === null) problems.push('exports no module object');
  } catch (error) {
    problems.push(`require() threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (listed > before) problems.push(`copied the vscode module's properties ${listed - before} time(s) while loading`);
  const text = fs.readFileSync(full, 'utf8');
  for (const [, spec] of text.matchAll(/require\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
    if (!fs.existsSync(path.resolve(path.dirname(full), spec))) problems.push(`requires ${spec}, which is not there`);
  }
  return { file: file.split(path.sep).join('/'), problems };
});
process.stdout.write(JSON.stringify(results));
process.exit(0);
