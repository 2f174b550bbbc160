import type { CommandDoc } from './commandDocs';
import { commandDocs, isSimulated } from './commandDocs';

/** redis-cli's usage text for a bare HELP, without its terminal-only preferences. */
const USAGE = `redis-cli 7.0.15 (the sandbox's console)
To get help about Redis commands type:
      "help @<group>" to get a list of commands in <group>
      "help <command>" for help on <command>
      "help <tab>" to get a list of possible help topics`;

function entry(d: CommandDoc, withGroup: boolean): string {
  let out = `\n  ${d.name} ${d.syntax}\n  summary: ${d.summary}\n  since: ${d.since}\n`;
  if (withGroup) out += `  group: ${d.group}\n`;
  // Not redis-cli's: says when the sandbox's store does not know the command.
  if (!isSimulated(d.name)) out += '  (not simulated in this sandbox)\n';
  return out;
}

/**
 * What the console prints for `HELP args...`, as redis-cli 7.0's
 * cliOutputHelp does (without colours): no args gives the usage; '@group'
 * lists the group's commands without their group line; otherwise every
 * command whose name starts with the given words ('help config' lists CONFIG
 * and its subcommands), with its group. redis-cli prints a bare newline when
 * nothing matches; this says so instead. Pure.
 */
export function helpText(args: readonly string[]): string {
  if (args.length === 0) return USAGE;
  const group = args[0].startsWith('@') ? args[0].slice(1).toLowerCase() : null;
  const matches = commandDocs.filter((d) =>
    group !== null
      ? d.group === group
      : args.length <= d.words.length &&
        args.every((a, j) => a.toLowerCase() === d.words[j].toLowerCase()),
  );
  if (matches.length === 0) return `(no help for ${args.join(' ')}; type HELP for usage)`;
  return matches.map((d) => entry(d, group === null)).join('') + '\n';
}
