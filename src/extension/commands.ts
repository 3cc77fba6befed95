// Every command, joined from the features' tables and registered by one loop. Ids match
// package.json#contributes.commands (an integration test checks both directions).
import * as vscode from 'vscode';
import { redact } from '../core/redact';
import type { CommandHandler, CommandTable } from './features/command-table';
import { composeCommands } from './features/compose/commands';
import type { Services } from './services';
import { selectionCommands } from './features/selection/command';
import { notifyCommands } from './features/notify';
import { payloadLabCommands } from './features/payload-lab';
import { tokenCommands } from './features/token/commands';

export const COMMANDS = {
  ...tokenCommands,
  ...selectionCommands,
  ...notifyCommands,
  ...payloadLabCommands,
  ...composeCommands,
  'imessage.showLog': (s) => s.log.show(),
} satisfies CommandTable;

export type CommandId = keyof typeof COMMANDS;

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]: [string, CommandHandler]) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        return await handler(services, arg);
      } catch (error) {
        const message = redact(error instanceof Error ? error.message : String(error));
        services.log.error(`${id} failed: ${message}`);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }),
  );
}
