import fc from 'fast-check';
import { findScenario, formatCell, runScenario } from '../../../src/scenarios';
import { exchanges } from '../../../src/scenarios/measure';
import { narrationProblems } from './narrationCheck';

interface Outcome {
  ramReadNs: number;
  hddReadNs: number;
  diskToRamRatio: number;
  redisOverNetworkMs: number;
  postgresOverNetworkMs: number;
  networkRatio: number;
}

const params = fc.record({
  ramNs: fc.integer({ min: 1, max: 100 }).map((x) => x * 10),
  ssdUs: fc.integer({ min: 1, max: 200 }).map((x) => x * 10),
  hddMs: fc.integer({ min: 2, max: 100 }).map((x) => x / 2),
  rttUs: fc.integer({ min: 5, max: 500 }).map((x) => x * 10),
  pgQueryUs: fc.integer({ min: 1, max: 200 }).map((x) => x * 10),
  pgCacheHit: fc.boolean(),
});
const seeds = fc.integer({ min: 0, max: 1e6 });

describe('runScenario("memory-hierarchy")', () => {
  it('runScenario("memory-hierarchy") at defaults: disk is 100,000x RAM, but over the network Postgres is < 10x Redis', () => {
    const o = runScenario('memory-hierarchy', { seed: 1 }).outcome as unknown as Outcome;
    expect(o.ramReadNs).toBe(100);
    expect(o.hddReadNs).toBe(10_000_000);
    expect(o.diskToRamRatio).toBe(100_000);
    expect(o.redisOverNetworkMs).toBeGreaterThan(0.45);
    expect(o.networkRatio).toBeGreaterThan(1);
    expect(o.networkRatio).toBeLessThan(10);
  });

  it('runScenario("memory-hierarchy") measures diskToRamRatio = hddMs·1e6/ramNs for every parameter and seed', () => {
    fc.assert(
      fc.property(params, seeds, (p, seed) => {
        const { trace, outcome } = runScenario('memory-hierarchy', { params: p, seed });
        const o = outcome as unknown as Outcome;
        expect(o.ramReadNs).toBe(p.ramNs);
        expect(o.hddReadNs).toBe(Math.round(p.hddMs * 1e6));
        expect(o.diskToRamRatio).toBeCloseTo((p.hddMs * 1e6) / p.ramNs, 6);
        // Every read completed, and each network read paid at least most of a round trip.
        for (const to of ['ram', 'ssd', 'hdd', 'redis', 'postgres']) {
          expect(exchanges(trace, { from: 'app', to })[0].doneNs).not.toBeNull();
        }
        expect(o.redisOverNetworkMs).toBeGreaterThanOrEqual((p.rttUs * 0.95) / 1000 - 0.001);
        // The ratio of the two round trips as the packets timed them (unrounded),
        // against the outcome's ratio (rounded to 0.001).
        const span = (to: string) => {
          const x = exchanges(trace, { from: 'app', to })[0];
          return x.doneNs! - x.req.sentNs;
        };
        expect(Math.abs(o.networkRatio - span('postgres') / span('redis'))).toBeLessThanOrEqual(
          0.0005,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('runScenario("memory-hierarchy") keeps networkRatio < 10 at default latencies with a warm cache, for every seed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = runScenario('memory-hierarchy', { seed }).outcome as unknown as Outcome;
        expect(o.networkRatio).toBeLessThan(10);
      }),
      { numRuns: 30 },
    );
  });

  it('runScenario("memory-hierarchy") with a cold Postgres cache pays the disk: networkRatio > 10', () => {
    const o = runScenario('memory-hierarchy', { params: { pgCacheHit: false }, seed: 3 })
      .outcome as unknown as Outcome;
    expect(o.postgresOverNetworkMs).toBeGreaterThan(10);
    expect(o.networkRatio).toBeGreaterThan(10);
  });

  it('runScenario("memory-hierarchy") replays byte-identically and narrates at least 4 changing beats', () => {
    const a = runScenario('memory-hierarchy', { seed: 7 });
    const b = runScenario('memory-hierarchy', { seed: 7 });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(a.trace.ofKind('narrate').length).toBeGreaterThanOrEqual(4);
    const seen = new Set(a.trace.frames.map((_, i) => a.trace.stateAtFrame(i).narration?.text));
    expect(seen.size).toBeGreaterThanOrEqual(4);
    // The network beat says why the gap narrows.
    expect(a.trace.ofKind('narrate').some((e) => /round trip/.test(e.text))).toBe(true);
    expect(a.trace.frames.length).toBeLessThanOrEqual(60);
  });

  it('runScenario("memory-hierarchy") narrates in step: every number quoted from the run, numbered steps, a Summary last', () => {
    fc.assert(
      fc.property(params, seeds, (p, seed) => {
        const run = runScenario('memory-hierarchy', { params: p, seed });
        expect(narrationProblems('memory-hierarchy', run)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('runScenario("memory-hierarchy") scoreboard ends on the point: HDD 100,000× RAM, Postgres < 10× Redis', () => {
    const run = runScenario('memory-hierarchy', { seed: 1 });
    const board = findScenario('memory-hierarchy')!.scoreboard!(
      run.trace,
      run.trace.endNs,
      run.params,
    );
    const text = Object.fromEntries(board.rows.map((r) => [r.label, r.cells.map(formatCell)]));
    expect(text['HDD seek']).toEqual(['10,000', '100,000×', '']);
    expect(text['Postgres (net)'][2]).toBe('1.2×');
    const start = findScenario('memory-hierarchy')!.scoreboard!(run.trace, 0, run.params);
    expect(
      start.rows.flatMap((r) => r.cells.map(formatCell)).filter((t) => t !== '' && t !== '–'),
    ).toEqual([]);
  });
});
