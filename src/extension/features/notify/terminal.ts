// Terminal commands through shell integration: timed from onDidStartTerminalShellExecution to
// onDidEndTerminalShellExecution, with the tail of their output. `read()` only yields what is
// written after its first call, so output is read from the start event, and only when someone
// could want it (terminal notifications on, or a one-shot armed for that terminal).
import * as vscode from 'vscode';
import { OutputTail } from '../../../core/notify/output';
import { ACTIONS } from '../../ui/presenter';
import { prompt } from '../../ui/prompts';
import type { Armed, ArmedList } from './armed';
import type { Notifier } from './notifier';
import { ShellRestarts } from './shell-restarts';
import { says, type Said } from '../../../core/untrusted-text';

interface Running {
  terminal: vscode.Terminal;
  startedAt: number;
  tail?: OutputTail;
  reading?: Promise<void>;
}

/** How long to wait, after a command ended, for the rest of its output to be read. */
const DRAIN_MS = 1000;
const SHELL_INTEGRATION_DOCS = 'https://code.visualstudio.com/docs/terminal/shell-integration';
const DONT_SHOW_KEY = 'imessage.notify.shellIntegrationHintDismissed';

export class TerminalWatcher implements vscode.Disposable {
  private readonly running = new Map<vscode.TerminalShellExecution, Running>();
  /** One-shots: a specific running execution, or the next one in a terminal. */
  private readonly armedExecutions = new Map<vscode.TerminalShellExecution, Armed>();
  private readonly armedNext = new Map<vscode.Terminal, Armed>();
  /**
   * Terminals whose shell was replaced under a running one-shot: only there is an end without a
   * start the moved one-shot's command. Elsewhere such an end is a command that began before this
   * watcher loaded, and taking it would text the wrong command.
   */
  private readonly relaunched = new Set<vscode.Terminal>();
  private readonly restarts = new ShellRestarts(
    () => this.armedTerminals(),
    (t) => this.restarted(t),
  );
  private hinted = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly notifier: Notifier,
    private readonly armedList: ArmedList,
    private readonly memento: vscode.Memento,
    private readonly log: (line: string) => void,
  ) {
    this.subscriptions = [
      vscode.window.onDidStartTerminalShellExecution((e) => this.started(e)),
      vscode.window.onDidEndTerminalShellExecution((e) => void this.ended(e)),
      vscode.window.onDidCloseTerminal((t) => this.closed(t)),
      vscode.window.onDidChangeTerminalState((t) => {
        if (t.state.isInteractedWith) this.hintIfBlind(t);
      }),
    ];
  }

  /**
   * One-shot for `terminal`: its running command, or else its next one. A terminal that has not
   * reported shell integration is armed all the same, with a warning: VS Code may simply not
   * have told this extension yet (a terminal that started while the extension host did), and
   * the first command will tell. If it has none, the status bar shows the pending one to cancel.
   */
  async arm(terminal: vscode.Terminal): Promise<{ armed: Armed; shellIntegration: boolean }> {
    const shellIntegration = await waitForShellIntegration(terminal, 3000);
    if (!shellIntegration) {
      const message = says`The terminal "${terminal.name}" has not reported shell integration: if it has none, VS Code cannot tell when its commands finish and no text will come. ${HOW_TO_ENABLE}`;
      this.log(message);
      void prompt({ severity: 'warning', message, actions: [ACTIONS.learnMore] }).then((choice) => {
        if (choice === ACTIONS.learnMore) void vscode.env.openExternal(vscode.Uri.parse(SHELL_INTEGRATION_DOCS));
      });
    }
    const armed = this.armTerminal(terminal);
    await this.restarts.watch(terminal);
    return { armed, shellIntegration };
  }

  private armTerminal(terminal: vscode.Terminal): Armed {
    const running = [...this.running.entries()].find(([, r]) => r.terminal === terminal);
    if (running) {
      const [execution, r] = running;
      this.startReading(execution, r);
      const armed = this.armedList.add('terminal', execution.commandLine.value || `command in ${terminal.name}`);
      this.armedExecutions.set(execution, armed);
      return armed;
    }
    const previous = this.armedNext.get(terminal);
    if (previous && this.armedList.has(previous)) return previous;
    const armed = this.armedList.add('terminal', `next command in ${terminal.name}`);
    this.armedNext.set(terminal, armed);
    return armed;
  }

  dispose() {
    this.restarts.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  /** Terminals with a one-shot still armed (cancelled ones drop out of the list). */
  private *armedTerminals(): Iterable<vscode.Terminal> {
    for (const [terminal, armed] of this.armedNext) if (this.armedList.has(armed)) yield terminal;
    for (const [execution, armed] of this.armedExecutions) {
      const terminal = this.running.get(execution)?.terminal;
      if (terminal && this.armedList.has(armed)) yield terminal;
    }
  }

  /**
   * The shell of `terminal` was replaced: a one-shot on a command that ran in the old shell would
   * wait forever, so it moves to the next command, and the user is told.
   */
  private restarted(terminal: vscode.Terminal) {
    const moved = this.forgetRunning(terminal);
    if (moved.length === 0) {
      // Armed for the next command: it stays armed, but the new shell may report that command's
      // end without its start (seen when VS Code relaunches a terminal for an extension's environment).
      const next = this.armedNext.get(terminal);
      if (next && this.armedList.has(next)) this.relaunched.add(terminal);
      return;
    }
    const [keep, ...extra] = moved as [Armed, ...Armed[]];
    const was = moved.map((a) => `"${a.label}"`).join(', ');
    extra.forEach((a) => this.armedList.remove(a));
    const waiting = this.armedNext.get(terminal);
    if (waiting && this.armedList.has(waiting)) {
      this.armedList.remove(keep);
    } else {
      this.armedNext.set(terminal, keep);
      this.armedList.relabel(keep, `next command in ${terminal.name}`);
    }
    this.relaunched.add(terminal);
    this.warn(
      says`The shell of the terminal "${terminal.name}" was restarted while ${was} ran, so VS Code will not report its end. iMessage will text you when the next command in "${terminal.name}" finishes instead; cancel with the bell in the status bar.`,
    );
  }

  /** Forgets the commands running in `terminal`; returns their one-shots that are still armed. */
  private forgetRunning(terminal: vscode.Terminal): Armed[] {
    const armed: Armed[] = [];
    for (const [execution, r] of this.running) {
      if (r.terminal !== terminal) continue;
      this.running.delete(execution);
      const a = this.armedExecutions.get(execution);
      this.armedExecutions.delete(execution);
      if (a && this.armedList.has(a)) armed.push(a);
    }
    return armed;
  }

  private warn(message: Said) {
    this.log(message);
    void prompt({ severity: 'warning', message, actions: [] });
  }

  private started(e: vscode.TerminalShellExecutionStartEvent) {
    // The new shell reports its commands properly after all: its ends come with their starts.
    this.relaunched.delete(e.terminal);
    const r: Running = { terminal: e.terminal, startedAt: Date.now() };
    this.running.set(e.execution, r);
    const waiting = this.armedNext.get(e.terminal);
    this.armedNext.delete(e.terminal);
    const next = waiting && this.armedList.has(waiting) ? waiting : undefined;
    if (next) {
      this.armedExecutions.set(e.execution, next);
      this.armedList.relabel(next, e.execution.commandLine.value || `command in ${e.terminal.name}`);
    }
    if (next || this.notifier.mode('terminal') !== 'off') this.startReading(e.execution, r);
  }

  private startReading(execution: vscode.TerminalShellExecution, r: Running) {
    if (r.reading) return;
    const tail = (r.tail = new OutputTail());
    r.reading = (async () => {
      try {
        for await (const data of execution.read()) tail.push(data);
      } catch (error) {
        this.log(`Could not read the output of "${execution.commandLine.value}": ${String(error)}`);
      }
    })();
  }

  private async ended(e: vscode.TerminalShellExecutionEndEvent) {
    const r = this.running.get(e.execution);
    this.running.delete(e.execution);
    let armed = this.armedExecutions.get(e.execution);
    this.armedExecutions.delete(e.execution);
    if (!r && !armed && this.relaunched.delete(e.terminal)) {
      // An end whose start this watcher never saw, after a shell restart: VS Code reports the new
      // shell's first command this way (on the old, dead execution). It is the "next command".
      armed = this.armedNext.get(e.terminal);
      this.armedNext.delete(e.terminal);
    }
    const isArmed = armed !== undefined && this.armedList.remove(armed);
    if (!isArmed && this.notifier.mode('terminal') === 'off') return;
    // The stream ends with the command; give it a moment to hand over the last chunk.
    if (r?.reading) await Promise.race([r.reading, new Promise((res) => setTimeout(res, DRAIN_MS))]);
    const command = e.execution.commandLine.value.trim();
    await this.notifier.finished(
      'terminal',
      {
        name: command || `a command in ${e.terminal.name}`,
        exitCode: e.exitCode,
        durationMs: r ? Date.now() - r.startedAt : Number.NaN,
        workspace: vscode.workspace.name ?? '',
        cwd: e.execution.cwd?.fsPath ?? '',
        output: r?.tail?.tail() ?? '',
      },
      isArmed,
    );
  }

  private closed(terminal: vscode.Terminal) {
    this.relaunched.delete(terminal);
    const dropped = this.forgetRunning(terminal);
    const next = this.armedNext.get(terminal);
    this.armedNext.delete(terminal);
    if (next && this.armedList.has(next)) dropped.push(next);
    dropped.forEach((a) => this.armedList.remove(a));
    if (dropped.length) {
      this.warn(says`The terminal "${terminal.name}" was closed: no text will come for ${dropped.map((a) => `"${a.label}"`).join(', ')}.`);
    }
  }

  /** Once per session (and never after "Don't Show Again"): why a terminal's commands go unnoticed. */
  private hintIfBlind(terminal: vscode.Terminal) {
    if (this.hinted || this.notifier.mode('terminal') === 'off' || this.memento.get(DONT_SHOW_KEY)) return;
    if ('pty' in terminal.creationOptions) return; // an extension's pseudoterminal runs no shell
    this.hinted = true;
    void waitForShellIntegration(terminal, 5000).then(async (ok) => {
      if (ok) {
        this.hinted = false;
        return;
      }
      this.log(`Terminal "${terminal.name}" has no shell integration: its commands cannot be notified.`);
      const choice = await prompt({
        severity: 'info',
        message: says`iMessage cannot notify about commands in the terminal "${terminal.name}": it has no shell integration. ${HOW_TO_ENABLE}`,
        actions: [ACTIONS.learnMore, ACTIONS.dontShowAgain],
      });
      if (choice === ACTIONS.learnMore) await vscode.env.openExternal(vscode.Uri.parse(SHELL_INTEGRATION_DOCS));
      if (choice === ACTIONS.dontShowAgain) await this.memento.update(DONT_SHOW_KEY, true);
    });
  }
}

const HOW_TO_ENABLE =
  'Turn on "terminal.integrated.shellIntegration.enabled" and open a new bash, zsh, fish or PowerShell terminal (or source VS Code\'s shell integration script in your shell profile).';

/** Resolves true once `terminal` has shell integration, false after `timeoutMs`. */
export function waitForShellIntegration(terminal: vscode.Terminal, timeoutMs: number): Promise<boolean> {
  if (terminal.shellIntegration) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(false);
    }, timeoutMs);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(true);
    });
  });
}
