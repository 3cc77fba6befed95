// Bundles the extension (Node, cjs, `vscode` external) and the webview (browser, iife).
// Type checking is `npm run typecheck`; esbuild only strips types.
const esbuild = require('esbuild');
const fs = require('node:fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape the `$esbuild-watch` problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: watch ? [problemMatcher] : [],
};

/**
 * The phone metadata is ~190 KB of the extension bundle and only needed for numbers typed without
 * a country code: it goes to its own file, required on first use, so activation never parses it.
 */
const lazyPhoneLib = {
  name: 'lazy-phone-lib',
  setup(build) {
    build.onResolve({ filter: /^libphonenumber-js\/min$/ }, () => ({ path: './phone.js', external: true }));
  },
};

// Plain require() for the lazy chunk: the extension host's loader is CommonJS.
// `module` first: jsonc-parser's `main` is a UMD build whose inner require()s esbuild cannot follow.
const node = { ...common, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'], supported: { 'dynamic-import': false } };
const entries = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', plugins: [...common.plugins, lazyPhoneLib] },
  { ...node, entryPoints: ['src/core/phone-lib.ts'], outfile: 'dist/phone.js' },
];
// The webview bundle joins once its entry exists (compose panel).
if (fs.existsSync('src/webview/compose/main.ts')) {
  entries.push({
    ...common,
    entryPoints: ['src/webview/compose/main.ts'],
    outfile: 'dist/webview.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  });
}

/**
 * dist/payload.schema.json, the JSON Schema of `*.imessage.json` files (package.json
 * `jsonValidation`), generated from the zod request schema so there is one source of truth.
 */
async function writePayloadSchema() {
  const out = await esbuild.build({
    entryPoints: ['src/core/payload/json-schema.ts'],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require);
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/payload.schema.json', `${JSON.stringify(mod.exports.payloadJsonSchema(), null, 2)}\n`);
}

async function main() {
  if (!watch) fs.rmSync('dist', { recursive: true, force: true });
  await writePayloadSchema();
  const contexts = await Promise.all(entries.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
