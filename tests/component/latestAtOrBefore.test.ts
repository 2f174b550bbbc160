import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latestAtOrBefore, sortedTimes } from '../../src/views/latestAtOrBefore';

describe('latestAtOrBefore', () => {
  it('is the largest time at or before t, or -Infinity', () => {
    const ts = [10, 20, 20, 35];
    expect(latestAtOrBefore(ts, 5)).toBe(-Infinity);
    expect(latestAtOrBefore(ts, 10)).toBe(10);
    expect(latestAtOrBefore(ts, 19.9)).toBe(10);
    expect(latestAtOrBefore(ts, 20)).toBe(20);
    expect(latestAtOrBefore(ts, 1e9)).toBe(35);
    expect(latestAtOrBefore([], 1)).toBe(-Infinity);
  });

  it('answers every "x <= t" for the listed times exactly as t does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(null)), { maxLength: 30 }),
        fc.integer({ min: -10, max: 1010 }),
        (raw, t) => {
          const ts = sortedTimes(raw);
          const by = latestAtOrBefore(ts, t);
          for (const x of raw) if (x !== null) expect(x <= by).toBe(x <= t);
        },
      ),
    );
  });

  it('sortedTimes drops nulls and sorts numerically', () => {
    expect(sortedTimes([30, null, 4, undefined, 100])).toEqual([4, 30, 100]);
  });
});
