// What the pager remembers in a window: when each agent session started work, and since when the
// window has been unfocused (watched from when this loads: before that, it is not known, and a
// window not known to be away is not away).
import * as vscode from 'vscode';
import type { Focus } from '../../../core/agent-hooks/rules';
import { SessionStarts } from '../../../core/agent-hooks/sessions';
import { perActivation } from '../../services';

class PagerState implements vscode.Disposable {
  readonly sessions = new SessionStarts();
  private unfocusedSince: number | undefined;
  private readonly listener: vscode.Disposable;

  constructor() {
    // Unfocused when this loads: away since at least now.
    if (!vscode.window.state.focused) this.unfocusedSince = Date.now();
    this.listener = vscode.window.onDidChangeWindowState((e) => {
      if (e.focused) this.unfocusedSince = undefined;
      else this.unfocusedSince ??= Date.now();
    });
  }

  focus(): Focus {
    const focused = vscode.window.state.focused;
    return focused ? { focused } : { focused, unfocusedSince: this.unfocusedSince };
  }

  dispose() {
    this.listener.dispose();
  }
}

/** The window's pager state; call it when the hook server starts, so the focus is watched from then. */
export const pagerState = perActivation(() => new PagerState());
