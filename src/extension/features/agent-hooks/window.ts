// This window's end of the agent hooks: the channel server, the registration the hook finds it by
// (kept current as the user focuses the window and changes its folders), and the launcher. Loaded
// only while imessage.agentHooks.enabled is on (startup.ts); disposing it leaves nothing behind.
import * as vscode from 'vscode';
import { CHANNEL_VERSION, channelDir, type WindowRegistration } from '../../../core/agent-hooks/channel-protocol';
import { endpointFor, newWindowId } from '../../../core/agent-hooks/channel/endpoint';
import { checkPrivateDir, ensurePrivateDir } from '../../../core/agent-hooks/channel/private-dir';
import { removeRegistration, writeRegistration } from '../../../core/agent-hooks/channel/registration';
import { startChannelServer, type ChannelServer } from '../../../core/agent-hooks/channel/server';
import { redactedMessage } from '../../../core/redact';
import { says } from '../../../core/untrusted-text';
import type { Services } from '../../services';
import { tell } from '../../ui/prompts';
import { handleHookRequest } from './handler';
import { ensureLauncher } from './launcher';
import { pagerState } from './pager-state';

export class AgentHooksWindow implements vscode.Disposable {
  private readonly id = newWindowId();
  private readonly dir = channelDir();
  private focusedAt = vscode.window.state.focused ? Date.now() : 0;
  private server: ChannelServer | undefined;
  private readonly listeners: vscode.Disposable[] = [];
  private disposed = false;

  constructor(private readonly s: Services) {
    // The pager watches the focus from now on: approvals "whenAway" count how long the window was away.
    pagerState(s);
  }

  /** Listens, registers, writes the launcher; returns the launcher's path (undefined when turned off meanwhile). On failure says why, undoes it all and rejects. */
  async start(): Promise<string | undefined> {
    try {
      return await this.listen();
    } catch (e) {
      this.dispose();
      this.s.log.error('Agent hooks: could not start', e);
      tell('warning', says`Agent hooks could not start: ${redactedMessage(e)}`);
      throw e;
    }
  }

  private async listen(): Promise<string | undefined> {
    ensurePrivateDir(this.dir);
    const server = await startChannelServer(
      endpointFor(this.dir, this.id),
      (request, signal) => handleHookRequest(this.s, request, signal),
      (e) => this.s.log.error('Agent hooks: the channel failed', e),
    );
    if (this.disposed) {
      // Turned off while starting: nothing to say.
      await server.close();
      return undefined;
    }
    this.server = server;
    this.register();
    this.listeners.push(
      vscode.window.onDidChangeWindowState((state) => {
        if (!state.focused) return;
        this.focusedAt = Date.now();
        this.register();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.register()),
    );
    const launcher = await ensureLauncher(this.s.context);
    this.s.log.info(`Agent hooks: this window listens at ${server.endpoint}; agents call ${launcher}`);
    return launcher;
  }

  private register(): void {
    if (!this.server || this.disposed) return;
    const registration: WindowRegistration = {
      v: CHANNEL_VERSION,
      pid: process.pid,
      socket: this.server.endpoint,
      folders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
      focusedAt: this.focusedAt,
    };
    try {
      checkPrivateDir(this.dir);
      writeRegistration(this.dir, this.id, registration);
    } catch (e) {
      this.s.log.error('Agent hooks: could not register this window', e);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.splice(0).forEach((l) => l.dispose());
    removeRegistration(this.dir, this.id);
    void this.server?.close();
  }
}
