// The stored token, for any call to the API. Asking the user for one is the caller's business
// (ui/token.ts): services never show anything.
import { MissingTokenError } from '../../core/client/errors';
import type { Log } from './log';
import { tokenProblem, type TokenStore } from './secrets';

/** Asks the user for a token; resolves true when one was stored. */
export type AskForToken = () => Promise<boolean>;

/**
 * The stored token. When there is none, `askForToken` (if given) may get one from the user;
 * otherwise throws MissingTokenError. A token that looks wrong is used, with a warning in the log.
 */
export async function requireToken(deps: { tokens: TokenStore; log: Log }, askForToken?: AskForToken): Promise<string> {
  let token = await deps.tokens.get();
  if (!token && askForToken && (await askForToken())) token = await deps.tokens.get();
  if (!token) throw new MissingTokenError();
  const problem = tokenProblem(token);
  if (problem) deps.log.warn(`The stored API token ${problem}; using it anyway.`);
  return token;
}
