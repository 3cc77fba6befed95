/**
 * The iMessage formatting engine: the rules are in FORMATTING.md. Pure TypeScript with no
 * Node or VS Code APIs, so the extension and the webview share it.
 */
export { parse } from './parse';
export { renderHtml, escapeHtml } from './html';
export { toPlainText } from './plain';
export { consumedMarkers } from './markers';
export { countCharacters, smsSegments, type SmsSegments } from './counts';
export type { BreakNode, ConsumedMarker, FormatNode, FormatTree, Span, Style, StyleNode, TextNode } from './tree';
