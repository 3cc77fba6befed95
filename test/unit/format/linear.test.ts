import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { consumedMarkers, parse, renderHtml, toPlainText } from '../../../src/core/format';

const SIZE = 200_000;
// A quadratic pass over 200k characters is ~10^10 steps: minutes, not this budget. The budget is
// generous so a loaded machine does not make the test flaky; `npm run bench` measures scaling.
const BUDGET_MS = 3000;

const fill = (unit: string, size = SIZE): string => unit.repeat(Math.ceil(size / unit.length));

const PATHOLOGICAL: Array<[string, string]> = [
  ['unmatched * run', fill('*')],
  ['unmatched _ run', fill('_')],
  ['unmatched ~ run', fill('~')],
  ['unmatched openers', fill('*a _b ~~c ')],
  ['unmatched closers', fill('a* b_ c~~ ')],
  ['*_ alternating', fill('*_')],
  ['**a**b**c…', fill('**a')],
  ['_a_a_a…', fill('_a')],
  ['rule-of-3 trap', fill('*x ', SIZE / 2) + fill('a**b ', SIZE / 2)],
  ['mismatched kinds', fill('*a_ ')],
  ['deep nesting', fill('*a _b ', SIZE / 2) + fill('c_ d* ', SIZE / 2)],
  ['long lines of markers', fill('**a _b ~~c\n')],
];

describe('format: linear time on pathological input', () => {
  for (const [name, text] of PATHOLOGICAL) {
    it(`${name} (${text.length} chars)`, () => {
      const t0 = performance.now();
      const html = renderHtml(text);
      const tree = parse(text);
      assert.equal(renderHtml(tree), html);
      assert.equal(toPlainText(tree).length + consumedMarkers(tree).reduce((n, m) => n + m.marker.length, 0), text.length);
      const ms = performance.now() - t0;
      assert.ok(ms < BUDGET_MS, `${ms.toFixed(0)} ms`);
    });
  }

  it('walks 100k levels of nesting without recursion', () => {
    const depth = 100_000;
    const tree = parse('*a '.repeat(depth) + 'x' + ' b*'.repeat(depth));
    let levels = 0;
    for (let style = tree.children.find((n) => n.type === 'style'); style?.type === 'style'; levels++) {
      style = style.children.find((n) => n.type === 'style');
    }
    assert.equal(levels, depth);
    assert.equal(renderHtml(tree).length, depth * (3 + 4 + 2 + 2) + 1);
  });
});
