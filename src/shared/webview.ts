// What every webview page and its host share, whatever the page: messages are objects with a
// `type`; the page says `ready` once it listens, and only then does the host post its state
// (a page that is still loading would drop messages). Each page has its own protocol file
// (shared/compose.ts, ...) whose unions both sides import.
export interface Message {
  type: string;
}

export const READY = 'ready';

/** The page's name is its script (`dist/webview/<page>.js`) and its stylesheet (`media/<page>.css`). */
export type PageName = 'compose';
