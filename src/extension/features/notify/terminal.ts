// Terminal commands through shell integration: timed from onDidStartTerminalShellExecution to
// onDidEndTerminalShellExecution, with the tail of their output. `read()` only yields what is
// written after its first call, so output is read from the start event, and only when someone
// could want it (terminal notifications on, or a one-shot armed for that terminal).
import * as vscode from 'vscode';
import { OutputTail } from '../../../core/notify/output';
import type { Armed, ArmedList } from './armed';
import type { Notifier } from './notifier';

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
      const message = `The terminal "${terminal.name}" has not reported shell integration: if it has none, VS Code cannot tell when its commands finish and no text will come. ${HOW_TO_ENABLE}`;
      this.log(message);
      void vscode.window.showWarningMessage(message, 'Learn More').then((choice) => {
        if (choice) void vscode.env.openExternal(vscode.Uri.parse(SHELL_INTEGRATION_DOCS));
      });
    }
    return { armed: this.armTerminal(terminal), shellIntegration };
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
    this.subscriptions.forEach((s) => s.dispose());
  }

  private started(e: vscode.TerminalShellExecutionStartEvent) {
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
    const armed = this.armedExecutions.get(e.execution);
    this.armedExecutions.delete(e.execution);
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
    const next = this.armedNext.get(terminal);
    this.armedNext.delete(terminal);
    if (next) this.armedList.remove(next);
    for (const [execution, r] of this.running) {
      if (r.terminal !== terminal) continue;
      this.running.delete(execution);
      const armed = this.armedExecutions.get(execution);
      this.armedExecutions.delete(execution);
      if (armed) this.armedList.remove(armed);
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
      const choice = await vscode.window.showInformationMessage(
        `iMessage cannot notify about commands in the terminal "${terminal.name}": it has no shell integration. ${HOW_TO_ENABLE}`,
        'Learn More',
        "Don't Show Again",
      );
      if (choice === 'Learn More') await vscode.env.openExternal(vscode.Uri.parse(SHELL_INTEGRATION_DOCS));
      if (choice === "Don't Show Again") await this.memento.update(DONT_SHOW_KEY, true);
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
