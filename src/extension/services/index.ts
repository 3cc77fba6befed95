// The long-lived pieces every feature uses, built once per activation on the first use of any
// feature (activation itself loads none of this). Services never show anything and never import
// from ui/ or features/.
import * as vscode from 'vscode';
import { Config } from './config';
import { Conversations } from './conversations';
import { DraftStore } from './drafts';
import { SendHistory } from './history';
import { Log } from './log';
import { RecentRecipients } from './recents';
import { TokenStore } from './secrets';
import { Sender } from './sender';

export interface Services {
  context: vscode.ExtensionContext;
  config: Config;
  tokens: TokenStore;
  log: Log;
  sender: Sender;
  recents: RecentRecipients;
  history: SendHistory;
  drafts: DraftStore;
  /** Threads polled while watched; built on first use (nothing polls before someone watches). */
  readonly conversations: Conversations;
  /**
   * The one place per-activation state lives (the compose panel, payload diagnostics, the notify
   * watchers): built on first request, disposed with the extension.
   */
  single<T extends vscode.Disposable>(key: string, create: () => T): T;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const config = new Config();
  const tokens = new TokenStore(context.secrets);
  const log = new Log(context.logUri, () => tokens.redactions());
  const sender = new Sender({ config, tokens, log });
  const recents = new RecentRecipients(context.globalState);
  const history = new SendHistory(context.globalState);
  const singles = new Map<string, vscode.Disposable>();
  context.subscriptions.push(
    config,
    log,
    sender,
    history,
    sender.onDidSend((e) => {
      if (e.ok) void recents.add(e.request.to);
    }),
    sender.onDidSend((e) => void history.record(e)),
    new vscode.Disposable(() => singles.forEach((d) => d.dispose())),
  );
  const services: Services = {
    context,
    config,
    tokens,
    log,
    sender,
    recents,
    history,
    drafts: new DraftStore(context.globalState),
    single<T extends vscode.Disposable>(key: string, create: () => T): T {
      let value = singles.get(key) as T | undefined;
      if (!value) singles.set(key, (value = create()));
      return value;
    },
    get conversations() {
      return services.single('conversations', () => new Conversations({ config, tokens, log, history, sender }));
    },
  };
  return services;
}
