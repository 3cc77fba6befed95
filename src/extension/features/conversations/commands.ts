// `imessage.refreshConversations`; and the entry the view and the public API load this feature by.
import { commandTable } from '../command-table';
import { conversationsTree } from './view';

export { conversationsTree } from './view';
export { history } from './api';

export const commands = commandTable({
  'imessage.refreshConversations': async (s) => {
    const handle = s.conversationsView;
    if (!handle) throw new Error('The Conversations view is not registered.');
    const tree = conversationsTree(s);
    await tree.refresh();
    // For headless callers and tests: what the view lists and says now.
    const items = await tree.items();
    return { items, message: handle.view.message, badge: handle.view.badge?.value ?? 0 };
  },
});
