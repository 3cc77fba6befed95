// Tells the user, once, when a workspace tries to set a setting only they may set. VS Code already
// ignores such values (every imessage.* setting is application-scoped, and Config reads only user
// values); this is about the repository: one that tries is hostile or confused, and worth knowing.
import * as vscode from 'vscode';
import { protectedSettingsIn } from '../../../core/protected-settings';
import type { Log } from '../../services/log';
import { prompt } from '../../ui/prompts';
import type { SettingsFile } from './settings-files';
import { says } from '../../../core/untrusted-text';

const TOLD_KEY = 'imessage.toldWorkspaceSettings';

/** Checks the workspace's settings files when asked; startup.ts decides when (one set of listeners). */
export class WorkspaceGuard implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
    /** The startup trigger's list, passed in so the code that finds the files loads once, at activation. */
    private readonly settingsFiles: () => SettingsFile[],
  ) {}

  /** Several events in a row (a save touches file and settings) make one check. */
  checkSoon() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.checking = this.checking
        .then(() => this.check())
        .catch((e) => this.log.warn(`Checking workspace settings failed: ${String(e)}`));
    }, 150);
  }

  private async check() {
    const told = new Set(this.state.get<string[]>(TOLD_KEY, []));
    for (const file of this.settingsFiles()) {
      const text = await vscode.workspace.fs.readFile(file.uri).then(
        (b) => new TextDecoder().decode(b),
        () => undefined,
      );
      if (text === undefined) continue;
      const found = protectedSettingsIn(text, file.kind);
      const fresh = found.filter((id) => !told.has(`${file.uri.toString()}|${id}`));
      if (!fresh.length) {
        // Not told again; the line shows the change was read (tests wait on it).
        if (found.length) this.log.info(`${file.label} still tries to set ${found.length} setting(s); already told.`);
        continue;
      }
      fresh.forEach((id) => told.add(`${file.uri.toString()}|${id}`));
      await this.state.update(TOLD_KEY, [...told]);
      const list = fresh.join(', ');
      this.log.warn(`${file.label} tries to set ${list}; ignored: only user settings decide these.`);
      void prompt({
        severity: 'warning',
        message: says`This workspace's ${file.label} tries to set ${list}. iMessage Sender ignores it: only your user settings decide where your messages and API token go. A repository that sets these may be hostile or misconfigured.`,
        actions: ['Open File'],
      }).then((choice) => {
        if (choice === 'Open File') void vscode.window.showTextDocument(file.uri);
      });
    }
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
  }
}
