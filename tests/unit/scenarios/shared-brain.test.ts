import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { exchanges } from '../../../src/scenarios/measure';
import type { Trace } from '../../../src/sim';
import { narrationProblems } from './narrationCheck';

interface Tally {
  hits: number;
  misses: number;
  staleReads: number;
}
interface Outcome {
  localDict: Tally;
  redis: Tally;
}

const params = fc.record({
  servers: fc.integer({ min: 1, max: 10 }),
  requests: fc.integer({ min: 1, max: 30 }),
});

/** Web servers the load balancer sent a GET to before the first update (phase 1). */
function serversHitBeforeUpdate(trace: Trace): Set<string> {
  const fromLb = exchanges(trace, { from: 'lb' });
  const put = fromLb.find((x) => (x.req.payload as { method: string }).method === 'PUT')!;
  return new Set(
    fromLb
      .filter(
        (x) =>
          x.req.sentNs < put.req.sentNs && (x.req.payload as { method: string }).method === 'GET',
      )
      .map((x) => x.req.to),
  );
}

describe('runScenario("shared-brain")', () => {
  it('runScenario("shared-brain") at defaults: 3 local misses and 2 stale reads vs 1 Redis miss and none stale', () => {
    const o = runScenario('shared-brain', { seed: 1 }).outcome as unknown as Outcome;
    // 5 reads per phase: each of the 3 servers misses once, then 2 hits.
    expect(o.localDict).toEqual({ hits: 2, misses: 3, staleReads: 2 });
    expect(o.redis).toEqual({ hits: 4, misses: 1, staleReads: 0 });
  });

  it('runScenario("shared-brain") narrates in step: every number quoted from the run, numbered steps, a Summary last', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const run = runScenario('shared-brain', { params: p, seed });
        expect(narrationProblems('shared-brain', run)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('runScenario("shared-brain") tells a stale read when the server answers it, and the summary states both columns', () => {
    const run = runScenario('shared-brain', { seed: 1 });
    const beats = run.trace.ofKind('narrate');
    const stale = beats.find((e) => e.beat === 'local-stale')!;
    // The stale answer leaves the server at the instant the beat tells it.
    const sent = run.trace
      .ofKind('send')
      .find((e) => e.t === stale.t && e.p.to === 'lb' && /"Grace" \(local dict\)/.test(e.p.label));
    expect(sent).toBeDefined();
    expect(beats[beats.length - 1].text).toBe(
      'In-process dicts: 3 misses and 2 stale reads. One shared Redis: 1 miss for everyone and 0 stale, because one DEL fixes every server at once.',
    );
  });

  it('runScenario("shared-brain") holds its truths for every server count, request count and seed', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const { trace, outcome } = runScenario('shared-brain', { params: p, seed });
        const o = outcome as unknown as Outcome;
        // Each server has to warm its own dict: one miss per distinct server hit.
        expect(o.localDict.misses).toBe(serversHitBeforeUpdate(trace).size);
        expect(o.localDict.hits + o.localDict.misses).toBe(p.requests);
        // One shared Redis: a single miss in total.
        expect(o.redis.misses).toBe(1);
        expect(o.redis.hits + o.redis.misses).toBe(p.requests);
        expect(o.redis.staleReads).toBe(0);
        if (p.servers > 1) expect(o.localDict.staleReads).toBeGreaterThan(0);
        else expect(o.localDict.staleReads).toBe(0);
        // Redis was invalidated on each write.
        const dels = exchanges(trace, { to: 'redis' }).filter(
          (x) => (x.req.payload as { argv: string[] }).argv[0] === 'DEL',
        );
        expect(dels.length).toBe(1);
      }),
      { numRuns: 30 },
    );
  });

  it('runScenario("shared-brain") shows each server’s local dict as data, and a stale copy after the update', () => {
    const { trace } = runScenario('shared-brain', { seed: 2 });
    const put = exchanges(trace, { from: 'lb' }).find(
      (x) => (x.req.payload as { method: string }).method === 'PUT',
    )!;
    const state = trace.stateAt(put.doneNs!);
    const pgV = (state.data.postgres['user:42'] as { v: number }).v;
    const localVs = ['web-1', 'web-2', 'web-3'].map(
      (w) => (state.data[w]?.['user:42'] as { v: number } | undefined)?.v,
    );
    expect(pgV).toBe(2);
    expect(localVs.filter((v) => v === 1).length).toBe(2);
  });

  it('runScenario("shared-brain") replays byte-identically and narrates at least 4 changing beats', () => {
    const a = runScenario('shared-brain', { seed: 5 });
    const b = runScenario('shared-brain', { seed: 5 });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(a.trace.ofKind('narrate').length).toBeGreaterThanOrEqual(4);
    const seen = new Set(a.trace.frames.map((_, i) => a.trace.stateAtFrame(i).narration?.text));
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });
});
