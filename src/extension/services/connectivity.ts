// The window's one view of whether the API can be reached (core/connectivity.ts decides): fed by
// every send and every poll, it logs "offline" once per outage and wakes the outbox and the polls
// when the network is back. It owns the only probe: a TCP connect to the API's port.
import * as vscode from 'vscode';
import { ConnectivityState } from '../../core/connectivity';
import { connects, probeTarget } from '../../core/tcp-probe';
import type { Config } from './config';
import type { Log } from './log';
import type { Sender } from './sender';

export interface ConnectivityDeps {
  config: Config;
  log: Log;
  sender: Sender;
}

/** What every surface says while offline, once, instead of an error per request. */
export const OFFLINE_NOTICE = 'Offline: the iMessage API cannot be reached. This updates by itself when it is back.';

export class Connectivity implements vscode.Disposable {
  private readonly state: ConnectivityState;
  private readonly needs = new Set<() => boolean>();
  private readonly back = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** The network seems back: whoever waits for it retries now. */
  readonly onDidComeBack = this.back.event;

  constructor(private readonly deps: ConnectivityDeps) {
    this.state = new ConnectivityState({
      probe: () => this.probe(),
      needed: () => [...this.needs].some((need) => need()),
      onChange: (offline, reason) => {
        const waits = 'Conversations and the outbox wait, and resume by themselves.';
        if (offline) deps.log.warn(`Offline: the API cannot be reached (${reason}). ${waits}`);
        else deps.log.info('Online again: the API answers. Conversations and the outbox resume.');
      },
      onBack: () => this.back.fire(),
    });
    this.subscription = deps.sender.onDidSend((e) => void this.state.report(e.ok ? undefined : e.error));
  }

  get offline(): boolean {
    return this.state.offline;
  }

  /** What a request met: undefined when it was answered, else its error. True when that error means offline. */
  report(error?: unknown): boolean {
    return this.state.report(error);
  }

  /** While `need` says so, the probe runs (from a failed request or `wait()` on); the returned Disposable withdraws it. */
  wants(need: () => boolean): vscode.Disposable {
    this.needs.add(need);
    return new vscode.Disposable(() => this.needs.delete(need));
  }

  /** Someone waits for the network without having failed a request here (texts kept in an earlier session). */
  wait(): void {
    this.state.wait();
  }

  dispose(): void {
    this.state.dispose();
    this.subscription.dispose();
    this.back.dispose();
  }

  private async probe(): Promise<boolean> {
    const settings = this.deps.config.readIfValid();
    if (!settings) return false;
    return connects(probeTarget(settings.apiVersion === 'legacy' ? settings.legacyBaseUrl : settings.baseUrl));
  }
}
