// The compose panel's webview type, for the panel and for its serializer (loaded at activation).
export const COMPOSE_VIEW_TYPE = 'imessage.compose';
