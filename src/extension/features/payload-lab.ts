// Issue 7's commands in one table: the payload lab, the send history and the account tools.
import { accountCommands } from './account/commands';
import type { CommandTable } from './command-table';
import { historyCommands } from './history/commands';
import { payloadCommands } from './payload/commands';

export const payloadLabCommands = {
  ...payloadCommands,
  ...historyCommands,
  ...accountCommands,
} satisfies CommandTable;

export { registerPayloadCodeLens } from './payload/codelens';
