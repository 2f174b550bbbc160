import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { narrationProblems } from './narrationCheck';

interface Outcome {
  sqlWay: {
    failedReads: number;
    p99ReadMs: number | null;
    dbPeakQueue: number;
    dbOverloaded: boolean;
  };
  redisWay: { fanoutWrites: number; failedReads: number; p99ReadMs: number | null };
}

const run = (params: Record<string, unknown>, seed = 1) =>
  runScenario('twitter-fanout', { params, seed });

const params = fc.record({
  followers: fc.oneof(fc.constantFrom(10, 1_000), fc.integer({ min: 10, max: 200_000 })),
  readsPerSec: fc.integer({ min: 1, max: 1_000 }).map((x) => x * 100),
  dbMaxConnections: fc.integer({ min: 1, max: 200 }).map((x) => x * 5),
  dbQueryMs: fc.integer({ min: 1, max: 500 }),
  hybrid: fc.boolean(),
  rttUs: fc.integer({ min: 5, max: 500 }).map((x) => x * 10),
  redisCmdUs: fc.integer({ min: 1, max: 1000 }).map((x) => x / 10),
});

describe('runScenario("twitter-fanout")', () => {
  it('at defaults: Postgres is overloaded and reads fail or crawl; Redis fails none', () => {
    const o = run({}).outcome as unknown as Outcome;
    expect(o.sqlWay.dbOverloaded).toBe(true);
    expect(o.sqlWay.failedReads > 0 || (o.sqlWay.p99ReadMs ?? 0) > 100).toBe(true);
    expect(o.redisWay.failedReads).toBe(0);
    expect(o.redisWay.fanoutWrites).toBe(1_000);
    expect(o.redisWay.p99ReadMs).toBeLessThan(o.sqlWay.p99ReadMs ?? Infinity);
  });

  it('at a million followers: every timeline written, no Redis read fails (flows)', () => {
    const r = run({ followers: 1_000_000 });
    const o = r.outcome as unknown as Outcome;
    expect(o.redisWay.fanoutWrites).toBe(1_000_000);
    expect(o.redisWay.failedReads).toBe(0);
    expect(o.sqlWay.dbOverloaded).toBe(true);
    expect(r.trace.frames.length).toBeLessThanOrEqual(210);
  });

  it('property: Redis never fails a read; fan-out writes = followers without hybrid', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 1e6 }), (p, seed) => {
        const o = run(p, seed).outcome as unknown as Outcome;
        expect(o.redisWay.failedReads).toBe(0);
        const celebrity = p.hybrid && p.followers >= 10_000;
        expect(o.redisWay.fanoutWrites).toBe(celebrity ? 0 : p.followers);
        expect(o.sqlWay.dbOverloaded).toBe(o.sqlWay.dbPeakQueue > 0 || o.sqlWay.failedReads > 0);
      }),
      { numRuns: 20 },
    );
  });

  it('flows and individual packets agree at 2,000 followers', () => {
    const flows = run({ followers: 2_000 });
    const single = run({ followers: 2_000, packets: 'individual' });
    expect(single.trace.entries.length).toBeGreaterThan(10 * flows.trace.entries.length);
    expect(flows.outcome).toEqual(single.outcome);
  }, 60_000);

  it('same seed, same params: byte-identical trace', () => {
    const a = run({ followers: 5_000 }, 7);
    const b = run({ followers: 5_000 }, 7);
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
  });

  it('narration: every number quoted, steps in order, Summary last', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 1e6 }), (p, seed) => {
        expect(narrationProblems('twitter-fanout', run(p, seed))).toEqual([]);
      }),
      { numRuns: 15 },
    );
    expect(narrationProblems('twitter-fanout', run({ followers: 10 }))).toEqual([]);
  });
});

describe('runScenario("twitter-fanout") with a crash', () => {
  it('a crashed Redis or Postgres refuses whole flows: counts stay finite and reads fail', () => {
    for (const node of ['redis', 'postgres']) {
      const run = runScenario('twitter-fanout', {
        seed: 1,
        interventions: [{ tNs: 1, kind: 'crash', node }],
      });
      const o = run.outcome as unknown as Record<string, Record<string, number>>;
      const way = node === 'redis' ? o.redisWay : o.sqlWay;
      expect(Number.isFinite(way.failedReads), node).toBe(true);
      expect(way.failedReads, node).toBeGreaterThan(0);
      if (node === 'redis') expect(o.redisWay.fanoutWrites).toBe(0);
    }
  });
});
