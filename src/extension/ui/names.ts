// Names that code loaded at activation and the features loaded later both use: the compose panel's
// view type (and its title beside it) and the payload file pattern. They live in one module because
// each module shared across that line becomes a chunk activation must load.

/** The compose panel's webview type, for the panel and for its serializer. */
export const COMPOSE_VIEW_TYPE = 'imessage.compose';
/** The tab's title while the panel names nobody (with a recipient, it names them). */
export const COMPOSE_TITLE = 'Compose iMessage';

/** Which files are payloads: the name says so, so the JSON schema and the CodeLens apply at once. */
export const PAYLOAD_SUFFIX = '.imessage.json';
export const PAYLOAD_GLOB = `**/*${PAYLOAD_SUFFIX}`;
