// The long-lived pieces every command uses, built once at activation.
import type * as vscode from 'vscode';
import { Config } from './config';
import { SendHistory } from '../features/history/commands';
import { Log } from './log';
import { RecentRecipients } from './recents';
import { TokenStore } from './secrets';
import { Sender } from './sender';
import { setToken } from '../features/token/commands';

export interface Services {
  context: vscode.ExtensionContext;
  config: Config;
  tokens: TokenStore;
  log: Log;
  sender: Sender;
  recents: RecentRecipients;
  history: SendHistory;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const config = new Config();
  const tokens = new TokenStore(context.secrets);
  const log = new Log(context.logUri, () => tokens.redactions());
  context.subscriptions.push(config, log);
  const sender = new Sender({ config, tokens, log, promptForToken: () => setToken({ config, tokens, log }) });
  const recents = new RecentRecipients(context.globalState);
  const history = new SendHistory(context.globalState);
  context.subscriptions.push(
    sender,
    sender.onDidSend((e) => {
      if (e.ok) void recents.add(e.request.to);
    }),
    sender.onDidSend((e) => void history.record(e)),
  );
  return { context, config, tokens, log, sender, recents, history };
}
