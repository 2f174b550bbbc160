import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandDocs, commandGroups } from '../../../src/views/console/commandDocs';
import { helpText } from '../../../src/views/console/helpText';

/** The real redis-cli's `help ...` (it answers without a server), colours and \r removed. */
function cliHelp(...args: string[]): string {
  const out = execFileSync('redis-cli', ['-p', '1', 'help', ...args], { encoding: 'utf8' });
  // eslint-disable-next-line no-control-regex
  return out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '');
}

/** Summaries and the sandbox note are ours, not redis-cli's: compare everything else. */
const maskSummary = (s: string): string =>
  s
    .replace(/^ {2}summary: .*$/gm, '  summary: …')
    .replace(/^ {2}\(not simulated in this sandbox\)\n/gm, '');

/** The "NAME syntax" lines of a help listing (not summary, since, group or our notes). */
const syntaxLines = (s: string): string[] =>
  s
    .split('\n')
    .filter((l) => /^ {2}[A-Z]/.test(l))
    .map((l) => l.slice(2));

// redis-cli 7.0.15 was built from older BITFIELD docs than its server reports.
const STALE_IN_CLI = new Set(['BITFIELD', 'BITFIELD_RO']);

describe('helpText', () => {
  it.each([['SET'], ['zadd'], ['config', 'get'], ['MULTI'], ['config']])(
    'helpText(%s) prints what redis-cli prints, with our summary',
    (...args) => {
      expect(maskSummary(helpText(args))).toBe(maskSummary(cliHelp(...args)));
    },
  );

  it('helpText(["SET"]) shows the syntax, our summary, since and group', () => {
    expect(helpText(['SET'])).toBe(
      '\n  SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]\n' +
        '  summary: Writes a string, with optional expiry and only-if conditions\n' +
        '  since: 1.0.0\n' +
        '  group: string\n\n',
    );
  });

  it.each(commandGroups)('helpText(["@%s"]) lists the lines redis-cli lists', (group) => {
    const ours = syntaxLines(helpText([`@${group}`]));
    const theirs = new Set(syntaxLines(cliHelp(`@${group}`)));
    const missing = ours.filter((l) => !theirs.has(l) && !STALE_IN_CLI.has(l.split(' ')[0]));
    expect(missing).toEqual([]);
    expect(ours.length).toBe(commandDocs.filter((d) => d.group === group).length);
  });

  it('helpText([]) prints the usage, and an unknown command says there is no help', () => {
    expect(helpText([])).toContain('"help @<group>" to get a list of commands in <group>');
    expect(helpText(['nosuch'])).toBe('(no help for nosuch; type HELP for usage)');
  });

  it('helpText marks a command the sandbox does not simulate', () => {
    expect(helpText(['SET'])).not.toContain('not simulated');
    expect(helpText(['MIGRATE'])).toContain('(not simulated in this sandbox)');
  });
});
