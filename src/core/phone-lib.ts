// Shapes the bundle: the part of libphonenumber-js we use, imported lazily by address.ts, so its
// own chunk holds the metadata and only what this export needs (a dynamic import keeps every
// export of its target).
export { parsePhoneNumberFromString } from 'libphonenumber-js/min';
