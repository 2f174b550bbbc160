import { describe, expect, it } from 'vitest';
import { hintFor, matchCommand } from '../../../src/views/console/hint';

// Expected texts are what redis-cli 7.0.15 shows for the same buffers
// (recorded with tests/tools/redisCliHints.py).
const cases: { line: string; hint: string | null }[] = [
  { line: '', hint: null },
  { line: '   ', hint: null },
  {
    line: 'SET',
    hint: ' key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
  },
  {
    line: 'set ',
    hint: 'key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
  },
  // redis-cli counts the word being typed as given: 'SET k' hints from 'value'.
  {
    line: 'SET k',
    hint: ' value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
  },
  {
    line: 'SET k v ',
    hint: '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
  },
  // Options are never dropped: the strip stops at the first '['.
  {
    line: 'SET k v NX EX 10 ',
    hint: '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
  },
  { line: 'ZADD k ', hint: '[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]' },
  { line: 'ZRANGE k 0 -1 ', hint: '[BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]' },
  { line: 'GET k ', hint: '' },
  { line: 'GET k extra', hint: ' ' },
  { line: 'MULTI', hint: ' ' },
  { line: 'config get ', hint: 'parameter [parameter ...]' },
  { line: 'CONFIG', hint: ' ' },
  { line: 'lpush "my list" a ', hint: '[element ...]' },
  { line: 'NOSUCH k', hint: null },
  { line: 'SET "unbalanced', hint: null },
];

describe('hintFor', () => {
  it.each(cases)('hintFor($line) is $hint', ({ line, hint }) => {
    expect(hintFor(line)?.text ?? null).toBe(hint);
  });

  it('hintFor(line) names the command the hint is for', () => {
    expect(hintFor('config set maxmemory 1mb')?.doc.name).toBe('CONFIG SET');
    expect(hintFor('ZRANGE k 0 -1 ')?.doc.group).toBe('sorted-set');
  });
});

describe('matchCommand', () => {
  it('matchCommand(argv) picks the longest matching name, any case', () => {
    expect(matchCommand(['Config', 'GET', 'x'])?.name).toBe('CONFIG GET');
    expect(matchCommand(['config', 'nosuch'])?.name).toBe('CONFIG');
    expect(matchCommand(['nosuch'])).toBeNull();
  });
});
