import { describe, expect, it } from 'vitest';
import { wrapCaption } from '../../../src/views/export/wrapCaption';

// One unit per character: lines are easy to check by eye.
const chars = (s: string): number => s.length;

describe('wrapCaption', () => {
  it('breaks at spaces so no line is wider than the strip', () => {
    expect(wrapCaption('web-1 asks Redis: do you have user:123?', 16, chars)).toEqual([
      'web-1 asks',
      'Redis: do you',
      'have user:123?',
    ]);
  });

  it('collapses runs of white space and keeps a short text on one line', () => {
    expect(wrapCaption('  GET   user:1 \n hit ', 40, chars)).toEqual(['GET user:1 hit']);
    expect(wrapCaption('', 40, chars)).toEqual([]);
  });

  it('cuts a word wider than a line', () => {
    expect(wrapCaption('key abcdefghijklmnop end', 6, chars, 5)).toEqual([
      'key',
      'abcdef',
      'ghijkl',
      'mnop',
      'end',
    ]);
  });

  it('ends the last line with an ellipsis past the most lines, within the width', () => {
    expect(wrapCaption('one two three four five six seven eight', 9, chars, 2)).toEqual([
      'one two',
      'three…',
    ]);
    // The line that takes the ellipsis was already full: it gives up a character.
    expect(wrapCaption('key abcdefghijklmnop end', 6, chars, 3)).toEqual([
      'key',
      'abcdef',
      'ghijk…',
    ]);
  });

  it('never returns a line wider than the width, whatever the text', () => {
    const text =
      'Redis forks; the child writes dump.rdb while the parent keeps serving SET k:53 v53';
    for (const w of [5, 8, 13, 21, 34]) {
      const lines = wrapCaption(text, w, chars, 4);
      expect(lines.length).toBeLessThanOrEqual(4);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(w);
    }
  });
});
