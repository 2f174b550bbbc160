import fc from 'fast-check';
import type { Json } from '../../../src/sim/json';
import { Trace } from '../../../src/sim/trace';
import type { TraceEntry } from '../../../src/sim/traceEntry';

/** An independent oracle: replays entries 0..index into plain objects, copying nothing. */
function naive(entries: readonly TraceEntry[], index: number): unknown {
  const s = {
    index: -1,
    nodes: {} as Record<string, string>,
    data: {} as Record<string, Record<string, Json>>,
    narration: null as unknown,
    metrics: {} as Record<string, number>,
    inFlight: {} as Record<number, unknown>,
  };
  for (let i = 0; i <= index && i < entries.length; i++) {
    const e = entries[i];
    s.index = i;
    if (e.k === 'send') s.inFlight[e.p.id] = e.p;
    else if (e.k === 'deliver' || e.k === 'drop') delete s.inFlight[e.id];
    else if (e.k === 'state') s.nodes[e.node] = e.value;
    else if (e.k === 'metric') s.metrics[e.name] = e.value;
    else if (e.k === 'narrate') s.narration = { beat: e.beat, text: e.text, step: e.step, t: e.t };
    else if (e.k === 'data') {
      const node = (s.data[e.node] ??= {});
      if (e.value === null) delete node[e.key];
      else node[e.key] = e.value;
    }
  }
  return s;
}

// Keys include array-index-like names ("2", "10") whose order a plain object sorts.
const KEYS = ['a', 'b', 'c', '10', '2', '#aof', 'user:1'];

function entriesOf(ops: [number, number, number, number][]): TraceEntry[] {
  const out: TraceEntry[] = [];
  const open: number[] = [];
  let id = 1;
  ops.forEach(([op, node, key, v], t) => {
    const n = ['redis', 'replica', 'pg'][node % 3];
    if (op < 5) {
      out.push({
        k: 'data',
        t,
        node: n,
        key: KEYS[key % KEYS.length],
        value: v % 4 === 0 ? null : v,
      });
    } else if (op === 5) {
      out.push({
        k: 'send',
        t,
        p: {
          id,
          from: n,
          to: 'app',
          kind: 'reply',
          label: `r${id}`,
          sentNs: t,
          deliverNs: t + 10,
          bytes: 1,
          payload: null,
        },
      });
      open.push(id++);
    } else if (op === 6 && open.length) out.push({ k: 'deliver', t, id: open.shift()! });
    else if (op === 7) out.push({ k: 'state', t, node: n, value: `s${v % 3}` });
    else out.push({ k: 'metric', t, name: `m${node % 2}`, value: v });
  });
  return out;
}

const op = fc.tuple(
  fc.integer({ min: 0, max: 8 }),
  fc.nat(5),
  fc.nat(20),
  fc.integer({ min: 0, max: 50 }),
);

describe('Trace.stateAtIndex with keyframes and overlays', () => {
  it('should agree with a naive full replay at random indices, in any order, key order included', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 25 }),
        (ops, keyEvery, at) => {
          const entries = entriesOf(ops);
          const trace = new Trace(entries, keyEvery);
          for (const a of at) {
            // Random seeks, plus small forward steps (the playback path) after each.
            const i = Math.floor(a * (entries.length + 1)) - 1;
            for (const j of [i, i + 1, i + 3, i]) {
              const want = JSON.stringify(naive(entries, j));
              expect(JSON.stringify(trace.stateAtIndex(j))).toBe(
                j >= entries.length ? JSON.stringify(naive(entries, entries.length - 1)) : want,
              );
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should never mutate keyframe node maps, and its node views should refuse writes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 200 }), fc.nat(1000), (ops, seed) => {
        const entries = entriesOf(ops);
        const trace = new Trace(entries, 8);
        const keyframes = (trace as unknown as { keyframes: { data: object }[] }).keyframes;
        const before = keyframes.map((k) => JSON.stringify(k.data));
        let i = seed % entries.length;
        for (let n = 0; n < 60; n++) {
          i = (i * 31 + 7) % entries.length;
          const s = trace.stateAtIndex(i);
          for (const node of Object.values(s.data)) {
            expect(() => {
              'use strict';
              node.a = 'x';
            }).toThrow(TypeError);
          }
          trace.stateAtIndex(Math.min(entries.length - 1, i + 2));
        }
        expect(keyframes.map((k) => JSON.stringify(k.data))).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('should order keys as a plain object does: array-index keys first, ascending, then insertion order', () => {
    const d = (t: number, key: string, value: Json | null): TraceEntry => ({
      k: 'data',
      t,
      node: 'n',
      key,
      value,
    });
    const entries = [
      d(0, 'b', 1),
      d(1, '10', 1),
      d(2, '2', 1),
      d(3, 'a', 1),
      d(4, 'b', null),
      d(5, 'b', 2),
    ];
    for (const keyEvery of [1, 2, 100]) {
      const trace = new Trace(entries, keyEvery);
      expect(Object.keys(trace.stateAtIndex(5).data.n)).toEqual(['2', '10', 'a', 'b']);
      expect(JSON.stringify(trace.stateAtIndex(5))).toBe(JSON.stringify(naive(entries, 5)));
    }
  });

  it('should return the same object for the same index (cheap repeated lookups)', () => {
    const entries = entriesOf(Array.from({ length: 100 }, (_, i) => [i % 9, i, i, i]));
    const trace = new Trace(entries, 16);
    expect(trace.stateAtIndex(40)).toBe(trace.stateAtIndex(40));
  });
});
