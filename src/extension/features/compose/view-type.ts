// The compose panel's webview type, for the panel and for its serializer (loaded at activation).
export const COMPOSE_VIEW_TYPE = 'imessage.compose';
/** The tab's title while the panel names nobody (with a recipient, it names them). */
export const COMPOSE_TITLE = 'Compose iMessage';
