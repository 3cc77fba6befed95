// What one activation holds before any feature has run: the context, and the services, built on
// the first use of any feature. Everything per-activation after that lives in `Services.single`.
import type * as vscode from 'vscode';
import type { Services } from './services';

/** The shared run-time code (services and ui): one chunk, loaded on first use. */
export const loadRuntime = () => import('./ui/runtime');

export class Activation {
  private loaded: Promise<Services> | undefined;
  private readonly hooks: ((services: Services) => void)[] = [];

  constructor(readonly context: vscode.ExtensionContext) {}

  services(): Promise<Services> {
    this.loaded ??= loadRuntime().then((m) => {
      const services = m.createServices(this.context);
      this.hooks.forEach((hook) => hook(services));
      return services;
    });
    return this.loaded;
  }

  /**
   * Hands something made at activation (a tree view) to the services once they exist, without
   * building them: they are built by whichever feature is used first.
   */
  whenServices(hook: (services: Services) => void): void {
    this.hooks.push(hook);
  }
}
