// Loaded at activation: the Conversations view exists from the start, but its code (and the
// services) load only when the view is first shown and asks for its items.
import * as vscode from 'vscode';
import type { Activation } from './activation';
import type { ConversationItem, ConversationsTree } from './features/conversations/view';
import type { ConversationsViewHandle } from './services';

export const CONVERSATIONS_VIEW = 'imessage.conversations';

export function registerConversationsView(activation: Activation): vscode.Disposable {
  const changed = new vscode.EventEmitter<undefined>();
  let tree: Promise<ConversationsTree> | undefined;
  const load = (): Promise<ConversationsTree> =>
    (tree ??= Promise.all([activation.services(), import('./features/conversations/commands')]).then(([services, m]) =>
      m.conversationsTree(services),
    ));
  const provider: vscode.TreeDataProvider<ConversationItem> = {
    onDidChangeTreeData: changed.event,
    getTreeItem: (item) => item,
    getChildren: async (item) => (item ? [] : (await load()).items()),
  };
  const view = vscode.window.createTreeView<ConversationItem>(CONVERSATIONS_VIEW, { treeDataProvider: provider });
  const handle: ConversationsViewHandle = { view, changed };
  // The tree, the refresh command and reply arrivals find the view through the services, once they exist.
  activation.whenServices((services) => (services.conversationsView = handle));
  return vscode.Disposable.from(view, changed);
}
