import type { CommandSpec } from './command';
import { configCommand } from './commands/config';
import { hashCommands } from './commands/hashes';
import { keyCommands } from './commands/keys';
import { listCommands } from './commands/lists';
import { persistenceCommands } from './commands/persistence';
import { pubsubCommands } from './commands/pubsub';
import { setCommands } from './commands/sets';
import { stringCommands } from './commands/strings';
import { transactionCommands } from './commands/transactions';
import { zsetCommands } from './commands/zsets';

/** Every command the store knows, by lower-case name; anything else is unknown. */
export const commandTable: Record<string, CommandSpec> = Object.assign(
  Object.create(null) as Record<string, CommandSpec>,
  {
    ...keyCommands,
    ...stringCommands,
    ...listCommands,
    ...setCommands,
    ...zsetCommands,
    ...hashCommands,
    ...pubsubCommands,
    ...transactionCommands,
    ...persistenceCommands,
    config: configCommand,
  },
);
