// Every command id, the feature that owns it, and one loop that registers them all. A feature's
// code loads on its first command. Ids match package.json#contributes.commands (an integration
// test checks both directions).
import * as vscode from 'vscode';
import { type Activation, loadRuntime } from './activation';
import type { CommandHandler } from './features/command-table';

const FEATURES = {
  token: () => import('./features/token/commands'),
  account: () => import('./features/account/commands'),
  selection: () => import('./features/selection/command'),
  compose: () => import('./features/compose/commands'),
  notify: () => import('./features/notify'),
  payload: () => import('./features/payload/commands'),
  history: () => import('./features/history/commands'),
  conversations: () => import('./features/conversations/commands'),
  agentHooksSetup: () => import('./features/agent-hooks/setup'),
};
type FeatureName = keyof typeof FEATURES;

export const COMMANDS = {
  'imessage.setToken': 'token',
  'imessage.clearToken': 'token',
  'imessage.showLog': 'account',
  'imessage.verifyToken': 'account',
  'imessage.pickFromNumber': 'account',
  'imessage.sendSelection': 'selection',
  'imessage.compose': 'compose',
  'imessage.notifyOnCompletion': 'notify',
  'imessage.runTaskAndNotify': 'notify',
  'imessage.cancelNotification': 'notify',
  'imessage.showWaiting': 'notify',
  'imessage.newPayload': 'payload',
  'imessage.sendPayload': 'payload',
  'imessage.sendPayloadWithoutValidation': 'payload',
  'imessage.dryRun': 'payload',
  'imessage.copyAsCurl': 'payload',
  'imessage.showHistory': 'history',
  'imessage.clearHistory': 'history',
  'imessage.openConversation': 'compose',
  'imessage.refreshConversations': 'conversations',
  'imessage.setUpAgentNotifications': 'agentHooksSetup',
  'imessage.removeAgentNotifications': 'agentHooksSetup',
} as const satisfies Record<string, FeatureName>;

export type CommandId = keyof typeof COMMANDS;

// Compile-time check: the feature named for each id has a handler for it.
type Feature<F extends FeatureName> = Awaited<ReturnType<(typeof FEATURES)[F]>>;
type Unhandled = { [Id in CommandId]: Id extends keyof Feature<(typeof COMMANDS)[Id]>['commands'] ? never : Id }[CommandId];
const everyIdHandled: [Unhandled] extends [never] ? true : Unhandled = true;
void everyIdHandled;

export function registerCommands(activation: Activation): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, feature]) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const services = await activation.services();
      try {
        const handler = ((await FEATURES[feature]()).commands as Record<string, CommandHandler>)[id]!;
        return await handler(services, arg);
      } catch (error) {
        // The runtime is loaded by now (services came from it): the redactor costs activation nothing.
        const { redact, says, tell } = await loadRuntime();
        const message = redact(error instanceof Error ? error.message : String(error));
        services.log.error(`${id} failed: ${message}`);
        tell('error', says`${message}`);
        return undefined;
      }
    }),
  );
}
