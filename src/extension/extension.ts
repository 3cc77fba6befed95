// Activation registers the commands, the payload CodeLens, the compose panel's serializer, the
// Conversations view (its items load when it is first shown), the language model tools and the
// triggers of the notification watchers, the agent hooks and the workspace settings guard. Each
// feature's code, the services, zod and the phone metadata load on first use; only `npm start` (a
// sandbox token in the environment) builds the services during activation.
import type * as vscode from 'vscode';
import { Activation, loadRuntime } from './activation';
import { createApi, type IMessageApi } from './api';
import { registerCommands } from './commands';
import { registerAgentTools } from './features/agent/lm';
import { watchAgentHooks } from './features/agent-hooks/startup';
import { registerComposeSerializer } from './features/compose/serializer';
import { registerConversationsView } from './conversations-view';
import { watchNotifySettings } from './features/notify/startup';
import { registerPayloadCodeLens } from './features/payload/codelens';
import { watchWorkspaceSettings } from './features/workspace-guard/startup';

export async function activate(context: vscode.ExtensionContext): Promise<IMessageApi> {
  const activation = new Activation(context);
  const services = () => activation.services();
  context.subscriptions.push(
    ...registerCommands(activation),
    registerPayloadCodeLens(),
    registerComposeSerializer(services),
    watchNotifySettings(services),
  );
  context.subscriptions.push(
    watchWorkspaceSettings(context, services),
    registerConversationsView(activation),
    registerAgentTools(services),
    watchAgentHooks(services),
  );
  return startApi(activation);
}

/**
 * The last step of activation; apart so that a test runs it in the `npm start` configuration,
 * where the services are built before the API asks for them.
 */
export async function startApi(activation: Activation): Promise<IMessageApi> {
  // `npm start` hands over the sandbox token through the environment; real users skip this.
  const sandboxToken = process.env.IMESSAGE_SANDBOX_TOKEN;
  if (sandboxToken) await (await loadRuntime()).adoptSandboxToken(await activation.services(), sandboxToken);
  return createApi(activation, activation.context.subscriptions);
}

export function deactivate() {}
