// `npm start` runs VS Code against the local sandbox and hands it the sandbox token through the
// environment (IMESSAGE_SANDBOX_TOKEN, read by extension.ts), so a newcomer can send at once.
// Only ever honoured for a loopback API.
import { isLoopback } from '../../core/settings';
import type { Services } from '.';

export async function adoptSandboxToken(services: Services, token: string): Promise<void> {
  // Settings that do not parse (a base URL that is not one) are reported when the user sends.
  const settings = services.config.readIfValid();
  if (!settings || !isLoopback(new URL(settings.baseUrl))) return;
  if ((await services.tokens.get()) === token) return;
  await services.tokens.set(token);
  services.log.info('Using the sandbox token from npm start.');
}
