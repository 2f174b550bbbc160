import { replyOf } from '../../../src/scenarios/measure';
import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { narrationProblems } from './narrationCheck';
import { argvOf, exchanges } from '../../../src/scenarios/measure';
import type { Trace } from '../../../src/sim';

interface Outcome {
  enqueued: number;
  processed: number;
  duplicates: number;
  order: string[];
}

const params = fc.record({
  jobs: fc.integer({ min: 1, max: 40 }),
  workers: fc.integer({ min: 1, max: 4 }),
  sendMs: fc.integer({ min: 1, max: 500 }),
});
const seeds = fc.integer({ min: 0, max: 1e6 });

/** Job ids in the order Redis executed their LPUSHes (the order of its replies). */
function pushOrder(trace: Trace): string[] {
  return exchanges(trace, { to: 'redis' })
    .filter((x) => argvOf(x.req)[0] === 'LPUSH')
    .sort((a, b) => a.reply!.sentNs - b.reply!.sentNs || a.reply!.id - b.reply!.id)
    .map((x) => (JSON.parse(argvOf(x.req)[2]) as { id: string }).id);
}

describe('runScenario("list-queue")', () => {
  it('runScenario("list-queue") at defaults: 10 jobs enqueued, each processed once, in push order', () => {
    const { trace, outcome } = runScenario('list-queue', { seed: 1 });
    const o = outcome as unknown as Outcome;
    expect(o.enqueued).toBe(10);
    expect(o.processed).toBe(10);
    expect(o.duplicates).toBe(0);
    expect(o.order).toEqual(pushOrder(trace));
  });

  it('runScenario("list-queue") processes every job exactly once for any job and worker count, and ends', () => {
    fc.assert(
      fc.property(params, seeds, (p, seed) => {
        const { trace, outcome } = runScenario('list-queue', { params: p, seed });
        const o = outcome as unknown as Outcome;
        expect(o.enqueued).toBe(p.jobs);
        expect(o.processed).toBe(o.enqueued);
        expect(o.duplicates).toBe(0);
        expect([...o.order].sort()).toEqual([...pushOrder(trace)].sort());
        // The run ends: every worker's last BRPOP came back nil and the queue key is gone.
        const nils = trace
          .ofKind('send')
          .filter(
            (e) =>
              e.p.from === 'redis' &&
              e.p.to.startsWith('worker-') &&
              JSON.stringify(replyOf(e.p)) === JSON.stringify({ type: 'array', value: null }),
          );
        expect(new Set(nils.map((e) => e.p.to)).size).toBe(p.workers);
        const state = trace.stateAtIndex(trace.entries.length - 1);
        expect(state.data.redis?.['queue:emails']).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it('runScenario("list-queue") pops in push order with one worker', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 500 }),
        seeds,
        (jobs, sendMs, seed) => {
          const { trace, outcome } = runScenario('list-queue', {
            params: { jobs, workers: 1, sendMs },
            seed,
          });
          expect((outcome as unknown as Outcome).order).toEqual(pushOrder(trace));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('runScenario("list-queue") shares jobs between several workers', () => {
    const { trace } = runScenario('list-queue', { params: { workers: 3, sendMs: 200 }, seed: 2 });
    const busy = new Set(
      trace
        .ofKind('data')
        .filter((e) => e.key === 'sending' && e.value !== null)
        .map((e) => e.node),
    );
    expect(busy.size).toBe(3);
  });

  it('runScenario("list-queue") replays byte-identically and narrates at least 4 changing beats', () => {
    const a = runScenario('list-queue', { seed: 6 });
    const b = runScenario('list-queue', { seed: 6 });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(a.trace.ofKind('narrate').length).toBeGreaterThanOrEqual(4);
    const seen = new Set(a.trace.frames.map((_, i) => a.trace.stateAtFrame(i).narration?.text));
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('runScenario("list-queue") narrates in step: every number quoted from the run, numbered steps, a Summary last', () => {
    fc.assert(
      fc.property(
        fc.record({
          jobs: fc.integer({ min: 1, max: 40 }),
          workers: fc.integer({ min: 1, max: 4 }),
          sendMs: fc.integer({ min: 1, max: 500 }),
        }),
        fc.integer({ min: 0, max: 1e6 }),
        (p, seed) => {
          const run = runScenario('list-queue', { params: p, seed });
          expect(narrationProblems('list-queue', run)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('runScenario("list-queue") tells who got a job when the BRPOP answer reaches that worker, and quotes the LPUSH reply that arrived', () => {
    for (const workers of [1, 3]) {
      const { trace } = runScenario('list-queue', { params: { workers }, seed: 1 });
      for (const beat of trace
        .ofKind('narrate')
        .filter((e) => e.beat === 'pop' || e.beat === 'share')) {
        const [, worker, job] = /^(worker-\d+) got (job-\d+)/.exec(beat.text)!;
        // The answer carrying this job was delivered to this worker at the beat's instant.
        const carries = (e: { p: Parameters<typeof replyOf>[0] }): boolean => {
          const r = replyOf(e.p);
          return (
            r?.type === 'array' &&
            r.value !== null &&
            r.value[1]?.type === 'bulk' &&
            (JSON.parse(r.value[1].value!) as { id: string }).id === job
          );
        };
        const answer = trace
          .ofKind('send')
          .find(
            (e) =>
              e.p.from === 'redis' &&
              e.p.to === worker &&
              carries(e) &&
              trace.entries.some((d) => d.k === 'deliver' && d.id === e.p.id && d.t === beat.t),
          );
        expect(answer, `${beat.text} @${beat.t}`).toBeDefined();
      }
      const backlog = trace.ofKind('narrate').find((e) => e.beat === 'backlog');
      if (backlog) {
        const q = backlog.q![0];
        const src = q.src as { packet: number };
        const sent = trace.ofKind('send').find((e) => e.p.id === src.packet)!;
        expect(sent.p.label).toBe(`(integer) ${q.text}`);
        expect(
          trace.entries.some((d) => d.k === 'deliver' && d.id === src.packet && d.t === backlog.t),
        ).toBe(true);
      }
    }
  });
});
