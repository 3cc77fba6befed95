// Bundles the extension and the webview pages. Type checking is `npm run typecheck`; esbuild only
// strips types.
//
// The extension host loads `main` as CommonJS, and esbuild splits code only in ESM. So the
// extension is bundled as ESM with splitting (every feature, the services, zod and the phone
// metadata become chunks loaded by import() on first use, and each module exists exactly once:
// one ValidationError class for every `instanceof`), then each output file is turned into
// CommonJS on its own (imports become require(), import() a require() in a promise). The result
// is plain CommonJS that the host and Node load with require(): no ESM loader, no shim for
// `vscode`, nothing to bootstrap at activation. test/package/chunks.test.ts requires every file.
//
// Dev and watch builds have source maps, so breakpoints in .ts bind under F5: the ESM pass writes
// an inline map into each file, and the conversion reads it and writes the chained map beside
// the CommonJS file. Production has none (the .vsix test checks).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { phoneMetadata } = require('./scripts/build/phone-metadata.cjs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** The webview pages: `src/webview/<page>/main.ts` → `dist/webview/<page>.js`. */
const PAGES = ['compose'];

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

/** dist/extension.js and its chunks in dist/chunks/, written by `writeAsCommonJs`. */
const extension = {
  ...common,
  entryPoints: { extension: 'src/extension/extension.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  splitting: true,
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  // `module` first: jsonc-parser's `main` is a UMD build whose inner require()s esbuild cannot follow.
  mainFields: ['module', 'main'],
  // Inline, so that the conversion to CommonJS reads it (see writeAsCommonJs).
  sourcemap: production ? false : 'inline',
  write: false,
  metafile: true,
  plugins: [...common.plugins, phoneMetadata, { name: 'to-commonjs', setup: (build) => build.onEnd(writeAsCommonJs) }],
};

/**
 * Chunks that hold none of our modules, only esbuild's helpers (`__export`): esbuild imports such a
 * chunk bare into every entry point, used or not (evanw/esbuild#1892), and each file activation
 * loads costs about half a millisecond. A chunk of helpers has no side effects, so a bare import of
 * it can go. An entry point is never one of them, whatever it holds: it is loaded for what it runs.
 */
function helperOnlyChunks(result) {
  const outputs = Object.entries(result.metafile?.outputs ?? {});
  return new Set(
    outputs
      .filter(([file, output]) => !output.entryPoint && file.endsWith('.js') && Object.keys(output.inputs).length === 0)
      .map(([file]) => path.resolve(file)),
  );
}

function withoutBareImportsOf(file, chunks) {
  return file.text.replace(/import\s*"(\.{1,2}\/[^"]+)";?/g, (statement, spec) =>
    chunks.has(path.resolve(path.dirname(file.path), spec)) ? '' : statement,
  );
}

/**
 * `import * as vscode from "vscode"` becomes a plain require. Converted as it is, it would go through
 * esbuild's `__toESM`, which copies every property of the module into a new object, once for each
 * module that imports it: the real `vscode` module has about 200, and activation alone had nine
 * such imports (9.2 against 3.0 ms in one bench run, with a stand-in `vscode` that has them all).
 * Our code only reads members off the namespace, so the module object itself serves.
 */
function withVscodeRequired(text) {
  return text.replace(/import\s*\*\s*as\s*([\w$]+)\s*from\s*"vscode";?/g, 'var $1=require("vscode");');
}

/**
 * Each ESM output file becomes a CommonJS file of the same name. The text passes keep every line
 * where it was (a dropped import leaves its line empty), so the chained source map stays true.
 */
async function writeAsCommonJs(result) {
  const helpers = helperOnlyChunks(result);
  for (const file of result.outputFiles ?? []) {
    const { code, map } = await esbuild.transform(withVscodeRequired(withoutBareImportsOf(file, helpers)), {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      minify: production,
      supported: { 'dynamic-import': false },
      // Reads the ESM pass's inline map, so the result maps to the .ts sources.
      sourcemap: production ? false : 'external',
      sourcefile: file.path,
      sourcesContent: false,
    });
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    if (!map) {
      fs.writeFileSync(file.path, code);
      continue;
    }
    fs.writeFileSync(`${file.path}.map`, map);
    fs.writeFileSync(file.path, `${code}//# sourceMappingURL=${path.basename(file.path)}.map\n`);
  }
}

/**
 * dist/hook.js, the command agents run: its own plain CommonJS file that loads only Node's modules
 * (no zod, no phone metadata, no vscode: test/package/hook.test.ts checks), so it starts fast.
 */
const hook = {
  ...common,
  entryPoints: { hook: 'src/hook/main.ts' },
  outdir: 'dist',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
};

const entries = [
  extension,
  hook,
  ...PAGES.map((page) => ({
    ...common,
    entryPoints: [`src/webview/${page}/main.ts`],
    outfile: `dist/webview/${page}.js`,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  })),
];

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
