import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import full from 'libphonenumber-js/metadata.min.json';

// The build ships the metadata without number formats (scripts/build/phone-metadata.cjs): every
// number we parse must come out the same as with the whole `min` set.
const { withoutFormats } = createRequire(__filename)('../../scripts/build/phone-metadata.cjs') as {
  withoutFormats(metadata: MetadataJson): MetadataJson;
};
const stripped = withoutFormats(full as MetadataJson);

function read(text: string, country: CountryCode | undefined, metadata: MetadataJson) {
  const n = parsePhoneNumberFromString(text, { defaultCountry: country }, metadata);
  return n && { number: n.number, valid: n.isValid(), possible: n.isPossible() };
}

describe('shipped phone metadata (no number formats)', () => {
  const countries = Object.keys(examples) as CountryCode[];

  it('is much smaller than the min set it comes from', () => {
    const before = JSON.stringify(full).length;
    const after = JSON.stringify(stripped).length;
    assert.ok(after < before * 0.6, `${after} of ${before} bytes`);
  });

  it("parses every country's example, national and international, exactly as the min set does", () => {
    assert.ok(countries.length > 200, `${countries.length} countries`);
    for (const country of countries) {
      const example = parsePhoneNumberFromString((examples as Record<string, string>)[country], country, full as MetadataJson);
      assert.ok(example, country);
      for (const text of [example.formatNational(), example.formatInternational(), example.number, example.nationalNumber]) {
        const want = read(text, country, full as MetadataJson);
        assert.deepEqual(read(text, country, stripped), want, `${country}: ${text}`);
        assert.ok(want?.valid, `${country}: ${text} is a valid example`);
      }
    }
  });

  it('refuses the same wrong numbers', () => {
    for (const [text, country] of [
      ['+1415555267', undefined],
      ['+447700900123', undefined],
      ['12', 'US'],
      ['0301234567890123', 'DE'],
    ] as const) {
      assert.deepEqual(read(text, country, stripped), read(text, country, full as MetadataJson), text);
    }
  });
});
