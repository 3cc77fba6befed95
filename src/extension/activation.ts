// What one activation holds before any feature has run: the context, and the services, built on
// the first use of any feature. Everything per-activation after that lives in `Services.single`.
import type * as vscode from 'vscode';
import type { Services } from './services';

/** The shared run-time code (services and ui): one chunk, loaded on first use. */
export const loadRuntime = () => import('./ui/runtime');

export class Activation {
  private loaded: Promise<Services> | undefined;

  constructor(readonly context: vscode.ExtensionContext) {}

  services(): Promise<Services> {
    this.loaded ??= loadRuntime().then((m) => m.createServices(this.context));
    return this.loaded;
  }
}
