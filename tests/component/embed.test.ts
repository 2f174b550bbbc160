import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/views/embed';

describe('parseMessage', () => {
  const cases: { input: unknown; expected: ReturnType<typeof parseMessage> }[] = [
    {
      input: { context: 'speed-layer', version: 1, method: 'play' },
      expected: { method: 'play', value: undefined },
    },
    {
      input: '{"context":"speed-layer","version":1,"method":"step","value":-2}',
      expected: { method: 'step', value: -2 },
    },
    {
      input: { context: 'speed-layer', method: 'seek', value: 4 },
      expected: { method: 'seek', value: 4 },
    },
    { input: 'slide:start', expected: { slide: 'start' } },
    { input: 'slide:stop', expected: { slide: 'stop' } },
    { input: '{not json', expected: null },
    { input: { context: 'other', method: 'play' }, expected: null },
    { input: { context: 'speed-layer', method: 'eval', value: 'x' }, expected: null },
    { input: null, expected: null },
    { input: 42, expected: null },
  ];
  it.each(cases)('parseMessage($input)', ({ input, expected }) => {
    expect(parseMessage(input)).toEqual(expected);
  });
});
