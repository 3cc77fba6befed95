// Entry of dist/phone.js: the phone metadata, bundled apart so that it loads only when needed.
export { parsePhoneNumberFromString } from 'libphonenumber-js/min';
