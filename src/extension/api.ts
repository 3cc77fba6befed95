// What `activate` returns to other extensions (and tests): send through the same sender,
// without prompts. Resolves with the API's envelope; rejects with an Error carrying
// `status` and `envelope` when the server answered. The sender loads on the first call.
import * as vscode from 'vscode';
import type { Thread } from '../core/conversation/thread';
import type { SendInput } from '../core/prepare';
import { type Activation, loadRuntime } from './activation';
import type { ReceivedMessage } from './services/conversations';

export interface IMessageApi {
  send(request: SendInput): Promise<unknown>;
  /** The conversation with `to` (a contact name or a number), its last `limit` (default 20) messages. */
  history(args: { to: string; from?: string; limit?: number }): Promise<Thread>;
  /** Each inbound message seen by a poll of a thread that something watches (the panel, the view). */
  onDidReceive: vscode.Event<ReceivedMessage>;
}

export function createApi(activation: Activation, subscriptions: vscode.Disposable[]): IMessageApi {
  const received = new vscode.EventEmitter<ReceivedMessage>();
  subscriptions.push(received);
  // Forwarded once the services exist; until then nothing polls, so nothing can arrive.
  activation.whenServices((services) => subscriptions.push(services.conversations.onDidReceive((m) => received.fire(m))));
  return {
    onDidReceive: received.event,
    async history(args) {
      const [services, { history }] = await Promise.all([activation.services(), import('./features/conversations/commands')]);
      return history(services, args);
    },
    async send(request) {
      const [services, { sendQuietly }] = await Promise.all([activation.services(), loadRuntime()]);
      const outcome = await sendQuietly(services, request, { source: 'api' });
      if (!outcome.ok) throw outcome.error;
      return outcome.result.envelope;
    },
  };
}
