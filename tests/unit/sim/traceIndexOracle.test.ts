import fc from 'fast-check';
import { Trace } from '../../../src/sim/trace';
import type { TraceEntry } from '../../../src/sim/traceEntry';

/** The plain definition: the last index whose time is at or before t, or -1. */
function linearLastIndexAtOrBefore(times: readonly number[], t: number): number {
  let last = -1;
  for (let i = 0; i < times.length; i++) if (times[i] <= t) last = i;
  return last;
}

describe('Trace.lastIndexAtOrBefore against a linear scan', () => {
  // Non-decreasing times with many repeats (several entries share an instant),
  // queried at, just before and just after each time and outside the range.
  const times = fc
    .array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 })
    .map((steps) => steps.reduce<number[]>((acc, d) => [...acc, (acc.at(-1) ?? 0) + d], []));

  it('agrees with the linear scan at every probe time', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 1, max: 8 }), (ts, keyEvery) => {
        const entries: TraceEntry[] = ts.map((t, i) => ({ k: 'mark', t, label: `m${i}` }));
        const trace = new Trace(entries, keyEvery);
        const probes = new Set([-1, 0, ...ts.flatMap((t) => [t - 1, t, t + 1]), 1e9]);
        for (const p of probes)
          expect(trace.lastIndexAtOrBefore(p), `t=${p} in [${ts.join(', ')}]`).toBe(
            linearLastIndexAtOrBefore(ts, p),
          );
      }),
    );
  });

  it('finds the last of several entries at one instant, and -1 before the first', () => {
    const ts = [10, 10, 10, 20, 20, 30];
    const trace = new Trace(
      ts.map((t, i) => ({ k: 'mark', t, label: `m${i}` })),
      2,
    );
    expect([9, 10, 11, 19, 20, 29, 30, 31].map((t) => trace.lastIndexAtOrBefore(t))).toEqual([
      -1, 2, 2, 2, 4, 4, 5, 5,
    ]);
    expect(new Trace([]).lastIndexAtOrBefore(0)).toBe(-1);
  });
});
