import { describe, expect, it } from 'vitest';
import type { Intervention } from '../../../src/scenarios';
import {
  CHIPS_SHOWN,
  describeIntervention,
  visibleChips,
} from '../../../src/views/console/describeIntervention';
import { splitArgv } from '../../../src/views/splitArgv';

const cmd = (argv: string[], tNs = 3_000_000): Intervention => ({
  tNs,
  kind: 'command',
  from: 'web-1',
  node: 'redis',
  argv,
});

describe('describeIntervention', () => {
  it.each<{ iv: Intervention; text: string }>([
    { iv: cmd(['SET', 'k', 'two words']), text: '> SET k "two words" at 3 ms' },
    { iv: cmd(['SET', 'k', '']), text: '> SET k "" at 3 ms' },
    { iv: cmd(['SET', 'k', 'say "hi"\n']), text: '> SET k "say \\"hi\\"\\n" at 3 ms' },
    { iv: cmd(['GET', 'user:123']), text: '> GET user:123 at 3 ms' },
    { iv: { tNs: 1_200_000_000, kind: 'crash', node: 'redis' }, text: '✕ redis crash at 1.2 s' },
    {
      iv: { tNs: 1_200_000_000, kind: 'crash', node: 'redis', crashKind: 'power-loss' },
      text: '✕ redis power loss at 1.2 s',
    },
    {
      iv: { tNs: 2_000_000_000, kind: 'restart', node: 'redis' },
      text: '↻ redis restart at 2 s',
    },
  ])('describeIntervention($iv.kind) is "$text"', ({ iv, text }) => {
    expect(describeIntervention(iv)).toBe(text);
  });

  it('describeIntervention writes a command that splits back to the same argv', () => {
    const argv = ['SET', 'k', "it's a\ttab"];
    const text = describeIntervention(cmd(argv));
    expect(splitArgv(text.slice(2, text.lastIndexOf(' at ')))).toEqual(argv);
  });
});

describe('visibleChips', () => {
  it('visibleChips(ivs) shows the newest CHIPS_SHOWN and counts the rest', () => {
    const ivs = Array.from({ length: CHIPS_SHOWN + 3 }, (_, i) => cmd(['GET', `k${i}`]));
    const { hidden, shown } = visibleChips(ivs);
    expect(hidden).toHaveLength(3);
    expect(shown).toEqual(ivs.slice(3).map(describeIntervention));
    expect(visibleChips(ivs.slice(0, 2))).toEqual({
      hidden: [],
      shown: ivs.slice(0, 2).map(describeIntervention),
    });
  });
});
