// Turns "this task/command/cell/debug session finished" into a text: applies the rules, renders the template, sends
// through the shared sender quietly (no prompts, no popups for each send).
// Failures are logged every time but shown once per streak: the first failure pops up, later
// ones only go to the log until a notification gets through again. Ten tasks failing against a
// missing token make one popup, not ten.
import * as vscode from 'vscode';
import { ValidationError } from '../../../core/client/errors';
import { formatDuration } from '../../../core/notify/duration';
import { clockTime, heldUntil, ownRecipient, quietRanges } from '../../../core/notify/automatic';
import { decide, type NotifyMode, type NotifyRules } from '../../../core/notify/rules';
import { type Finished, placeholderValues, renderTemplate } from '../../../core/notify/template';
import type { Settings } from '../../../core/settings';
import type { Services } from '../../services';
import { showFailure } from '../../ui/presenter';
import { holdAutomatic, sendAutomatic } from '../../ui/outbox';

/** What finished, and the setting that holds its mode. */
const MODES = {
  task: 'notifyTasks',
  terminal: 'notifyTerminal',
  notebook: 'notifyNotebooks',
  debug: 'notifyDebug',
} as const satisfies Record<string, keyof Settings>;

export type Source = keyof typeof MODES;

export class Notifier {
  /** True from a shown failure until a notification is sent again. */
  private failureShown = false;

  constructor(private readonly services: Services) {}

  /** Mode for a source, or 'off' when the settings cannot be read (that is reported on send). */
  mode(source: Source): NotifyMode {
    return this.services.config.readIfValid()?.[MODES[source]] ?? 'off';
  }

  /** Decides and, when it should, sends. Resolves once the outcome is known; never rejects. */
  async finished(source: Source, f: Finished, armed: boolean): Promise<void> {
    const { log } = this.services;
    const label = `${source} "${f.name}" (exit ${f.exitCode ?? 'unknown'}, ${formatDuration(f.durationMs)})`;
    let message: string;
    let to: string | undefined;
    let holdTill: number | undefined;
    try {
      const settings = this.services.config.read();
      const decision = decide(rulesFor(source, settings), {
        exitCode: f.exitCode,
        durationMs: f.durationMs,
        armed,
        focused: vscode.window.state.focused,
        at: new Date(),
      });
      holdTill = !decision.notify && decision.quiet ? heldUntil(settings, Date.now()) : undefined;
      if (!decision.notify && holdTill === undefined) {
        // Every decision gets its line, "off" too: the log says why no text came (and tests wait on it).
        log.info(`No notification for ${label}: ${decision.reason}.`);
        return;
      }
      message = renderTemplate(settings.notifyTemplate, placeholderValues(f, formatDuration));
      to = ownRecipient(settings);
      if (!to) {
        throw new ValidationError(
          'imessage.notify.recipient',
          'is empty and so is imessage.defaultRecipient: set one to receive notifications',
        );
      }
    } catch (error) {
      this.failed(label, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (holdTill !== undefined) {
      const held = await holdAutomatic(this.services, { to, message, source: `notify.${source}`, label }, holdTill);
      log.info(
        `Notification about ${label} ${held ? `held for the quiet hours: it goes out at ${clockTime(holdTill)} in a digest` : 'not held'}.`,
      );
      return;
    }
    log.info(`Notifying about ${label}${armed ? ' (one-shot)' : ''}.`);
    const { outcome, kept } = await sendAutomatic(this.services, { to, message, source: `notify.${source}`, label });
    if (outcome.ok) this.failureShown = false;
    else if (kept) log.info(`Notification about ${label} waits in the outbox: ${outcome.error.message}`);
    else this.failed(label, outcome.error);
  }

  private failed(label: string, error: Error) {
    const { log } = this.services;
    if (this.failureShown) {
      log.error(`Notification about ${label} failed: ${error.message} (not shown again until a notification gets through).`);
      return;
    }
    this.failureShown = true;
    log.error(`Notification about ${label} failed: ${error.message} (shown to the user).`);
    void this.show(error);
  }

  private show(error: Error) {
    return showFailure(this.services, error, { prefix: 'iMessage notification not sent: ', alwaysShowOutput: true });
  }
}

function rulesFor(source: Source, s: Settings): NotifyRules {
  return {
    mode: s[MODES[source]],
    minDurationSeconds: s.notifyMinDurationSeconds,
    onlyWhenUnfocused: s.notifyOnlyWhenUnfocused,
    ignoreExitCodes: s.notifyIgnoreExitCodes,
    quietHours: quietRanges(s),
  };
}
