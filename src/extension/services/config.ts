// One typed reader of the `imessage.*` settings, re-read when they change.
import * as vscode from 'vscode';
import { ValidationError } from '../../core/client/errors';
import { readSettings, type Settings, SETTING_IDS } from '../../core/settings';

export class Config implements vscode.Disposable {
  private cached: Settings | ValidationError | undefined;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('imessage')) this.cached = undefined;
    });
  }

  /** The settings, or a ValidationError naming the setting that is wrong. */
  read(): Settings {
    this.cached ??= load();
    if (this.cached instanceof ValidationError) throw this.cached;
    return this.cached;
  }

  /**
   * The settings, or undefined when they do not parse: for what can do without them (a contact's
   * name, a read receipt, a mode that then counts as off). Sending reads them and reports the error.
   */
  readIfValid(): Settings | undefined {
    this.cached ??= load();
    return this.cached instanceof ValidationError ? undefined : this.cached;
  }

  dispose() {
    this.listener.dispose();
  }
}

/**
 * Only the user's own value counts (then the default). VS Code already drops workspace and folder
 * values of application-scoped settings; reading `globalValue` through inspect() is the second
 * lock, so a scope lost in package.json, or a host that honours it differently, changes nothing.
 */
function load(): Settings | ValidationError {
  const config = vscode.workspace.getConfiguration('imessage');
  const raw = Object.fromEntries(
    Object.entries(SETTING_IDS).map(([key, id]) => [key, config.inspect(id.slice('imessage.'.length))?.globalValue]),
  );
  const result = readSettings(raw);
  return result.ok ? result.settings : new ValidationError(result.setting, result.message.slice(result.setting.length + 1));
}
