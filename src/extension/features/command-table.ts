// The shape of every feature's command table. Each feature module exports one `commands` table;
// commands.ts maps command ids to features and loads a feature on its first command.
import type { Services } from '../services';
import '../ui/runtime';

/** A command handler takes an optional argument so it can run headless (tests, keybinding args). */
export type CommandHandler = (services: Services, arg?: unknown) => unknown;
export type CommandTable = Record<string, CommandHandler>;

/** A feature's table; importing this module also puts the feature on the shared runtime chunk (ui/runtime.ts). */
export const commandTable = <T extends CommandTable>(table: T): T => table;
