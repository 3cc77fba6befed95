// `npm start` runs VS Code against the local sandbox and hands it the sandbox token through the
// environment, so a newcomer can send at once. Only ever honoured for a loopback API.
import { isLoopback } from '../../core/settings';
import type { Services } from './index';

export const SANDBOX_TOKEN_ENV = 'IMESSAGE_SANDBOX_TOKEN';

export async function adoptSandboxToken(services: Services): Promise<void> {
  const token = process.env[SANDBOX_TOKEN_ENV];
  if (!token) return;
  try {
    if (!isLoopback(new URL(services.config.read().baseUrl))) return;
  } catch {
    return; // an invalid base URL is reported when the user sends
  }
  if ((await services.tokens.get()) === token) return;
  await services.tokens.set(token);
  services.log.info('Using the sandbox token from npm start.');
}
