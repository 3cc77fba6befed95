// The layers of src/extension point one way: features → ui → services → core (and shared), with
// the activation files on top. Read from the import statements, so a new file is checked as soon
// as it exists.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../../src');
const EXTENSION = join(SRC, 'extension');

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

/** Relative imports (static, type-only and dynamic), resolved to files. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']*|\.)'/g)].map((m) => m[1]!);
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
    throw new Error(`${relative(SRC, file)} imports ${spec}, which is not a file`);
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
