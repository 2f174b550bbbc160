import { describe, expect, it } from 'vitest';
import { commandTable } from '../../../src/sim/redis/commandTable';
import { commandDocs, isSimulated } from '../../../src/views/console/commandDocs';
import { commandSummaries } from '../../../src/views/console/commandSummaries';

/** Every name the store answers, as the docs spell it: 'SET', 'CONFIG GET'. */
function storeNames(): string[] {
  return Object.entries(commandTable).flatMap(([name, spec]) => [
    name.toUpperCase(),
    ...Object.keys(spec.subcommands ?? {}).map((s) => `${name} ${s}`.toUpperCase()),
  ]);
}

describe('commandDocs', () => {
  // Fails when the store gains a command the docs lack: run `node scripts/genCommandDocs.mjs`
  // (add the group if needed) and write its summary in commandSummaries.ts.
  it('commandDocs has an entry for every command in the store’s command table', () => {
    const documented = new Set(commandDocs.map((d) => d.name));
    expect(storeNames().filter((n) => !documented.has(n))).toEqual([]);
  });

  it('commandDocs gives every entry our own summary, and no summary is orphaned', () => {
    expect(commandDocs.filter((d) => d.summary === '').map((d) => d.name)).toEqual([]);
    const names = new Set(commandDocs.map((d) => d.name));
    expect(Object.keys(commandSummaries).filter((n) => !names.has(n))).toEqual([]);
  });

  it('isSimulated(name) follows the store’s command table, subcommands included', () => {
    for (const n of storeNames()) expect(isSimulated(n)).toBe(true);
    expect(isSimulated('set')).toBe(true);
    expect(isSimulated('MIGRATE')).toBe(false);
    expect(isSimulated('CONFIG REWRITE')).toBe(Boolean(commandTable.config?.subcommands?.rewrite));
  });
});
