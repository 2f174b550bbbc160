import { fixed, sampleLatencyNs } from '../../../src/sim/latency';
import { createRng, type Rng } from '../../../src/sim/rng';

/** A generator that replays given draws, to check the formulas exactly. */
const scripted = (next: number[], normal: number[]): Rng => {
  const r = createRng(0);
  return { ...r, next: () => next.shift()!, normal: () => normal.shift()! };
};

describe('sampleLatencyNs', () => {
  it('fixed() rounds to whole ns and draws nothing from the generator', () => {
    expect(fixed(1.6)).toEqual({ kind: 'fixed', ns: 2 });
    const r = createRng(1);
    const s = createRng(1);
    expect(sampleLatencyNs({ kind: 'fixed', ns: 7.4 }, r)).toBe(7);
    expect(sampleLatencyNs({ kind: 'fixed', ns: -5 }, r)).toBe(0);
    expect(r.next()).toBe(s.next());
  });

  it('uniform: min + u·(max − min), rounded', () => {
    const spec = { kind: 'uniform', minNs: 100, maxNs: 300 } as const;
    expect(sampleLatencyNs(spec, scripted([0, 0.5, 0.9999], []))).toBe(100);
    const r = scripted([0.5, 0.9999, 0.0026], []);
    expect([sampleLatencyNs(spec, r), sampleLatencyNs(spec, r), sampleLatencyNs(spec, r)]).toEqual([
      200, 300, 101,
    ]);
  });

  it('normal: mean + z·sd, never below 0', () => {
    const spec = { kind: 'normal', meanNs: 1000, sdNs: 200 } as const;
    const r = scripted([], [1.5, -1, -6]);
    expect([sampleLatencyNs(spec, r), sampleLatencyNs(spec, r), sampleLatencyNs(spec, r)]).toEqual([
      1300, 800, 0,
    ]);
  });

  it('lognormal: median·e^(σz), so z = 0 gives the median', () => {
    const spec = { kind: 'lognormal', medianNs: 1000, sigma: 0.5 } as const;
    const r = scripted([], [0, 2, -2]);
    expect([sampleLatencyNs(spec, r), sampleLatencyNs(spec, r), sampleLatencyNs(spec, r)]).toEqual([
      1000,
      Math.round(1000 * Math.E),
      Math.round(1000 / Math.E),
    ]);
  });
});
