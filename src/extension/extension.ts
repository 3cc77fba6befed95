import * as vscode from 'vscode';
import { createApi, type IMessageApi } from './api';
import { registerCommands } from './commands';
import { registerComposeSerializer } from './features/compose/commands';
import { registerPayloadCodeLens } from './features/payload-lab';
import { adoptSandboxToken } from './services/sandbox-token';
import { startNotify } from './features/notify';
import { createServices } from './services';
import { WorkspaceGuard } from './features/workspace-guard';

export async function activate(context: vscode.ExtensionContext): Promise<IMessageApi> {
  const services = createServices(context);
  context.subscriptions.push(...registerCommands(services), registerPayloadCodeLens(), registerComposeSerializer(services));
  startNotify(services);
  context.subscriptions.push(new WorkspaceGuard(context.workspaceState, services.log));
  await adoptSandboxToken(services);
  return createApi(services.sender);
}

export function deactivate() {}
