import { commandDocs, commandGroups } from './commandDocs';

/**
 * Tab completions for a typed line, as redis-cli 7.0's completionCallback:
 * command names (subcommands with their container, 'CONFIG GET') that start
 * with the line, case-insensitively, written in upper case; after 'help ' also
 * the '@group' topics (lower case, as redis-cli), first, in redis-cli's
 * group order; commands sorted by name. Pure.
 */
export function completions(line: string): string[] {
  const help = /^help\s/i.exec(line);
  let start = 0;
  if (help) {
    start = 5;
    while (start < line.length && /\s/.test(line[start])) start++;
  }
  const typed = line.slice(start).toLowerCase();
  // Groups first in redis-cli's order, then commands by name (commandDocs is sorted).
  const topics = [
    ...(help ? commandGroups.map((g) => `@${g}`) : []),
    ...commandDocs.map((d) => d.name),
  ];
  return topics
    .filter((t) => t.toLowerCase().startsWith(typed))
    .map((t) => line.slice(0, start) + t);
}

/** Where a run of Tab presses is: the line before the first Tab, its options, the one shown. */
export interface TabCycle {
  original: string;
  options: string[];
  /** options.length means "back to the original line". */
  index: number;
}

/**
 * One Tab press, as linenoise cycles: the first Tab shows the first match,
 * each further Tab the next, then the original line again, then round.
 * With no match the line stays and no cycle starts. Pure.
 */
export function pressTab(
  cycle: TabCycle | null,
  line: string,
): { cycle: TabCycle | null; line: string } {
  if (!cycle) {
    const options = completions(line);
    if (options.length === 0) return { cycle: null, line };
    return { cycle: { original: line, options, index: 0 }, line: options[0] };
  }
  const index = (cycle.index + 1) % (cycle.options.length + 1);
  return {
    cycle: { ...cycle, index },
    line: index === cycle.options.length ? cycle.original : cycle.options[index],
  };
}
