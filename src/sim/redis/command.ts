import type { Engine } from './engine';
import type { Reply } from './reply';

/** One entry of the command table, shaped after redis-server's. */
export interface CommandSpec {
  /** Redis arity: n exactly n arguments (name included), -n at least n. */
  arity: number;
  run: (e: Engine, argv: string[]) => Reply;
  /** May run in RESP2 subscriber mode. */
  pubsub?: boolean;
  /** Refused inside MULTI ("Command not allowed inside a transaction"). */
  noMulti?: boolean;
  /** Runs immediately inside MULTI instead of being queued (EXEC, DISCARD, MULTI). */
  transaction?: boolean;
  /** Container command (CONFIG): argv[1] picks the subcommand. */
  subcommands?: Record<string, CommandSpec>;
}

/** Arity error text, using the full name ('config|get') as 7.0 does. */
export function arityError(fullname: string): string {
  return `ERR wrong number of arguments for '${fullname}' command`;
}
