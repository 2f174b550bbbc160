import { Trace } from '../../../src/sim/trace';
import type { TraceEntry } from '../../../src/sim/traceEntry';

/**
 * Trace frames, labels, bounds and sharing. Oracle: DESIGN.md §5 (frames are
 * the distinct instants of frame entries: send, deliver, drop, narrate, mark)
 * and the Trace's doc comments: a burst of alike events (sends from one node,
 * or deliveries to one node) within 50 µs of the burst's start and with no
 * narration between is one frame at its last instant; same-instant non-frame
 * entries are folded into the frame; keyframes every ~2·√n entries (128 to
 * 1024); the last two states handed out are kept and returned again; a state
 * copies only what its entries touch, and one narration object per beat.
 */

const send = (t: number, id: number, from = 'redis', to = 'web', label = `r${id}`): TraceEntry => ({
  k: 'send',
  t,
  p: { id, from, to, kind: 'reply', label, sentNs: t, deliverNs: t + 1, bytes: 1, payload: null },
});
const deliver = (t: number, id: number): TraceEntry => ({ k: 'deliver', t, id });
const mark = (t: number, label = 'm'): TraceEntry => ({ k: 'mark', t, label });

describe('Trace frames', () => {
  it('labels each kind of frame entry', () => {
    const tr = new Trace([
      send(0, 1, 'web', 'redis', 'GET k'),
      deliver(100_000, 1),
      { k: 'drop', t: 200_000, id: 9, reason: 'lost on the link' },
      { k: 'narrate', t: 300_000, beat: 'b', text: 'Hit.', step: 'Step 2 of 6 · Cache hit' },
      { k: 'narrate', t: 400_000, beat: 'c', text: 'No step.' },
      mark(500_000, 'crash redis'),
      deliver(600_000, 77),
    ]);
    expect(tr.frames.map((f) => f.label)).toEqual([
      'web → redis: GET k',
      'redis receives GET k',
      'dropped: lost on the link',
      'Step 2 of 6 · Cache hit: Hit.',
      'No step.',
      'crash redis',
      'delivered',
    ]);
  });

  it('non-frame entries make no frame; those at a frame instant are folded into it', () => {
    const tr = new Trace([
      { k: 'state', t: 0, node: 'redis', value: 'busy' },
      mark(10),
      { k: 'data', t: 10, node: 'redis', key: 'k', value: 1 },
      { k: 'metric', t: 10, name: 'hits', value: 1 },
      { k: 'state', t: 11, node: 'redis', value: 'idle' },
    ]);
    expect(tr.frames).toEqual([{ t: 10, index: 3, label: 'm' }]);
    expect(new Trace([{ k: 'metric', t: 5, name: 'x', value: 1 }]).frames).toEqual([]);
  });

  it('at one instant a narration or mark names the frame; other entries keep the first label', () => {
    const tr = new Trace([
      send(0, 1),
      { k: 'narrate', t: 0, beat: 'b', text: 'Redis answers.' },
      send(0, 2),
    ]);
    expect(tr.frames).toEqual([{ t: 0, index: 2, label: 'Redis answers.' }]);
    expect(new Trace([send(0, 1), mark(0, 'phase 2')]).frames[0].label).toBe('phase 2');
    expect(new Trace([send(0, 1), send(0, 2)]).frames).toEqual([
      { t: 0, index: 1, label: 'redis → web: r1' },
    ]);
  });

  it('a burst joins while within 50 µs of its first instant, counting its steps in the label', () => {
    const within = new Trace([send(0, 1), send(0, 2), send(20_000, 3), send(50_000, 4)]);
    expect(within.frames).toEqual([{ t: 50_000, index: 3, label: 'redis → web: r4 (and 2 more)' }]);
    const past = new Trace([send(0, 1), send(50_001, 2)]);
    expect(past.frames.map((f) => f.t)).toEqual([0, 50_001]);
    // Measured from the burst's start, not from its latest send.
    const chain = new Trace([send(0, 1), send(30_000, 2), send(60_000, 3)]);
    expect(chain.frames.map((f) => [f.t, f.label])).toEqual([
      [30_000, 'redis → web: r2 (and 1 more)'],
      [60_000, 'redis → web: r3'],
    ]);
  });

  it('deliveries to one node join; drops, unknown deliveries and mixed instants never do', () => {
    const del = new Trace([send(0, 1), send(0, 2, 'pg'), deliver(100_000, 1), deliver(110_000, 2)]);
    expect(del.frames.map((f) => [f.t, f.label])).toEqual([
      [0, 'redis → web: r1'],
      [110_000, 'web receives r2 (and 1 more)'],
    ]);
    const toTwo = new Trace([
      send(0, 1, 'a', 'x'),
      send(0, 2, 'a', 'y'),
      deliver(100_000, 1),
      deliver(110_000, 2),
    ]);
    expect(toTwo.frames.map((f) => f.t)).toEqual([0, 100_000, 110_000]);
    const drops = new Trace([
      { k: 'drop', t: 0, id: 1, reason: 'x' },
      { k: 'drop', t: 10, id: 2, reason: 'y' },
    ]);
    expect(drops.frames.map((f) => f.t)).toEqual([0, 10]);
    // A drop of a packet to the same node is not a delivery: it stays its own frame.
    const dropAfter = new Trace([
      send(0, 1),
      send(0, 2),
      deliver(100_000, 1),
      { k: 'drop', t: 110_000, id: 2, reason: 'web is down' },
    ]);
    expect(dropAfter.frames.map((f) => f.t)).toEqual([0, 100_000, 110_000]);
    const unknown = new Trace([deliver(0, 5), deliver(10, 6)]);
    expect(unknown.frames.map((f) => f.t)).toEqual([0, 10]);
    // A send and a delivery at one instant: that frame is no longer a burst of sends.
    const mixed = new Trace([send(0, 1), send(0, 2, 'web', 'pg'), deliver(0, 2), send(1_000, 3)]);
    expect(mixed.frames.map((f) => f.t)).toEqual([0, 1_000]);
    // A send after another node's burst starts its own.
    const other = new Trace([send(0, 1, 'a'), send(10, 2, 'b')]);
    expect(other.frames.map((f) => f.t)).toEqual([0, 10]);
  });
});

describe('Trace bounds and lookups', () => {
  it('endNs, ofKind, toJSON', () => {
    const entries = [mark(5), send(7, 1), mark(9, 'z')];
    const tr = new Trace(entries);
    expect(tr.endNs).toBe(9);
    expect(new Trace([]).endNs).toBe(0);
    expect(tr.ofKind('mark')).toEqual([entries[0], entries[2]]);
    expect(tr.ofKind('drop')).toEqual([]);
    expect(JSON.stringify(tr)).toBe(JSON.stringify(entries));
  });

  it('stateAtFrame clamps, and an empty trace has the empty state', () => {
    const tr = new Trace([send(0, 1), mark(100_000), deliver(200_000, 1)]);
    expect(tr.stateAtFrame(-3).index).toBe(0);
    expect(tr.stateAtFrame(1).index).toBe(1);
    expect(tr.stateAtFrame(99).index).toBe(2);
    expect(new Trace([]).stateAtFrame(0)).toEqual({
      index: -1,
      nodes: {},
      data: {},
      narration: null,
      metrics: {},
      inFlight: {},
    });
    expect(new Trace([]).frameAtTime(10)).toBe(0);
    expect(tr.frameAtTime(150_000)).toBe(1);
    expect(tr.frameAtTime(1e12)).toBe(2);
  });

  it('stateAtIndex clamps below -1 and past the end; stateAt(t) takes every entry at or before t', () => {
    const tr = new Trace([send(0, 1), deliver(10, 1)]);
    expect(tr.stateAtIndex(-9).index).toBe(-1);
    expect(tr.stateAtIndex(-9).inFlight).toEqual({});
    expect(tr.stateAtIndex(40).index).toBe(1);
    expect(Object.keys(tr.stateAt(9).inFlight)).toEqual(['1']);
    expect(tr.stateAt(10).inFlight).toEqual({});
  });

  it('keyframes every 2·√n entries, from 128 to 1024', () => {
    const marks = (n: number) => new Trace(Array.from({ length: n }, (_, i) => mark(i)));
    expect(marks(0).keyEvery).toBe(128);
    expect(marks(22_500).keyEvery).toBe(300);
    expect(marks(10_001).keyEvery).toBe(Math.round(2 * Math.sqrt(10_001)));
    expect(marks(263_000).keyEvery).toBe(1024);
    expect(new Trace([], 7).keyEvery).toBe(7);
  });
});

describe('Trace state sharing', () => {
  it('keeps the last two states handed out: a side lookup does not lose the playhead', () => {
    const tr = new Trace(
      Array.from({ length: 20 }, (_, i) => mark(i)),
      4,
    );
    const a = tr.stateAtIndex(5);
    const b = tr.stateAtIndex(9);
    expect(tr.stateAtIndex(5)).toBe(a);
    expect(tr.stateAtIndex(9)).toBe(b);
    tr.stateAtIndex(12);
    tr.stateAtIndex(13);
    expect(tr.stateAtIndex(5)).not.toBe(a);
  });

  it('a delivery of a packet not in flight, or a mark, copies nothing', () => {
    const tr = new Trace([send(0, 1), mark(1), deliver(2, 42), deliver(3, 1)], 1_000);
    const s1 = tr.stateAtIndex(1);
    const s2 = tr.stateAtIndex(2);
    expect(s2.inFlight).toBe(s1.inFlight);
    expect(tr.stateAtIndex(3).inFlight).toEqual({});
  });

  it('one narration object per beat, however the state was reached', () => {
    const tr = new Trace(
      [{ k: 'narrate', t: 0, beat: 'b', text: 'x' }, mark(1), mark(2), mark(3)],
      2,
    );
    const direct = tr.stateAtIndex(0).narration;
    expect(direct).toEqual({ beat: 'b', text: 'x', step: undefined, t: 0 });
    expect(tr.stateAtIndex(3).narration).toBe(direct);
  });
});
