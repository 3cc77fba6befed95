// The shape every feature's command table has. Each feature exports one table from its own
// module; commands.ts joins them and registers them with one loop.
import type { Services } from '../services';

/** A command handler takes an optional argument so it can run headless (tests, keybinding args). */
export type CommandHandler = (services: Services, arg?: unknown) => unknown;
export type CommandTable = Record<string, CommandHandler>;
