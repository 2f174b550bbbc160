import { describe, expect, it } from 'vitest';
import { exportFilename } from '../../../src/views/export/exportFilename';

describe('exportFilename', () => {
  it.each([
    { args: ['cache-aside', 'png', { from: 5 }, 1], expected: 'speed-layer-cache-aside-f5.png' },
    { args: ['cache-aside', 'png', { from: 5 }, 2], expected: 'speed-layer-cache-aside-f5@2x.png' },
    { args: ['cache-aside', 'svg', { from: 0 }, 2], expected: 'speed-layer-cache-aside-f0@2x.svg' },
    {
      args: ['twitter-fanout', 'gif', { from: 2, to: 9 }, 1],
      expected: 'speed-layer-twitter-fanout-f2-9.gif',
    },
    { args: ['x', 'webm', { from: 3, to: 3 }, 1], expected: 'speed-layer-x-f3.webm' },
    { args: ['a/../B c', 'png', { from: 1 }, 1], expected: 'speed-layer-a-b-c-f1.png' },
    { args: ['///', 'png', { from: 1 }, 1], expected: 'speed-layer-scenario-f1.png' },
  ] as const)('exportFilename($args) is $expected', ({ args, expected }) => {
    expect(exportFilename(args[0], args[1], args[2], args[3])).toBe(expected);
  });
});
