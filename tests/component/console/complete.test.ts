import { describe, expect, it } from 'vitest';
import type { TabCycle } from '../../../src/views/console/complete';
import { completions, pressTab } from '../../../src/views/console/complete';

// Expectations checked against redis-cli 7.0.15's Tab in a pseudo-terminal.
describe('completions', () => {
  it.each([
    { line: 'zrang', want: ['ZRANGE', 'ZRANGEBYLEX', 'ZRANGEBYSCORE', 'ZRANGESTORE'] },
    { line: 'GETD', want: ['GETDEL'] },
    { line: 'config s', want: ['CONFIG SET'] },
    { line: 'help zpop', want: ['help ZPOPMAX', 'help ZPOPMIN'] },
    { line: 'help @s', want: ['help @string', 'help @set', 'help @sorted-set', 'help @server'] },
    { line: '@s', want: [] },
    { line: 'nosuch', want: [] },
  ])('completions($line) is $want', ({ line, want }) => {
    expect(completions(line)).toEqual(want);
  });
});

describe('pressTab', () => {
  it('pressTab cycles through the matches, then the original line, then round again', () => {
    let cycle: TabCycle | null = null;
    let line = 'hinc';
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      ({ cycle, line } = pressTab(cycle, line));
      seen.push(line);
    }
    expect(seen).toEqual(['HINCRBY', 'HINCRBYFLOAT', 'hinc', 'HINCRBY']);
  });

  it('pressTab with no match leaves the line and starts no cycle', () => {
    expect(pressTab(null, 'qqq')).toEqual({ cycle: null, line: 'qqq' });
  });
});
