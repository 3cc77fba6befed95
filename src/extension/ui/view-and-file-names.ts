// Shapes the bundle: one module, so one chunk, for every name activation shares with the features.
// It holds the compose panel's view type (and its title beside it) and the payload file pattern:
// each module shared across that line would become a chunk of its own that activation must load.

/** The compose panel's webview type, for the panel and for its serializer. */
export const COMPOSE_VIEW_TYPE = 'imessage.compose';
/** The tab's title while the panel names nobody (with a recipient, it names them). */
export const COMPOSE_TITLE = 'Compose iMessage';

/** Which files are payloads: the name says so, so the JSON schema and the CodeLens apply at once. */
export const PAYLOAD_SUFFIX = '.imessage.json';
export const PAYLOAD_GLOB = `**/*${PAYLOAD_SUFFIX}`;
