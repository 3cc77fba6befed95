// One fresh process, one measurement: `node probe.cjs <main.js> [feature]` requires the bundle,
// activates it against the stand-in `vscode`, optionally runs a feature up to what the user would
// see first, and prints as JSON the times and the files activation loaded. Fresh each time so no
// module cache helps.
'use strict';
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const { vscode, context, when, commands } = require('./stand-in-vscode.cjs');

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

/** Each feature, up to what the user sees first. */
const FEATURES = {
  /** Send Selection: the recipient picker is on screen. */
  selection: () => {
    const shown = when('createQuickPick.show');
    void commands.get('imessage.sendSelection')();
    return shown;
  },
  /** Compose: the panel exists with its page. */
  compose: () => commands.get('imessage.compose')(),
};

async function main() {
  const [entry, feature] = process.argv.slice(2);
  const started = performance.now();
  const extension = require(entry);
  await extension.activate(context);
  const activateMs = performance.now() - started;
  // Every file of the extension that activation loaded (modules are CommonJS, so require.cache has them all).
  const root = require('node:path').dirname(require.resolve(entry));
  const files = Object.keys(require.cache)
    .filter((f) => f.startsWith(root))
    .map((f) => ({ file: require('node:path').relative(root, f), bytes: require('node:fs').statSync(f).size }));
  let firstUseMs;
  if (feature) {
    const t = performance.now();
    await FEATURES[feature]();
    firstUseMs = performance.now() - t;
  }
  process.stdout.write(JSON.stringify({ activateMs, firstUseMs, files }));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
