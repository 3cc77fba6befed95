// Setting and clearing the API token. The token is typed into a password box (ui/token.ts) or
// passed as an argument for headless use; it is never echoed back.
import * as z from '../../../core/zod';
import type { Services } from '../../services';
import { parseArgs } from '../../ui/args';
import { enterToken } from '../../ui/token';
import { commandTable } from '../command-table';
import { tell } from '../../ui/prompts';
import { says } from '../../../core/untrusted-text';

const setTokenArgs = z.strictObject({ token: z.optional(z.string()) });

async function clearToken(s: Services): Promise<void> {
  await s.tokens.clear();
  s.log.info('API token cleared.');
  tell('info', says`The Contiguity API token was removed from secret storage.`);
}

export const commands = commandTable({
  /** `imessage.setToken [token | { token }]`: resolves true when a token was stored. */
  'imessage.setToken': (s, arg) => enterToken(s, parseArgs('imessage.setToken', setTokenArgs, arg, { shorthand: 'token' }).token),
  'imessage.clearToken': (s) => clearToken(s),
});
