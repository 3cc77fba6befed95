// What `activate` returns to other extensions (and tests): send through the same sender,
// without prompts. Resolves with the API's envelope; rejects with an Error carrying
// `status` and `envelope` when the server answered. The sender loads on the first call.
import type { SendInput } from '../core/prepare';
import { type Activation, loadRuntime } from './activation';

export interface IMessageApi {
  send(request: SendInput): Promise<unknown>;
}

export function createApi(activation: Activation): IMessageApi {
  return {
    async send(request) {
      const [services, { sendQuietly }] = await Promise.all([activation.services(), loadRuntime()]);
      const outcome = await sendQuietly(services, request, { source: 'api' });
      if (!outcome.ok) throw outcome.error;
      return outcome.result.envelope;
    },
  };
}
