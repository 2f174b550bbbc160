import fc from 'fast-check';
import type { Json } from '../../../src/sim/json';
import { Trace, type TraceState } from '../../../src/sim/trace';
import type { TraceEntry } from '../../../src/sim/traceEntry';

/**
 * The oracle: every entry from the first, applied to fresh plain objects, with
 * none of the Trace's keyframes, memos or sharing. Written out again here so a
 * bug in the Trace's own apply cannot hide in both.
 */
function replay(entries: readonly TraceEntry[], last: number): TraceState {
  const s: TraceState = {
    index: -1,
    nodes: {},
    data: {},
    narration: null,
    metrics: {},
    inFlight: {},
  };
  for (let i = 0; i <= last; i++) {
    const e = entries[i];
    s.index = i;
    if (e.k === 'send') s.inFlight[e.p.id] = e.p;
    else if (e.k === 'deliver' || e.k === 'drop') delete s.inFlight[e.id];
    else if (e.k === 'state') s.nodes[e.node] = e.value;
    else if (e.k === 'data') {
      const node = (s.data[e.node] ??= {});
      if (e.value === null) delete node[e.key];
      else node[e.key] = e.value;
    } else if (e.k === 'narrate')
      s.narration = { beat: e.beat, text: e.text, step: e.step, t: e.t };
    else if (e.k === 'metric') s.metrics[e.name] = e.value;
  }
  return s;
}

/** Ops from which a trace is built: small key spaces so keys are set, deleted and set again. */
const op = fc.oneof(
  fc.record({ k: fc.constant('send' as const), to: fc.constantFrom('redis', 'pg') }),
  fc.record({ k: fc.constant('end' as const), pick: fc.nat(), drop: fc.boolean() }),
  fc.record({
    k: fc.constant('data' as const),
    node: fc.constantFrom('redis', 'pg', 'web'),
    // Integer-like keys too: a plain object lists them first, and a copy must agree.
    key: fc.constantFrom('a', 'b', 'user:1', 'user:2', '#aof', '0', '7', '10'),
    value: fc.option(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { nil: null }),
  }),
  fc.record({
    k: fc.constant('state' as const),
    node: fc.constantFrom('redis', 'pg'),
    v: fc.constantFrom('idle', 'busy'),
  }),
  fc.record({
    k: fc.constant('metric' as const),
    name: fc.constantFrom('hits', 'misses'),
    v: fc.integer(),
  }),
  fc.record({ k: fc.constant('narrate' as const), beat: fc.constantFrom('x', 'y') }),
  fc.record({ k: fc.constant('mark' as const) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function entriesOf(ops: Op[], gaps: number[]): TraceEntry[] {
  const out: TraceEntry[] = [];
  const open: number[] = [];
  let id = 1;
  let t = 0;
  ops.forEach((o, i) => {
    t += gaps[i % gaps.length];
    if (o.k === 'send') {
      const p = {
        id: id++,
        from: 'web',
        to: o.to,
        kind: 'request' as const,
        label: 'GET',
        sentNs: t,
        deliverNs: t + 5,
        bytes: 10,
        payload: null,
      };
      open.push(p.id);
      out.push({ k: 'send', t, p });
    } else if (o.k === 'end') {
      if (open.length === 0) return;
      const pid = open.splice(o.pick % open.length, 1)[0];
      out.push(o.drop ? { k: 'drop', t, id: pid, reason: 'lost' } : { k: 'deliver', t, id: pid });
    } else if (o.k === 'data')
      out.push({ k: 'data', t, node: o.node, key: o.key, value: o.value as Json });
    else if (o.k === 'state') out.push({ k: 'state', t, node: o.node, value: o.v });
    else if (o.k === 'metric') out.push({ k: 'metric', t, name: o.name, value: o.v });
    else if (o.k === 'narrate')
      out.push({
        k: 'narrate',
        t,
        beat: o.beat,
        text: `beat ${o.beat}`,
        step: i % 2 ? 'Step 1' : undefined,
      });
    else out.push({ k: 'mark', t, label: 'mark' });
  });
  return out;
}

const stable = (s: TraceState): string => JSON.stringify(s);

describe('Trace state rebuild (keyframes, memos, copy-on-write)', () => {
  it('equals a naive replay from the start at random lookups in any order, key order included, and never changes a state it handed out', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 300 }),
        fc.array(fc.constantFrom(0, 0, 1, 3), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 40 }),
        // Lookups: mostly small steps forward (playback), some jumps and repeats.
        fc.array(fc.oneof(fc.integer({ min: -2, max: 6 }), fc.integer({ min: -400, max: 400 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (ops, gaps, keyEvery, moves) => {
          // An op list of lone 'end's makes no entries: still a trace, state at -1 only.
          const entries = entriesOf(ops, gaps);
          const trace = new Trace(entries, keyEvery);
          const handed: [TraceState, string][] = [];
          let at = -1;
          for (const d of moves) {
            at = Math.max(-1, Math.min(entries.length - 1, at + d));
            const s = trace.stateAtIndex(at);
            const want = stable(replay(entries, at));
            expect(stable(s)).toBe(want);
            for (const n of Object.keys(s.data))
              expect(Object.keys(s.data[n])).toEqual(Object.keys(JSON.parse(want).data[n]));
            handed.push([s, want]);
          }
          for (const [s, want] of handed) expect(stable(s)).toBe(want);
          // By time, too: every entry at or before t.
          const t = entries.length ? entries[entries.length - 1].t : 0;
          expect(stable(trace.stateAt(t))).toBe(stable(replay(entries, entries.length - 1)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hands out the same object for the same index, and shares what an entry did not touch', () => {
    const entries: TraceEntry[] = [];
    for (let i = 0; i < 800; i++)
      entries.push({ k: 'data', t: i, node: 'redis', key: `k:${i}`, value: i });
    entries.push({ k: 'data', t: 900, node: 'pg', key: 'row', value: 1 });
    entries.push({ k: 'metric', t: 901, name: 'm', value: 1 });
    const trace = new Trace(entries, 128);
    const a = trace.stateAtIndex(800);
    expect(trace.stateAtIndex(800)).toBe(a);
    const b = trace.stateAtIndex(801);
    // The metric did not touch the data: the 800-key map is the same object, not a copy.
    expect(b.data.redis).toBe(a.data.redis);
    expect(b.data.pg).toBe(a.data.pg);
    expect(b.nodes).toBe(a.nodes);
    expect(b.metrics).not.toBe(a.metrics);
    expect(b.metrics).toEqual({ m: 1 });
    expect(a.metrics).toEqual({});
  });
});
