// Which files are payloads: the name says so, so the JSON schema and the CodeLens apply at once.
export const PAYLOAD_SUFFIX = '.imessage.json';
export const PAYLOAD_GLOB = `**/*${PAYLOAD_SUFFIX}`;
