import fc from 'fast-check';
import { Trace } from '../../../src/sim/trace';
import { syntheticWorld } from './synthetic';

describe('Trace', () => {
  it('should be byte-identical for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = JSON.stringify(syntheticWorld(seed).finish());
        const b = JSON.stringify(syntheticWorld(seed).finish());
        expect(a).toBe(b);
      }),
      { numRuns: 30 },
    );
  });

  it('should differ for different seeds (the generator is really used)', () => {
    expect(JSON.stringify(syntheticWorld(1).finish())).not.toBe(
      JSON.stringify(syntheticWorld(2).finish()),
    );
  });

  it('should deliver or drop, with a reason, every packet it sends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (seed, loss) => {
          const trace = syntheticWorld(seed, 5, 80, loss).finish();
          const sent = trace.ofKind('send').map((e) => e.p.id);
          const ended = new Map<number, string>();
          for (const e of trace.entries) {
            if (e.k === 'deliver') ended.set(e.id, 'delivered');
            if (e.k === 'drop') {
              expect(e.reason.length).toBeGreaterThan(0);
              ended.set(e.id, e.reason);
            }
          }
          for (const id of sent) expect(ended.has(id)).toBe(true);
          expect(ended.size).toBe(sent.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stateAt(t) from keyframes should equal a replay from the start to t', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, keyEvery, at) => {
          const entries = syntheticWorld(seed).finish().entries;
          const keyed = new Trace(entries, keyEvery);
          const replay = new Trace(entries, 1e9); // one keyframe: a replay from the start
          const t = Math.round(at * keyed.endNs);
          expect(keyed.stateAt(t)).toEqual(replay.stateAt(t));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('frames should be distinct instants in time order, each covering every entry at its instant', () => {
    const trace = syntheticWorld(7).finish();
    expect(trace.frames.length).toBeGreaterThan(10);
    for (let i = 1; i < trace.frames.length; i++) {
      expect(trace.frames[i].t).toBeGreaterThan(trace.frames[i - 1].t);
      expect(trace.frames[i].index).toBeGreaterThan(trace.frames[i - 1].index);
    }
    for (const f of trace.frames) {
      const next = trace.entries[f.index + 1];
      if (next) expect(next.t).toBeGreaterThan(f.t);
    }
  });

  it('stepping back from frame i+1 to i should give exactly the state of frame i', () => {
    const trace = syntheticWorld(11).finish();
    for (let i = 0; i + 1 < trace.frames.length; i += 3) {
      const before = JSON.stringify(trace.stateAtFrame(i));
      trace.stateAtFrame(i + 1);
      expect(JSON.stringify(trace.stateAtFrame(i))).toBe(before);
    }
  });

  it('frameAtTime() should find the last frame at or before t', () => {
    const trace = syntheticWorld(3).finish();
    trace.frames.forEach((f, i) => {
      expect(trace.frameAtTime(f.t)).toBe(i);
      if (i + 1 < trace.frames.length) expect(trace.frameAtTime(trace.frames[i + 1].t - 1)).toBe(i);
    });
    expect(trace.frameAtTime(-5)).toBe(0);
  });

  it('coalesces a burst of sends from one node into one frame, but never across a narration or another node', () => {
    const send = (t: number, id: number, from: string) =>
      ({
        k: 'send',
        t,
        p: {
          id,
          from,
          to: 'x',
          kind: 'reply',
          label: `r${id}`,
          sentNs: t,
          deliverNs: t + 500,
          bytes: 1,
          payload: null,
        },
      }) as const;
    const burst = new Trace([send(0, 1, 'redis'), send(1000, 2, 'redis'), send(2000, 3, 'redis')]);
    expect(burst.frames).toHaveLength(1);
    expect(burst.frames[0]).toMatchObject({ t: 2000, index: 2 });
    expect(burst.frames[0].label).toContain('and 2 more');
    const split = new Trace([
      send(0, 1, 'redis'),
      { k: 'narrate', t: 500, beat: 'b', text: 'between' },
      send(1000, 2, 'redis'),
      send(1500, 3, 'web-1'),
      send(200_000, 4, 'web-1'),
    ]);
    expect(split.frames.map((f) => f.t)).toEqual([0, 500, 1000, 1500, 200_000]);
  });
});
