import { commandTable } from '../../sim/redis/commandTable';
import { generatedDocs } from './commandDocs.generated';
import { commandSummaries } from './commandSummaries';

/** What redis-cli's help knows about one command, plus our own summary. */
export interface CommandDoc {
  /** Upper case, subcommands with a space: 'SET', 'CONFIG GET'. */
  name: string;
  /** The name split in words, for prefix matching: ['CONFIG', 'GET']. */
  words: string[];
  /** Arguments as redis-cli 7.0 shows them: 'key value [NX|XX] ...' ('' for none). */
  syntax: string;
  summary: string;
  /** The Redis version that added the command. */
  since: string;
  /** redis-cli's group name: 'string', 'sorted-set', 'generic', ... */
  group: string;
}

/** Every documented command, sorted by name. */
export const commandDocs: readonly CommandDoc[] = generatedDocs.map(
  ([name, syntax, since, group]) => ({
    name,
    words: name.split(' '),
    syntax,
    summary: commandSummaries[name] ?? '',
    since,
    group,
  }),
);

/** redis-cli 7.0's group order (its commandGroups table), which its completion follows. */
const CLI_GROUP_ORDER = [
  'generic',
  'string',
  'list',
  'set',
  'sorted-set',
  'hash',
  'pubsub',
  'transactions',
  'connection',
  'server',
  'scripting',
  'hyperloglog',
  'cluster',
  'geo',
  'stream',
  'bitmap',
];

/** The documented groups, as redis-cli names them after '@', in redis-cli's order. */
export const commandGroups: readonly string[] = CLI_GROUP_ORDER.filter((g) =>
  commandDocs.some((d) => d.group === g),
);

/**
 * Whether the sandbox's store answers this command (by its own command table,
 * read at run time, so commands added to the store count without editing the
 * docs). `name` is 'SET' or 'CONFIG GET', any case. Pure.
 */
export function isSimulated(name: string): boolean {
  const [cmd, sub] = name.toLowerCase().split(' ');
  const spec = commandTable[cmd];
  if (!spec) return false;
  if (sub === undefined) return true;
  return !!spec.subcommands?.[sub];
}
