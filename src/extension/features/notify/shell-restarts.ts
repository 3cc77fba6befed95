// Notices a terminal's shell being replaced (Terminal: Relaunch, a shell that exits and is
// restarted) while a one-shot waits on it. VS Code sends no event for that: the execution the
// one-shot waits on just never ends, and the new shell's first command ends on that dead execution
// with no start event. The shell's process id is the one thing that changes, so it is polled, once
// a second and only while something is armed.
import * as vscode from 'vscode';

const POLL_MS = 1000;

export class ShellRestarts implements vscode.Disposable {
  private readonly pids = new Map<vscode.Terminal, number | undefined>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  /**
   * @param watched the terminals that have a one-shot armed right now
   * @param restarted called once per change of a watched terminal's shell process
   */
  constructor(
    private readonly watched: () => Iterable<vscode.Terminal>,
    private readonly restarted: (terminal: vscode.Terminal) => void,
  ) {}

  /** Starts polling (if it is not already) from the terminal's current shell. */
  async watch(terminal: vscode.Terminal): Promise<void> {
    if (!this.pids.has(terminal)) this.pids.set(terminal, await terminal.processId);
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
  }

  dispose() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll() {
    if (this.polling) return; // a slow processId answer must not stack ticks
    this.polling = true;
    try {
      const watched = new Set(this.watched());
      for (const terminal of this.pids.keys()) if (!watched.has(terminal)) this.pids.delete(terminal);
      if (watched.size === 0) {
        this.dispose();
        return;
      }
      for (const terminal of watched) {
        const pid = await terminal.processId;
        const before = this.pids.get(terminal);
        this.pids.set(terminal, pid);
        // undefined: no process yet (or any more); the next known pid is the baseline.
        if (before !== undefined && pid !== undefined && pid !== before) this.restarted(terminal);
      }
    } finally {
      this.polling = false;
    }
  }
}
