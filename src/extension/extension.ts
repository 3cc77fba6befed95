import * as vscode from 'vscode';
import { createApi, type IMessageApi } from './api';
import { registerCommands } from './commands';
import { registerComposeSerializer } from './compose/commands';
import { adoptSandboxToken } from './sandbox-token';
import { createServices } from './services';

export async function activate(context: vscode.ExtensionContext): Promise<IMessageApi> {
  const services = createServices(context);
  context.subscriptions.push(...registerCommands(services), registerComposeSerializer(services));
  await adoptSandboxToken(services);
  return createApi(services.sender);
}

export function deactivate() {}
