import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countCharacters, smsSegments } from '../../../src/core/format';
import { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS } from '../../../src/core/format/gsm7';

describe('format: countCharacters', () => {
  const cases: Array<[string, string, number]> = [
    ['empty', '', 0],
    ['ASCII', 'hello', 5],
    ['markers count: it is the text as typed', '**bold**', 8],
    ['family emoji (ZWJ sequence)', '👨‍👩‍👧', 1],
    ['skin tone modifier', '👍🏽', 1],
    ['two flags', '🇫🇷🇩🇪', 2],
    ['combining acute accent', 'e\u0301', 1],
    ['precomposed and decomposed café', 'café cafe\u0301', 9],
    ['keycap', '1️⃣', 1],
    ['CRLF is one character', 'a\r\nb', 3],
    ['tabs and newlines', 'a\tb\nc', 5],
    ['Hangul syllable from jamo', '\u1100\u1161\u11a8', 1],
    ['lone surrogate', '\ud800x', 2],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: ${JSON.stringify(text)} → ${expected}`, () => assert.equal(countCharacters(text), expected));
  }

  it('segments only around non-ASCII, yet counts exactly as segmenting the whole text', () => {
    const whole = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
    const pieces = [
      'a',
      'e',
      ' ',
      '\n',
      '\r',
      '\r\n',
      '1',
      '\u0301',
      '\u0600',
      '\u200d',
      '\ufe0f',
      '😀',
      '👍',
      '🏽',
      '🇫',
      '🇷',
      '👨‍👩‍👧',
      'é',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\ud800',
      'ж',
      '\u20e3',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.equal(countCharacters(text), whole(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('format: smsSegments', () => {
  const gsm = (units: number, segments: number, perSegment: number) => ({ encoding: 'GSM-7', units, segments, perSegment });
  const ucs2 = (units: number, segments: number, perSegment: number) => ({ encoding: 'UCS-2', units, segments, perSegment });
  const a = (n: number): string => 'a'.repeat(n);

  it('the alphabet tables are the GSM 03.38 default alphabet and extension table', () => {
    assert.equal(new Set(GSM_BASIC_CHARACTERS).size, 127, '128 codes minus the escape');
    assert.equal(GSM_EXTENSION_CHARACTERS, '\f^{}\\[~]|€');
    for (const ch of GSM_EXTENSION_CHARACTERS) assert.equal(GSM_BASIC_CHARACTERS.includes(ch), false, ch);
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      const expected = ch === '`' ? 'UCS-2' : 'GSM-7';
      assert.equal(smsSegments(ch).encoding, expected, ch);
      assert.equal(smsSegments(ch).units, GSM_EXTENSION_CHARACTERS.includes(ch) ? 2 : 1, ch);
    }
  });

  it('empty text costs nothing', () => assert.deepEqual(smsSegments(''), gsm(0, 0, 160)));

  it('GSM-7: 160 fit one SMS, 161 need two parts of 153', () => {
    assert.deepEqual(smsSegments(a(160)), gsm(160, 1, 160));
    assert.deepEqual(smsSegments(a(161)), gsm(161, 2, 153));
    assert.deepEqual(smsSegments(a(153 * 2)), gsm(306, 2, 153));
    assert.deepEqual(smsSegments(a(153 * 2 + 1)), gsm(307, 3, 153));
  });

  it('GSM-7 extension characters count as two septets', () => {
    assert.deepEqual(smsSegments('^{}\\[~]|€\f'), gsm(20, 1, 160));
    assert.deepEqual(smsSegments('€'.repeat(80)), gsm(160, 1, 160));
    assert.deepEqual(smsSegments('€'.repeat(81)), gsm(162, 2, 153));
    assert.deepEqual(smsSegments(a(159) + '~'), gsm(161, 2, 153));
  });

  it('an escape sequence is never split across parts', () => {
    // 306 septets would fit 2 × 153, but the € cannot straddle the first boundary.
    assert.deepEqual(smsSegments(a(152) + '€' + a(152)), gsm(306, 3, 153));
  });

  it('accented letters in the GSM alphabet stay GSM-7; others switch to UCS-2', () => {
    assert.equal(smsSegments('àéèùìòÄÖÑÜäöñüÅåÆæßÉØøΔΣ¿¡£¥§').encoding, 'GSM-7');
    assert.equal(smsSegments('á').encoding, 'UCS-2');
    assert.equal(smsSegments('`').encoding, 'UCS-2');
  });

  it('UCS-2: 70 fit one SMS, 71 need two parts of 67', () => {
    const cyrillic = (n: number): string => 'ж'.repeat(n);
    assert.deepEqual(smsSegments(cyrillic(70)), ucs2(70, 1, 70));
    assert.deepEqual(smsSegments(cyrillic(71)), ucs2(71, 2, 67));
    assert.deepEqual(smsSegments(cyrillic(67 * 2)), ucs2(134, 2, 67));
    assert.deepEqual(smsSegments(cyrillic(67 * 2 + 1)), ucs2(135, 3, 67));
  });

  it('one emoji switches the whole message to UCS-2, counting UTF-16 code units', () => {
    assert.deepEqual(smsSegments(a(10) + '😀'), ucs2(12, 1, 70));
    assert.deepEqual(smsSegments(a(68) + '😀'), ucs2(70, 1, 70));
    assert.deepEqual(smsSegments(a(69) + '😀'), ucs2(71, 2, 67));
    assert.deepEqual(smsSegments(a(159) + '👍🏽'), ucs2(163, 3, 67));
  });

  it('a surrogate pair is never split across parts', () => {
    assert.deepEqual(smsSegments('😀'.repeat(35)), ucs2(70, 1, 70));
    // 134 code units would fit 2 × 67, but only 33 pairs fit in a part.
    assert.deepEqual(smsSegments('😀'.repeat(67)), ucs2(134, 3, 67));
  });

  it('counts the text as sent, markers included', () => {
    assert.deepEqual(smsSegments('**bold**'), gsm(8, 1, 160));
    assert.deepEqual(smsSegments('~~strike~~'), gsm(14, 1, 160));
  });
});
