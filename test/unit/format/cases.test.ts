import assert from 'node:assert/strict';
import { consumedMarkers, parse, renderHtml, toPlainText, type ConsumedMarker } from '../../../src/core/format';

/** [marker, start, style] — end is start + marker length. */
type M = [string, number, ConsumedMarker['style']];

interface Case {
  input: string;
  html: string;
  plain: string;
  markers?: M[];
  why?: string;
}

const CASES: Case[] = [
  // The styles Contiguity documents.
  {
    input: '**bold**',
    html: '<b>bold</b>',
    plain: 'bold',
    markers: [
      ['**', 0, 'bold'],
      ['**', 6, 'bold'],
    ],
  },
  {
    input: '_italics_',
    html: '<i>italics</i>',
    plain: 'italics',
    markers: [
      ['_', 0, 'italic'],
      ['_', 8, 'italic'],
    ],
  },
  { input: '*italics*', html: '<i>italics</i>', plain: 'italics' },
  {
    input: '~~strikethrough~~',
    html: '<s>strikethrough</s>',
    plain: 'strikethrough',
    markers: [
      ['~~', 0, 'strike'],
      ['~~', 15, 'strike'],
    ],
  },
  {
    input: '__underline__',
    html: '<u>underline</u>',
    plain: 'underline',
    markers: [
      ['__', 0, 'underline'],
      ['__', 11, 'underline'],
    ],
  },
  {
    input: '**__~~_text_~~__**',
    html: '<b><u><s><i>text</i></s></u></b>',
    plain: 'text',
    markers: [
      ['**', 0, 'bold'],
      ['__', 2, 'underline'],
      ['~~', 4, 'strike'],
      ['_', 6, 'italic'],
      ['_', 11, 'italic'],
      ['~~', 12, 'strike'],
      ['__', 14, 'underline'],
      ['**', 16, 'bold'],
    ],
  },

  // Combinations and run lengths.
  { input: '**bold** and _italic_', html: '<b>bold</b> and <i>italic</i>', plain: 'bold and italic' },
  { input: '**bold _both_ bold**', html: '<b>bold <i>both</i> bold</b>', plain: 'bold both bold' },
  { input: '*italic **both** italic*', html: '<i>italic <b>both</b> italic</i>', plain: 'italic both italic' },
  { input: '__under *it* line__', html: '<u>under <i>it</i> line</u>', plain: 'under it line' },
  { input: '~~a **b** c~~', html: '<s>a <b>b</b> c</s>', plain: 'a b c' },
  {
    input: '***x***',
    html: '<i><b>x</b></i>',
    plain: 'x',
    why: 'a run of 3 closes the double first, so bold is inside',
    markers: [
      ['*', 0, 'italic'],
      ['**', 1, 'bold'],
      ['**', 4, 'bold'],
      ['*', 6, 'italic'],
    ],
  },
  { input: '___x___', html: '<i><u>x</u></i>', plain: 'x' },
  { input: '****x****', html: '<b><b>x</b></b>', plain: 'x' },
  {
    input: '**x*',
    html: '*<i>x</i>',
    plain: '*x',
    markers: [
      ['*', 1, 'italic'],
      ['*', 3, 'italic'],
    ],
  },
  { input: '*x**', html: '<i>x</i>*', plain: 'x*' },
  { input: '**a**b**c**', html: '<b>a</b>b<b>c</b>', plain: 'abc' },
  { input: '~~a~~b~~c~~', html: '<s>a</s>b<s>c</s>', plain: 'abc' },
  { input: '*a**b*', html: '<i>a**b</i>', plain: 'a**b', why: 'rule of 3: the inner ** may not pair with a single *' },
  { input: '*_*', html: '<i>_</i>', plain: '_' },

  // Inside words: * and ~~ may style part of a word, _ and __ never do.
  { input: 'snake_case_name', html: 'snake_case_name', plain: 'snake_case_name', markers: [] },
  { input: 'file_name.txt and other_file.txt', html: 'file_name.txt and other_file.txt', plain: 'file_name.txt and other_file.txt' },
  { input: '_a_a_a_', html: '<i>a_a_a</i>', plain: 'a_a_a' },
  { input: '_a_b', html: '_a_b', plain: '_a_b', markers: [] },
  { input: 'a__b__c', html: 'a__b__c', plain: 'a__b__c', markers: [] },
  { input: '__a__b', html: '__a__b', plain: '__a__b' },
  {
    input: 'a*b*c',
    html: 'a<i>b</i>c',
    plain: 'abc',
    markers: [
      ['*', 1, 'italic'],
      ['*', 3, 'italic'],
    ],
  },
  { input: 'a**b**c', html: 'a<b>b</b>c', plain: 'abc' },
  { input: 'a~~b~~c', html: 'a<s>b</s>c', plain: 'abc' },
  {
    input: '__init__.py',
    html: '<u>init</u>.py',
    plain: 'init.py',
    markers: [
      ['__', 0, 'underline'],
      ['__', 6, 'underline'],
    ],
  },

  // Code-ish text that sending code should warn about (or not).
  { input: '**kwargs', html: '**kwargs', plain: '**kwargs', markers: [] },
  { input: 'def f(*args, **kwargs): pass', html: 'def f(*args, **kwargs): pass', plain: 'def f(*args, **kwargs): pass', markers: [] },
  {
    input: '*ptr * 2*',
    html: '<i>ptr * 2</i>',
    plain: 'ptr * 2',
    markers: [
      ['*', 0, 'italic'],
      ['*', 8, 'italic'],
    ],
  },
  { input: '2 * 3 * 4', html: '2 * 3 * 4', plain: '2 * 3 * 4', markers: [] },
  {
    input: 'x = a*b + c*d',
    html: 'x = a<i>b + c</i>d',
    plain: 'x = ab + cd',
    markers: [
      ['*', 5, 'italic'],
      ['*', 11, 'italic'],
    ],
  },
  { input: 'cd ~/src && ls ~/tmp', html: 'cd ~/src &amp;&amp; ls ~/tmp', plain: 'cd ~/src && ls ~/tmp' },
  { input: '~x~', html: '~x~', plain: '~x~', why: 'a single ~ is always literal', markers: [] },
  { input: '~~~x~~~', html: '~~~x~~~', plain: '~~~x~~~', why: 'only an exact ~~ strikes', markers: [] },

  // Unbalanced and crossing markers fall back to literal text.
  {
    input: '**a _b** c_',
    html: '<b>a _b</b> c_',
    plain: 'a _b c_',
    markers: [
      ['**', 0, 'bold'],
      ['**', 6, 'bold'],
    ],
  },
  {
    input: '_a **b_ c**',
    html: '<i>a **b</i> c**',
    plain: 'a **b c**',
    markers: [
      ['_', 0, 'italic'],
      ['_', 6, 'italic'],
    ],
  },
  { input: '**unclosed', html: '**unclosed', plain: '**unclosed', markers: [] },
  { input: 'unopened**', html: 'unopened**', plain: 'unopened**', markers: [] },
  { input: '**a*', html: '*<i>a</i>', plain: '*a' },
  { input: '*', html: '*', plain: '*' },
  { input: '**', html: '**', plain: '**' },
  { input: '_', html: '_', plain: '_' },
  { input: '', html: '', plain: '', markers: [] },

  // Whitespace: an opener needs non-whitespace after it, a closer non-whitespace before it.
  { input: '** not bold **', html: '** not bold **', plain: '** not bold **', markers: [] },
  { input: '**not bold **', html: '**not bold **', plain: '**not bold **' },
  { input: '* item', html: '* item', plain: '* item' },
  { input: '~~ x ~~', html: '~~ x ~~', plain: '~~ x ~~' },
  { input: '**\u00a0x**', html: '**\u00a0x**', plain: '**\u00a0x**', why: 'no-break space is whitespace' },

  // Line breaks: markers never pair across one.
  { input: '**a\nb**', html: '**a<br>b**', plain: '**a\nb**', markers: [] },
  { input: '**a**\n**b**', html: '<b>a</b><br><b>b</b>', plain: 'a\nb' },
  { input: '*a\n*b*', html: '*a<br><i>b</i>', plain: '*a\nb' },
  { input: 'line1\r\nline2', html: 'line1<br>line2', plain: 'line1\r\nline2' },
  { input: 'a\rb', html: 'a<br>b', plain: 'a\rb' },
  { input: '\n\n', html: '<br><br>', plain: '\n\n' },

  // Emoji count as punctuation next to a marker.
  { input: '**😀**', html: '<b>😀</b>', plain: '😀' },
  {
    input: '😀**bold**😀',
    html: '😀<b>bold</b>😀',
    plain: '😀bold😀',
    markers: [
      ['**', 2, 'bold'],
      ['**', 8, 'bold'],
    ],
  },
  { input: '_👨‍👩‍👧_', html: '<i>👨‍👩‍👧</i>', plain: '👨‍👩‍👧' },
  { input: '**❤️**', html: '<b>❤️</b>', plain: '❤️' },
  { input: '👍🏽*nice*', html: '👍🏽<i>nice</i>', plain: '👍🏽nice' },
  { input: '~~🇫🇷~~', html: '<s>🇫🇷</s>', plain: '🇫🇷' },

  // URLs.
  { input: 'https://x.com/a_b_c', html: 'https://x.com/a_b_c', plain: 'https://x.com/a_b_c', markers: [] },
  { input: 'https://x.com/~user/page', html: 'https://x.com/~user/page', plain: 'https://x.com/~user/page', markers: [] },
  {
    input: 'https://x.com/_private_/page',
    html: 'https://x.com/<i>private</i>/page',
    plain: 'https://x.com/private/page',
    why: 'after punctuation _ may open: a URL can be mangled',
    markers: [
      ['_', 14, 'italic'],
      ['_', 22, 'italic'],
    ],
  },
  { input: 'https://x.com/?q=a*b*c', html: 'https://x.com/?q=a<i>b</i>c', plain: 'https://x.com/?q=abc' },
  { input: 'see **https://x.com/a_b**', html: 'see <b>https://x.com/a_b</b>', plain: 'see https://x.com/a_b' },

  // Punctuation next to markers.
  {
    input: '(**bold**)',
    html: '(<b>bold</b>)',
    plain: '(bold)',
    markers: [
      ['**', 1, 'bold'],
      ['**', 7, 'bold'],
    ],
  },
  { input: '**bold**!', html: '<b>bold</b>!', plain: 'bold!' },
  { input: '**bold**.', html: '<b>bold</b>.', plain: 'bold.' },
  { input: '*(x)*', html: '<i>(x)</i>', plain: '(x)' },
  { input: '"**quoted**"', html: '&quot;<b>quoted</b>&quot;', plain: '"quoted"' },
  { input: '**"quoted"**', html: '<b>&quot;quoted&quot;</b>', plain: '"quoted"' },
  { input: 'a**"b"**', html: 'a**&quot;b&quot;**', plain: 'a**"b"**', why: 'a letter then punctuation: not left-flanking' },

  // Nothing typed becomes markup.
  { input: '<script>alert(1)</script>', html: '&lt;script&gt;alert(1)&lt;/script&gt;', plain: '<script>alert(1)</script>' },
  { input: '**<b>**', html: '<b>&lt;b&gt;</b>', plain: '<b>' },
  {
    input: '<img src=x onerror="alert(1)">',
    html: '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    plain: '<img src=x onerror="alert(1)">',
  },
  { input: 'Tom & Jerry\'s "show"', html: 'Tom &amp; Jerry&#39;s &quot;show&quot;', plain: 'Tom & Jerry\'s "show"' },
  { input: '&amp; &lt;', html: '&amp;amp; &amp;lt;', plain: '&amp; &lt;' },
  { input: '_<i>_', html: '<i>&lt;i&gt;</i>', plain: '<i>' },
];

const expandMarkers = (markers: M[]): ConsumedMarker[] =>
  markers.map(([marker, start, style]) => ({ marker, start, end: start + marker.length, style }));

describe('format: rules table', () => {
  it('has at least 60 cases', () => {
    assert.ok(CASES.length >= 60, `${CASES.length} cases`);
  });

  for (const c of CASES) {
    it(`${JSON.stringify(c.input)} → ${c.html}${c.why ? ` (${c.why})` : ''}`, () => {
      assert.equal(renderHtml(c.input), c.html, 'html');
      assert.equal(toPlainText(c.input), c.plain, 'plain');
      if (c.markers) assert.deepEqual(consumedMarkers(c.input), expandMarkers(c.markers), 'markers');
      const tree = parse(c.input);
      assert.equal(renderHtml(tree), c.html, 'html from tree');
      assert.equal(toPlainText(tree), c.plain, 'plain from tree');
    });
  }
});

describe('format: tree', () => {
  it('records styles, markers and source offsets', () => {
    assert.deepEqual(parse('a **b** c'), {
      type: 'root',
      source: 'a **b** c',
      children: [
        { type: 'text', text: 'a ', start: 0, end: 2 },
        {
          type: 'style',
          style: 'bold',
          marker: '**',
          open: { start: 2, end: 4 },
          close: { start: 5, end: 7 },
          children: [{ type: 'text', text: 'b', start: 4, end: 5 }],
        },
        { type: 'text', text: ' c', start: 7, end: 9 },
      ],
    });
  });

  it('keeps unconsumed markers inside one text node', () => {
    assert.deepEqual(parse('snake_case\r\n**x').children, [
      { type: 'text', text: 'snake_case', start: 0, end: 10 },
      { type: 'break', text: '\r\n', start: 10, end: 12 },
      { type: 'text', text: '**x', start: 12, end: 15 },
    ]);
  });

  it('renders a hand-built tree', () => {
    const html = renderHtml({
      type: 'root',
      source: '',
      children: [
        {
          type: 'style',
          style: 'underline',
          marker: '__',
          open: { start: 0, end: 2 },
          close: { start: 5, end: 7 },
          children: [{ type: 'text', text: '<x>', start: 2, end: 5 }],
        },
      ],
    });
    assert.equal(html, '<u>&lt;x&gt;</u>');
  });
});
