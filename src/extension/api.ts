// What `activate` returns to other extensions (and tests): send through the same sender,
// without prompts. Resolves with the API's envelope; rejects with an Error carrying
// `status` and `envelope` when the server answered.
import type { SendInput } from '../core/prepare';
import type { Sender } from './services/sender';

export interface IMessageApi {
  send(request: SendInput): Promise<unknown>;
}

export function createApi(sender: Sender): IMessageApi {
  return {
    async send(request) {
      const outcome = await sender.send(request, { interactive: false, source: 'api' });
      if (!outcome.ok) throw outcome.error;
      return outcome.result.envelope;
    },
  };
}
