// The phone metadata the extension ships: libphonenumber-js's `min` set without its number
// formats. We only parse numbers to E.164 and check them; formats are read only when formatting
// (format(), AsYouType, findNumbers), which we never do, and they are about a third of the set.
const fs = require('node:fs');
const path = require('node:path');

/** The index of `formats` in a v4 country entry (libphonenumber-js metadata.js `_getFormats`). */
const FORMATS = 4;

/** A copy of `metadata` whose countries carry no number formats. */
function withoutFormats(metadata) {
  if (metadata.version !== 4) throw new Error(`phone metadata: expected version 4, got ${metadata.version}`);
  const strip = (entries) =>
    Object.fromEntries(
      Object.entries(entries).map(([key, entry]) => {
        const copy = [...entry];
        if (copy.length > FORMATS) copy[FORMATS] = 0;
        return [key, copy];
      }),
    );
  return { ...metadata, countries: strip(metadata.countries), nonGeographic: strip(metadata.nonGeographic ?? {}) };
}

/** esbuild plugin: the bundle's `metadata.min.json.js` becomes the stripped set. */
const phoneMetadata = {
  name: 'phone-metadata',
  setup(build) {
    build.onLoad({ filter: /libphonenumber-js[\\/]metadata\.min\.json\.js$/ }, (args) => {
      const json = JSON.parse(fs.readFileSync(path.join(path.dirname(args.path), 'metadata.min.json'), 'utf8'));
      return { contents: `export default ${JSON.stringify(withoutFormats(json))};`, loader: 'js' };
    });
  },
};

module.exports = { withoutFormats, phoneMetadata };
