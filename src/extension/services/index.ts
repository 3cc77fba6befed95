// The long-lived pieces every feature uses, built once per activation on the first use of any
// feature (activation itself loads none of this). Services never show anything and never import
// from ui/ or features/. Each is a typed member; what only some features need is built on first use.
import * as vscode from 'vscode';
import { AgentBudget } from '../../core/agent/budget';
import { Config } from './config';
import { Connectivity } from './connectivity';
import { Conversations } from './conversations';
import { DraftStore } from './drafts';
import { SendHistory } from './history';
import { Log } from './log';
import { reach } from './milestones';
import { OpenQuestions } from './open-questions';
import { Outbox, outboxDir } from './outbox';
import { RecentRecipients } from './recents';
import { TokenStore } from './secrets';
import { Sender } from './sender';
import { Windows } from './windows';

/** The Conversations tree view: made at activation (conversations-view.ts), its items load with the feature. */
export interface ConversationsViewHandle {
  view: vscode.TreeView<vscode.TreeItem>;
  /** Fired to redraw every item. */
  changed: vscode.EventEmitter<undefined>;
}

export class Services {
  readonly config = new Config();
  readonly tokens: TokenStore;
  readonly log: Log;
  readonly sender: Sender;
  readonly recents: RecentRecipients;
  readonly history: SendHistory;
  readonly drafts: DraftStore;
  /** Texts agents sent in this activation, tools and hooks together (imessage.agent.maxTextsPerSession). */
  readonly agentBudget = new AgentBudget();
  /**
   * The Conversations view, handed over by the activation once the services exist; undefined
   * before that (the refresh command says so; the badge is set once it is handed over).
   */
  conversationsView: ConversationsViewHandle | undefined;
  private reach: Connectivity | undefined;
  private polled: Conversations | undefined;
  private questions: OpenQuestions | undefined;
  private kept: Outbox | undefined;
  private shared: Windows | undefined;

  constructor(readonly context: vscode.ExtensionContext) {
    this.tokens = new TokenStore(context.secrets);
    this.log = new Log(context.logUri, () => this.tokens.redactions());
    this.sender = new Sender({ config: this.config, tokens: this.tokens, log: this.log });
    this.recents = new RecentRecipients(context.globalState);
    this.history = new SendHistory(context.globalState);
    this.drafts = new DraftStore(context.globalState);
    context.subscriptions.push(
      this.config,
      this.log,
      this.sender,
      this.history,
      this.sender.onDidSend((e) => {
        if (!e.ok) return;
        void this.recents.add(e.request.to);
        reach('messageSent');
      }),
      this.sender.onDidSend((e) => void this.history.record(e)),
    );
  }

  /** Whether the API can be reached: one state and one probe for the outbox and the polls; built on first use. */
  get connectivity(): Connectivity {
    if (!this.reach) {
      const { config, log, sender } = this;
      this.reach = new Connectivity({ config, log, sender });
      this.context.subscriptions.push(this.reach);
    }
    return this.reach;
  }

  /** Threads polled while watched; built on first use (nothing polls before someone watches). */
  get conversations(): Conversations {
    if (!this.polled) {
      const { config, tokens, log, history, sender, connectivity } = this;
      this.polled = new Conversations({ config, tokens, log, history, sender, connectivity });
      this.context.subscriptions.push(this.polled);
    }
    return this.polled;
  }

  /** Automatic texts that wait for the network, on disk and shared by the windows; built on first use. */
  get outbox(): Outbox {
    if (!this.kept) {
      const { config, log, sender, connectivity } = this;
      this.kept = new Outbox({ dir: outboxDir(this.context), config, log, sender, connectivity });
      this.context.subscriptions.push(this.kept);
    }
    return this.kept;
  }

  /** What the other windows show and know of replies (files in globalStorage); built on first use. */
  get windows(): Windows {
    if (!this.shared) {
      this.shared = new Windows({ storage: this.context.globalStorageUri.fsPath, conversations: this.conversations, log: this.log });
      this.context.subscriptions.push(this.shared);
    }
    return this.shared;
  }

  /** The questions open by text (agent hooks and imessage_ask), answered from the user's thread. */
  get openQuestions(): OpenQuestions {
    if (!this.questions) {
      this.questions = new OpenQuestions({ conversations: () => this.conversations, sender: this.sender, log: this.log });
      this.context.subscriptions.push(this.questions);
    }
    return this.questions;
  }
}

/**
 * A member that a feature (or the ui) adds to the services: typed by the function that makes it,
 * made on first use, once per activation, and disposed with the extension. It lives beside the
 * code that owns it because the services cannot name a feature's types (the layers point down).
 */
export function perActivation<T extends vscode.Disposable>(create: (services: Services) => T): (services: Services) => T {
  const made = new WeakMap<Services, T>();
  return (services) => {
    let value = made.get(services);
    if (!value) {
      value = create(services);
      made.set(services, value);
      services.context.subscriptions.push(value);
    }
    return value;
  };
}
