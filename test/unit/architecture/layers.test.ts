// The layers of src/extension point one way: features → ui → services → core (and shared), with
// the activation files on top; src/core never imports vscode nor anything above it; the sandbox
// takes from src/ only what it declares here. Read from the import statements, so a new file is
// checked as soon as it exists.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');
const EXTENSION = join(SRC, 'extension');
const CORE = join(SRC, 'core');
const SANDBOX = join(ROOT, 'sandbox');

/**
 * All the sandbox takes from src/, by importing file. The sandbox is a second, separately written
 * reading of the API contract (sandbox/types.ts), so a bug in the client's schemas cannot hide in
 * it; only the inbox page shows bubbles with the extension's own formatting engine.
 */
const SANDBOX_IMPORTS_FROM_SRC: Record<string, string[]> = {
  'sandbox/inbox/page.ts': ['src/core/format/index.ts'],
};

/** Lower layers first; a file may import its own layer and anything below it. */
const ORDER = ['core', 'shared', 'services', 'ui', 'features', 'activation'] as const;
type Layer = (typeof ORDER)[number];

function layerOf(file: string): Layer {
  const rel = relative(SRC, file).split('/');
  if (rel[0] === 'core') return 'core';
  if (rel[0] === 'shared') return 'shared';
  if (rel[0] !== 'extension') throw new Error(`not a layered file: ${file}`);
  if (rel[1] === 'services' || rel[1] === 'ui' || rel[1] === 'features') return rel[1];
  return 'activation';
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier: static, type-only and dynamic imports, re-exports and require(). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** Relative imports, resolved to files. */
function imports(file: string): string[] {
  const specs = specifiers(file).filter((spec) => spec === '.' || spec.startsWith('./') || spec.startsWith('../'));
  return specs.map((spec) => {
    const base = resolve(dirname(file), spec);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // next candidate
      }
    }
    throw new Error(`${relative(ROOT, file)} imports ${spec}, which is not a file`);
  });
}

const all = files(EXTENSION);
const graph = new Map(all.map((f) => [f, imports(f)]));

describe('the layers of src/extension', () => {
  it('point one way: features → ui → services → core', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = ORDER.indexOf(layerOf(file));
      for (const target of targets) {
        if (ORDER.indexOf(layerOf(target)) > from) {
          wrong.push(`${relative(SRC, file)} (${layerOf(file)}) imports ${relative(SRC, target)} (${layerOf(target)})`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('features do not import each other', () => {
    const featureOf = (f: string) => relative(join(EXTENSION, 'features'), f).split('/')[0];
    const crossing = [...graph].flatMap(([file, targets]) =>
      layerOf(file) !== 'features'
        ? []
        : targets
            .filter((t) => layerOf(t) === 'features' && featureOf(t) !== featureOf(file) && !t.endsWith('command-table.ts'))
            .map((t) => `${relative(SRC, file)} imports ${relative(SRC, t)}`),
    );
    assert.deepEqual(crossing, []);
  });

  it('have no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });
});

describe('src/core', () => {
  it('never imports vscode, and nothing outside src/core', () => {
    const wrong = files(CORE).flatMap((file) => [
      ...specifiers(file)
        .filter((spec) => spec === 'vscode' || spec.startsWith('vscode/'))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
      ...imports(file)
        .filter((target) => relative(CORE, target).startsWith('..'))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`),
    ]);
    assert.deepEqual(wrong, []);
  });
});

describe('the sandbox', () => {
  it('takes from src/ only what it declares', () => {
    const taken: Record<string, string[]> = {};
    for (const file of files(SANDBOX)) {
      assert.ok(!specifiers(file).includes('vscode'), `${relative(ROOT, file)} imports vscode`);
      const fromSrc = imports(file).filter((target) => !relative(SRC, target).startsWith('..'));
      if (fromSrc.length) taken[relative(ROOT, file)] = fromSrc.map((target) => relative(ROOT, target)).sort();
    }
    assert.deepEqual(taken, SANDBOX_IMPORTS_FROM_SRC);
  });
});
