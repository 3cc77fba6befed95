import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { consumedMarkers, parse, renderHtml, toPlainText, type FormatNode } from '../../../src/core/format';

const RUNS = 2000;

/** Any UTF-16 code unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const markerHeavyUnit = fc.oneof(
  fc.constantFrom('*', '_', '~', '**', '__', '~~', 'a', 'b', ' ', '\n', '\r', '.', '(', ')', '"', "'", '&', '<', '>', '😀', 'é', '\u00a0'),
  // Long runs and long plain stretches take the tokenizer's and escaper's fast paths.
  fc.tuple(fc.constantFrom('*', '_', '~', 'x', '&', ' '), fc.integer({ min: 1, max: 40 })).map(([c, n]) => c.repeat(n)),
);

/** Plain strings, any code units, and marker-heavy strings. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', size: 'medium' }),
  fc.string({ unit: anyUnit, size: 'medium' }),
  fc.string({ unit: markerHeavyUnit, maxLength: 60 }),
);

const TAG = /<\/?[bisu]>|<br>/g;
const ENTITY = /&(amp|lt|gt|quot|#39);/g;
const DECODED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

describe('format: properties', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tree = parse(text);
        renderHtml(text);
        renderHtml(tree);
        toPlainText(text);
        consumedMarkers(tree);
      }),
      { numRuns: RUNS },
    );
  });

  it('HTML carries no markup from the input: only its own tags, every & starts an entity', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const rest = renderHtml(text).replace(TAG, '');
        assert.doesNotMatch(rest, /[<>"']/);
        assert.equal(rest.replace(ENTITY, '').includes('&'), false);
      }),
      { numRuns: RUNS },
    );
  });

  it('HTML shows exactly the plain text once tags are dropped and entities decoded', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const shown = renderHtml(text)
          .replace(/<br>/g, '\n')
          .replace(TAG, '')
          .replace(ENTITY, (_, name: string) => DECODED[name]);
        assert.equal(shown, toPlainText(text).replace(/\r\n?/g, '\n'));
      }),
      { numRuns: RUNS },
    );
  });

  it('text without marker characters renders as its escaped self', () => {
    const noMarkers = fc.string({ unit: anyUnit, size: 'medium' }).filter((s) => !/[*_~]/.test(s));
    fc.assert(
      fc.property(noMarkers, (text) => {
        const escaped = text
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;')
          .replace(/\r\n|\r|\n/g, '<br>');
        assert.equal(renderHtml(text), escaped);
        assert.equal(toPlainText(text), text);
        assert.deepEqual(consumedMarkers(text), []);
      }),
      { numRuns: RUNS },
    );
  });

  it('tags are balanced and properly nested', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const open: string[] = [];
        for (const [tag] of renderHtml(text).matchAll(/<(\/?)([bisu])>/g)) {
          if (tag[1] === '/') assert.equal(open.pop(), tag[2], `unexpected ${tag}`);
          else open.push(tag[1]);
        }
        assert.deepEqual(open, []);
      }),
      { numRuns: RUNS },
    );
  });

  it('plain text and consumed markers partition the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const plain = toPlainText(text);
        const markers = consumedMarkers(text);
        assert.equal(plain.length + markers.reduce((n, m) => n + m.end - m.start, 0), text.length);
        // Put the markers back where they were: the input reappears.
        let rebuilt = '';
        let plainAt = 0;
        for (const m of markers) {
          assert.equal(text.slice(m.start, m.end), m.marker);
          assert.ok(m.start >= rebuilt.length, 'markers are in order and disjoint');
          const gap = m.start - rebuilt.length;
          rebuilt += plain.slice(plainAt, plainAt + gap) + m.marker;
          plainAt += gap;
        }
        assert.equal(rebuilt + plain.slice(plainAt), text);
      }),
      { numRuns: RUNS },
    );
  });

  it('each style sits between its own markers on one line, and the marker decides the style', () => {
    const STYLE_OF: Record<string, string> = { '**': 'bold', __: 'underline', '*': 'italic', _: 'italic', '~~': 'strike' };
    const check = (source: string, nodes: FormatNode[], from: number, to: number, nested: boolean): void => {
      let at = from;
      for (const node of nodes) {
        if (node.type !== 'style') {
          assert.ok(node.type === 'text' || !nested, 'no line break inside a style');
          assert.equal(node.start, at);
          assert.equal(source.slice(node.start, node.end), node.text);
          at = node.end;
          continue;
        }
        assert.equal(node.style, STYLE_OF[node.marker]);
        assert.equal(node.open.start, at);
        assert.equal(source.slice(node.open.start, node.open.end), node.marker);
        assert.equal(source.slice(node.close.start, node.close.end), node.marker);
        check(source, node.children, node.open.end, node.close.start, true);
        at = node.close.end;
      }
      assert.equal(at, to);
    };
    fc.assert(
      fc.property(anyText, (text) => {
        const tree = parse(text);
        check(text, tree.children, 0, text.length, false);
      }),
      { numRuns: RUNS },
    );
  });

  it('the tree gives the same results as the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tree = parse(text);
        assert.equal(renderHtml(tree), renderHtml(text));
        assert.equal(toPlainText(tree), toPlainText(text));
        assert.deepEqual(consumedMarkers(tree), consumedMarkers(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('results do not depend on earlier calls (scratch buffers are reused)', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), (texts) => {
        const forward = texts.map((t) => renderHtml(t) + consumedMarkers(t).length);
        const backward = [...texts]
          .reverse()
          .map((t) => renderHtml(t) + consumedMarkers(t).length)
          .reverse();
        assert.deepEqual(forward, backward);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with CommonMark (markdown-it) on * and _ within a line', () => {
    // `__` is underline here and strong there, so both map to one tag; ~ and newlines differ by design.
    const md = new MarkdownIt();
    const normalise = (html: string): string =>
      html
        .replace(/<(\/?)(strong|u)>/g, '<$1b>')
        .replace(/<(\/?)em>/g, '<$1i>')
        .replace(/&#39;/g, "'");
    const unit = fc.oneof(
      fc.constantFrom('*', '_', 'a', 'b', ' ', '.', '(', ')', '"', '😀', 'é', '\u0301', '\u00a0', '\u2003', '¿'),
      fc.tuple(fc.constantFrom('*', '_'), fc.integer({ min: 1, max: 9 })).map(([c, n]) => c.repeat(n)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        assert.equal(normalise(renderHtml(text)), normalise(md.renderInline(text)));
      }),
      { numRuns: 5000 },
    );
  });
});
