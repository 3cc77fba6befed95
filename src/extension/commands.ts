// Every command in one table, registered by one loop. Ids match package.json#contributes.commands
// (a test checks). Each handler takes an optional argument so it can run headless.
import * as vscode from 'vscode';
import type { Services } from './services';
import { clearToken, setToken } from './token';

type Handler = (services: Services, arg?: unknown) => unknown;

export const COMMANDS = {
  'imessage.setToken': (s, arg) => setToken(s, arg),
  'imessage.clearToken': (s) => clearToken(s),
  'imessage.showLog': (s) => s.log.show(),
} satisfies Record<string, Handler>;

export type CommandId = keyof typeof COMMANDS;

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        return await (handler as Handler)(services, arg);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        services.log.error(`${id} failed: ${message}`);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }),
  );
}
