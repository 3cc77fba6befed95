// Services of a test's own, as an activation builds them: real config, sender, conversations and
// log, with the context's stores in memory (a test has no extension context of its own). Tests
// that must call the extension's internals (which the public API does not offer) use these.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Activation } from '../../src/extension/activation';

export class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys = () => [...this.values.keys()];
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync() {}
}

export class MemorySecrets implements vscode.SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  get = (key: string) => Promise.resolve(this.values.get(key));
  store(key: string, value: string): Thenable<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Thenable<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

export interface OwnActivation {
  activation: Activation;
  context: vscode.ExtensionContext;
  /** Disposes what the activation made and deletes its log folder. */
  dispose(): void;
}

/** A fresh activation over memory stores; its log goes to a temporary folder. */
export function ownActivation(prefix: string): OwnActivation {
  const logFolder = mkdtempSync(join(tmpdir(), `imessage-${prefix}-`));
  const subscriptions: vscode.Disposable[] = [];
  const context = {
    subscriptions,
    secrets: new MemorySecrets(),
    globalState: new MemoryMemento(),
    logUri: vscode.Uri.file(logFolder),
  } as unknown as vscode.ExtensionContext;
  return {
    activation: new Activation(context),
    context,
    dispose() {
      subscriptions.forEach((s) => s.dispose());
      rmSync(logFolder, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `build` with the services' log channel renamed: the "iMessage" log channel is one per
 * extension, and a second one of that name would take over the extension's own (and its file)
 * under every later test.
 */
export async function withOwnLogChannel<T>(name: string, build: () => Promise<T>): Promise<T> {
  const window = vscode.window as { createOutputChannel: typeof vscode.window.createOutputChannel };
  const createOutputChannel = window.createOutputChannel;
  window.createOutputChannel = ((_name: string, options: { log: true }) =>
    createOutputChannel(name, options)) as typeof createOutputChannel;
  try {
    return await build();
  } finally {
    window.createOutputChannel = createOutputChannel;
  }
}
