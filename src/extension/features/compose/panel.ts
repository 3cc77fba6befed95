// The compose panel's host side: one panel at a time, revived after a reload by the serializer.
// The host owns the draft (saved on every change, so hiding, closing or reloading loses nothing),
// validates every message from the webview, and sends through the shared sender (send-flow.ts).
import * as vscode from 'vscode';
import { ValidationError } from '../../../core/client/errors';
import { fieldName } from '../../../core/schema';
import {
  type ComposeArgs,
  type Draft,
  type HostMessage,
  type NumbersState,
  type SavedDraft,
  type Suggestion,
  type WebviewMessage,
  webviewMessage,
} from '../../../shared/compose';
import { perActivation, type Services } from '../../services';
import { type DraftStore, hasContent, parseSavedDraft } from '../../services/drafts';
import { PageChannel, pageOptions } from '../../ui/webview';
import { PanelConversation } from './conversation';
import { validateDraft } from './draft';
import { composeHtml } from './html';
import { loadLeasedNumbers } from './numbers';
import { SendFlow, type SendFlowPanel } from './send-flow';
import { COMPOSE_TITLE, COMPOSE_VIEW_TYPE } from '../../ui/view-and-file-names';

/** Validation waits for a pause in typing; it needs no round trip per keystroke. */
const VALIDATE_AFTER_MS = 120;

/** What `imessage.compose` returns: enough for headless callers and tests to drive the panel. */
export interface ComposeHandle {
  readonly panel: vscode.WebviewPanel;
  draft(): Draft;
  /** Handles a message exactly as if the webview had posted it. */
  receive(message: unknown): Promise<void>;
  readonly onDidPost: vscode.Event<HostMessage>;
  /** Resolves once the webview has loaded and said `ready`. */
  whenReady(): Promise<void>;
}

/** The one panel of this activation, if open. */
class Slot implements vscode.Disposable {
  current: ComposePanel | undefined;
  dispose() {
    this.current?.dispose();
  }
}

const slot = perActivation(() => new Slot());

export class ComposePanel implements ComposeHandle, SendFlowPanel {
  private readonly store: DraftStore;
  private readonly channel: PageChannel<WebviewMessage, HostMessage>;
  readonly onDidPost: vscode.Event<HostMessage>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private current: Draft;
  /** The current draft's revision (see `draftRevision`). */
  private revision: number;
  private numbers: NumbersState = { status: 'loading' };
  private numbersRequest = 0;
  private validationTimer: ReturnType<typeof setTimeout> | undefined;
  private validationRequest = 0;
  private readonly sendFlow: SendFlow;
  private closed = false;
  /** The thread with the draft's recipient, shown above the fields. */
  readonly conversation: PanelConversation;

  static createOrShow(services: Services, args?: ComposeArgs): ComposePanel {
    const existing = slot(services).current;
    if (existing) {
      existing.panel.reveal();
      if (args) existing.prefill(args);
      return existing;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(COMPOSE_VIEW_TYPE, COMPOSE_TITLE, column, pageOptions(services.context.extensionUri));
    const created = new ComposePanel(panel, services, undefined);
    if (args) created.prefill(args);
    return created;
  }

  /**
   * After a reload. Either copy of the draft can be behind: the page's state (the workbench hands
   * back what it saved with the editor layout) or the store (a reload can cut off its last write,
   * which goes through the extension host). The newer revision wins.
   */
  static revive(panel: vscode.WebviewPanel, services: Services, state: unknown): ComposePanel {
    const existing = slot(services).current;
    if (existing) {
      panel.dispose();
      return existing;
    }
    return new ComposePanel(panel, services, parseSavedDraft(state));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    revived: SavedDraft | undefined,
  ) {
    slot(services).current = this;
    this.store = services.drafts;
    const saved = this.store.draft(defaultFrom(services), revived);
    ({ draft: this.current, revision: this.revision } = saved);
    if (saved === revived) void this.store.save(saved);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.channel = new PageChannel(
      panel.webview,
      webviewMessage,
      services.log,
      'Compose',
      (m) => this.handle(m),
      (raw, issue) => this.refuseSend(raw, issue.path, issue.message),
    );
    this.onDidPost = this.channel.onDidPost;
    this.conversation = new PanelConversation(services, panel, (m) => this.post(m));
    this.sendFlow = new SendFlow(services, this);

    panel.webview.options = pageOptions(services.context.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'icon.png');
    panel.webview.html = composeHtml(panel.webview, services.context.extensionUri);
    this.disposables.push(
      this.conversation,
      this.sendFlow,
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('imessage')) return;
        this.postInit();
        void this.loadNumbers();
        this.validateSoon(0);
      }),
      services.tokens.onDidChange(() => void this.loadNumbers()),
    );
  }

  draft(): Draft {
    return this.current;
  }

  get disposed(): boolean {
    return this.closed;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  receive(raw: unknown): Promise<void> {
    return this.channel.receive(raw);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postInit();
        this.markReady();
        this.conversation.show();
        this.validateSoon(0);
        await this.loadNumbers();
        return;
      case 'draft':
        this.setDraft(message.draft, message.revision);
        this.validateSoon();
        return;
      case 'send':
        this.setDraft(message.draft, message.revision);
        await this.sendFlow.send(this.current);
        return;
      case 'reloadNumbers':
        await this.loadNumbers();
        return;
      case 'restoreReplaced':
        this.restoreReplaced();
        return;
      case 'showLog':
        this.services.log.show();
        return;
      case 'react':
        await this.conversation.react(message.bubble, message.tapback, message.action);
        return;
      case 'typing':
        this.conversation.typing(message.active);
        return;
    }
  }

  /** Args fill the fields they name. A draft with content they would overwrite is kept, restorable. */
  prefill(args: ComposeArgs) {
    const before = this.current;
    const next: Draft = {
      ...before,
      ...(args.to !== undefined && { to: args.to }),
      ...(args.from !== undefined && { from: args.from }),
      ...(args.message !== undefined && { message: args.message }),
      ...(args.attachments !== undefined && { attachments: args.attachments }),
    };
    const overwrites =
      (args.message !== undefined && before.message.trim() !== '' && before.message !== args.message) ||
      (args.attachments !== undefined &&
        before.attachments.length > 0 &&
        JSON.stringify(before.attachments) !== JSON.stringify(args.attachments));
    if (overwrites && hasContent(before)) void this.store.saveReplaced(before);
    this.setDraft(next);
    this.postDraft();
    this.validateSoon(0);
  }

  private restoreReplaced() {
    const previous = this.store.replaced();
    if (!previous) return;
    // The draft being replaced becomes the restorable one, so restoring twice swaps back.
    void this.store.saveReplaced(hasContent(this.current) ? this.current : undefined);
    this.setDraft(previous);
    this.postDraft();
    this.validateSoon(0);
  }

  /** `revision`: the page's, for its edits; the host's own changes count one more. */
  private setDraft(draft: Draft, revision?: number) {
    if (revision !== undefined && revision > this.revision) this.revision = revision;
    // An edit that crossed one of the host's own, or a Send of the draft as it is.
    else if (JSON.stringify(draft) !== JSON.stringify(this.current)) this.revision++;
    this.current = draft;
    void this.store.save({ draft, revision: this.revision });
  }

  private postDraft() {
    this.post({ type: 'draft', draft: this.current, revision: this.revision, replaced: this.store.replaced() !== undefined });
  }

  /** Cleared only when what was sent is still what the panel holds: edits made meanwhile stay. */
  sent(sent: Draft) {
    if (JSON.stringify(this.current) === JSON.stringify(sent)) {
      this.setDraft({ ...this.current, message: '', attachments: [] });
      this.postDraft();
      this.validateSoon(0);
    }
    this.post({ type: 'suggestions', suggestions: suggestions(this.services) });
  }

  private postInit() {
    this.post({
      type: 'init',
      draft: this.current,
      revision: this.revision,
      suggestions: suggestions(this.services),
      numbers: this.numbers,
      legacy: this.services.config.readIfValid()?.apiVersion === 'legacy',
      replaced: this.store.replaced() !== undefined,
    });
  }

  private async loadNumbers() {
    const request = ++this.numbersRequest;
    this.numbers = { status: 'loading' };
    this.post({ type: 'numbers', numbers: this.numbers });
    const numbers = await loadLeasedNumbers(this.services);
    // A newer load (token or settings changed meanwhile) wins.
    if (request !== this.numbersRequest) return;
    this.numbers = numbers;
    this.post({ type: 'numbers', numbers });
  }

  private validateSoon(delay = VALIDATE_AFTER_MS) {
    if (this.validationTimer) clearTimeout(this.validationTimer);
    this.validationTimer = setTimeout(() => void this.validate(), delay);
  }

  private async validate() {
    const request = ++this.validationRequest;
    const draft = this.current;
    let validation;
    try {
      validation = await validateDraft(draft, this.services.config.read());
    } catch (error) {
      // Settings that do not parse: nothing can be sent until they are fixed; say which one.
      const message = error instanceof ValidationError ? `${error.field} ${error.reason}` : String(error);
      validation = { problems: { request: message }, hints: {}, warnings: [] };
    }
    if (request === this.validationRequest) this.post({ type: 'validation', validation });
    void this.conversation.follow(draft);
  }

  /** A Send the host cannot read still ends: the button leaves "Sending…", the panel keeps its draft. */
  private refuseSend(raw: unknown, path: readonly PropertyKey[], reason: string) {
    if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== 'send') return;
    // path: ['draft', 'message'] → "message", the field the panel marks.
    const field = fieldName(path[0] === 'draft' ? path.slice(1) : path) || 'message';
    this.post({ type: 'result', result: { ok: false, message: `Not sent: ${field} ${reason}.`, field, mayHaveBeenSent: false } });
  }

  post(message: HostMessage) {
    if (this.closed) return;
    this.channel.post(message);
  }

  dispose() {
    if (this.closed) return;
    this.closed = true;
    const current = slot(this.services);
    if (current.current === this) current.current = undefined;
    if (this.validationTimer) clearTimeout(this.validationTimer);
    this.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function defaultFrom(services: Services): string {
  return services.config.readIfValid()?.from ?? '';
}

function suggestions(services: Services): Suggestion[] {
  const contacts = Object.entries(services.config.readIfValid()?.contacts ?? {}).map(([name, address]) => ({
    value: name,
    detail: `contact: ${address}`,
  }));
  const recents = services.recents.list().map((value) => ({ value, detail: 'recent' }));
  return [...contacts, ...recents];
}
