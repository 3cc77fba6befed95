// The page's side of the channel to the extension, for every page: the VS Code API acquired once,
// typed messages both ways, the page state that survives hiding and reloads, and the `ready`
// handshake once the page listens.
import { type Message, READY } from '../../shared/webview';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface PageChannel<Out extends Message, State> {
  post(message: Out): void;
  /** What the page saved last; a reload hands it back. Treat it as untrusted: it may be old. */
  state(): State | undefined;
  saveState(state: State): void;
}

/**
 * Connects a page: `receive` gets every host message; the host hears `ready` after it is wired,
 * so call this once the page's elements exist.
 */
export function connect<In extends Message, Out extends Message, State>(receive: (message: In) => void): PageChannel<Out, State> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<In>) => receive(event.data));
  const channel: PageChannel<Out, State> = {
    post: (message) => api.postMessage(message),
    state: () => (api.getState() ?? undefined) as State | undefined,
    saveState: (state) => api.setState(state),
  };
  api.postMessage({ type: READY });
  return channel;
}
