import { sampleLatencyNs } from '../../../src/sim/latency';
import { createRng } from '../../../src/sim/rng';
import { formatDuration } from '../../../src/sim/time';

describe('createRng', () => {
  it('createRng(seed) replays the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });
  it('createRng(seed).next() stays in [0, 1) and spreads evenly', () => {
    const r = createRng(9);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(850);
  });
  it('int(lo, hi) covers both ends', () => {
    const r = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('sampleLatencyNs', () => {
  it.each([
    [{ kind: 'fixed', ns: 500 }, 500, 500],
    [{ kind: 'uniform', minNs: 100, maxNs: 200 }, 100, 200],
    [{ kind: 'normal', meanNs: 1000, sdNs: 5000 }, 0, Infinity],
    [{ kind: 'lognormal', medianNs: 1000, sigma: 1 }, 0, Infinity],
  ] as const)('sampleLatencyNs(%o) stays within [%d, %d] and is a whole number', (spec, lo, hi) => {
    const r = createRng(5);
    for (let i = 0; i < 300; i++) {
      const x = sampleLatencyNs(spec, r);
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(lo);
      expect(x).toBeLessThanOrEqual(hi);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [100, '100 ns'],
    [1_500, '1.5 µs'],
    [10_000_000, '10 ms'],
    [2_000_000_000, '2 s'],
    [3_540_000_000_000, '59 min'],
    [7_200_000_000_000, '2 h'],
  ])('formatDuration(%d) is %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
