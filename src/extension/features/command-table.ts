// The shape of every feature's command table, and (shaping the bundle) the import that puts each
// feature on the shared run-time chunk. Each feature module exports one `commands` table;
// commands.ts maps command ids to features and loads a feature on its first command.
import type { Services } from '../services';
import '../ui/runtime-chunk';

/** A command handler takes an optional argument so it can run headless (tests, keybinding args). */
export type CommandHandler = (services: Services, arg?: unknown) => unknown;
export type CommandTable = Record<string, CommandHandler>;

/** A feature's table; importing this module also puts the feature on the shared runtime chunk (ui/runtime-chunk.ts). */
export const commandTable = <T extends CommandTable>(table: T): T => table;
