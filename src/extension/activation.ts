// What one activation holds before any feature has run: the context, and the services, built on
// the first use of any feature. Everything per-activation after that is a member of the services.
import type * as vscode from 'vscode';
import type { Services } from './services';

/** The shared run-time code (services and ui): one chunk, loaded on first use. */
export const loadRuntime = () => import('./ui/runtime-chunk');

export class Activation {
  private loaded: Promise<Services> | undefined;
  /** Set once the services exist: a hook added after that runs at once. */
  private built: Services | undefined;
  private readonly hooks: ((services: Services) => void)[] = [];

  constructor(readonly context: vscode.ExtensionContext) {}

  services(): Promise<Services> {
    this.loaded ??= loadRuntime().then((m) => {
      const services = new m.Services(this.context);
      this.built = services;
      this.hooks.splice(0).forEach((hook) => hook(services));
      return services;
    });
    return this.loaded;
  }

  /**
   * Hands something made at activation (a tree view) to the services once they exist, without
   * building them: they are built by whichever feature is used first. When they already exist
   * (`npm start` builds them during activation to adopt the sandbox token), the hook runs now.
   */
  whenServices(hook: (services: Services) => void): void {
    if (this.built) hook(this.built);
    else this.hooks.push(hook);
  }
}
