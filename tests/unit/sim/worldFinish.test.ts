import type { RunProgress } from '../../../src/sim/world';
import { World } from '../../../src/sim/world';

/**
 * World.finish / finishSteps: run up to `untilNs` or `maxEvents`, in slices of
 * `every` events, yielding progress after each slice and once when the engine
 * is done. Oracle: the doc comments of finish/finishSteps and RunProgress
 * (simNs reached, untilNs or null when infinite, events executed by this run),
 * the Engine.run contract (the clock is left at a finite bound), and
 * DESIGN.md §5 (the trace is the same with or without the hook).
 */

/** Five marks, at 10, 20, 30, 40 and 50 ns. */
function fiveMarks(): World {
  const w = new World(1);
  for (const t of [10, 20, 30, 40, 50]) w.engine.at(t, () => w.mark(`m${t}`));
  return w;
}

/** All yields of a generator (at most 20, so a generator that never ends fails instead of hanging). */
function drain(g: Generator<RunProgress, unknown, void>): { yields: RunProgress[]; done: unknown } {
  const yields: RunProgress[] = [];
  for (let i = 0; i < 20; i++) {
    const r = g.next();
    if (r.done) return { yields, done: r.value };
    yields.push(r.value);
  }
  return { yields, done: undefined };
}

const p = (simNs: number, events: number, untilNs: number | null = null): RunProgress => ({
  simNs,
  untilNs,
  events,
});

const marks = (w: World): string[] => w.entries.flatMap((e) => (e.k === 'mark' ? [e.label] : []));

describe('World.finishSteps', () => {
  it('yields after every `every` events and once when the queue runs dry, then returns the Trace', () => {
    const w = fiveMarks();
    const { yields, done } = drain(w.finishSteps(Infinity, 5_000_000, 2));
    expect(yields).toEqual([p(20, 2), p(40, 4), p(50, 5)]);
    expect(done).toMatchObject({ entries: w.entries, endNs: 50 });
  });

  it('a fractional `every` is floored; below 1 it is 1', () => {
    const { yields } = drain(fiveMarks().finishSteps(Infinity, 5_000_000, 2.7));
    expect(yields).toEqual([p(20, 2), p(40, 4), p(50, 5)]);
    const ones = drain(fiveMarks().finishSteps(Infinity, 5_000_000, 0.5)).yields;
    expect(ones.slice(0, 5)).toEqual([p(10, 1), p(20, 2), p(30, 3), p(40, 4), p(50, 5)]);
    expect(ones.at(-1)).toEqual(p(50, 5));
  });

  it('a finite bound is reported and the clock is left at it', () => {
    const w = fiveMarks();
    const { yields } = drain(w.finishSteps(35, 5_000_000, 2));
    expect(yields).toEqual([p(20, 2, 35), p(35, 3, 35)]);
    expect(w.nowNs).toBe(35);
    expect(marks(w)).toEqual(['m10', 'm20', 'm30']);
  });

  it('maxEvents and the event count are relative to where this run started', () => {
    const w = fiveMarks();
    w.engine.run(15);
    const { yields, done } = drain(w.finishSteps(Infinity, 3, 2));
    expect(done).toBeDefined();
    expect(yields.at(-1)).toEqual(p(40, 3));
    expect(yields[0]).toEqual(p(30, 2));
    expect(yields.every((y) => y.events <= 3)).toBe(true);
    expect(marks(w)).toEqual(['m10', 'm20', 'm30', 'm40']);
  });
});

describe('World.finish', () => {
  it('without a hook runs to the bound or the event limit', () => {
    const a = fiveMarks();
    expect(a.finish(35).entries.map((e) => e.t)).toEqual([10, 20, 30]);
    expect(a.nowNs).toBe(35);
    const b = fiveMarks();
    b.finish(Infinity, 2);
    expect(marks(b)).toEqual(['m10', 'm20']);
    expect(fiveMarks().finish().endNs).toBe(50);
  });

  it('with a hook reports each slice (2000 events by default) and returns the same trace', () => {
    const seen: RunProgress[] = [];
    const w = fiveMarks();
    const trace = w.finish(Infinity, 5_000_000, (r) => seen.push(r));
    expect(seen).toEqual([p(50, 5)]);
    expect(JSON.stringify(trace)).toBe(JSON.stringify(fiveMarks().finish()));

    const sliced: RunProgress[] = [];
    const t2 = fiveMarks().finish(35, 5_000_000, (r) => sliced.push(r), 2);
    expect(sliced).toEqual([p(20, 2, 35), p(35, 3, 35)]);
    expect(t2.entries.map((e) => e.t)).toEqual([10, 20, 30]);
  });
});
