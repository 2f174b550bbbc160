import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../src/views/splitArgv';

describe('splitArgv', () => {
  const cases: { input: string; expected: string[] | null }[] = [
    { input: 'SET foo bar', expected: ['SET', 'foo', 'bar'] },
    { input: '  GET   user:123  ', expected: ['GET', 'user:123'] },
    { input: '', expected: [] },
    { input: 'SET k "hello world"', expected: ['SET', 'k', 'hello world'] },
    { input: "SET k 'it\\'s'", expected: ['SET', 'k', "it's"] },
    { input: 'SET k "a\\nb\\x41"', expected: ['SET', 'k', 'a\nbA'] },
    { input: 'SET k ""', expected: ['SET', 'k', ''] },
    { input: 'SET k "unterminated', expected: null },
    { input: 'SET k "a"b', expected: null },
    { input: 'SET k x"y"', expected: ['SET', 'k', 'xy'] },
  ];
  it.each(cases)('splitArgv($input)', ({ input, expected }) => {
    expect(splitArgv(input)).toEqual(expected);
  });
});
