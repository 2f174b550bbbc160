import { assign, cancel, createActor, raise, setup, SimulatedClock } from 'xstate';
import { MachineHost } from '../../../src/sim/machineHost';
import { World } from '../../../src/sim/world';

/**
 * MachineHost against xstate v5 itself: the same machine run by a real
 * `createActor` on xstate's `SimulatedClock` (DESIGN.md §3: delayed raises are
 * queue entries at now + delay, `cancel` removes them, custom actions run the
 * node's effects, state values are recorded when they change). The oracle is
 * xstate's own interpreter: the host must see the same state values, at the
 * same times, and call the same effects with the same params.
 */

type Ev =
  | { type: 'GO' }
  | { type: 'BACK' }
  | { type: 'TICK' }
  | { type: 'REARM' }
  | { type: 'DISARM' }
  | { type: 'TWO' }
  | { type: 'PING' }
  | { type: 'NOW' }
  | { type: 'NOP' };

const machine = setup({
  types: {
    context: {} as { n: number; pings: number },
    events: {} as Ev,
    input: {} as { start: number },
  },
  actions: {
    fx: (_, _params: { n: number; at: string }) => {},
    bare: () => {},
  },
}).createMachine({
  id: 'probe',
  initial: 'outer',
  context: ({ input }) => ({ n: input.start, pings: 0 }),
  entry: [
    { type: 'fx', params: ({ context }) => ({ n: context.n, at: 'entry' }) },
    raise({ type: 'TICK' }, { delay: 100, id: 'tick' }),
  ],
  states: {
    outer: {
      initial: 'inner',
      states: {
        inner: { on: { GO: 'deep' } },
        deep: {
          initial: 'x',
          states: { x: { on: { BACK: '#probe.outer.inner' } } },
        },
      },
      on: {
        TICK: {
          actions: [
            assign({ n: ({ context }) => context.n + 1 }),
            { type: 'fx', params: ({ context }) => ({ n: context.n, at: 'tick' }) },
          ],
        },
        REARM: { actions: raise({ type: 'TICK' }, { delay: 500, id: 'tick' }) },
        DISARM: { actions: cancel('tick') },
        TWO: {
          actions: [raise({ type: 'PING' }, { delay: 50 }), raise({ type: 'PING' }, { delay: 70 })],
        },
        PING: { actions: [assign({ pings: ({ context }) => context.pings + 1 }), 'bare'] },
        NOW: { actions: raise({ type: 'PING' }) },
        NOP: {},
      },
    },
  },
});

type Script = [number, Ev][];

/** What xstate's own actor does with the script: state values and effects, each with its time. */
function viaXstate(script: Script, end: number): string[] {
  const log: string[] = [];
  const clock = new SimulatedClock();
  const m = machine.provide({
    actions: {
      fx: (_, p) => log.push(`${clock.now()} fx ${JSON.stringify(p)}`),
      bare: () => log.push(`${clock.now()} bare`),
    },
  });
  const actor = createActor(m, { input: { start: 5 }, clock });
  let last = '';
  actor.subscribe((s) => {
    const v = flat(s.value);
    if (v !== last) log.push(`${clock.now()} state ${(last = v)}`);
  });
  actor.start();
  for (let t = 0; t <= end; t += 10) {
    if (t > 0) clock.increment(10);
    for (const [at, e] of script) if (at === t) actor.send(e);
  }
  return log;
}

/** The same through MachineHost on the engine. */
function viaHost(script: Script, end: number): string[] {
  const log: string[] = [];
  const w = new World(1);
  const h = new MachineHost(
    w,
    'm',
    machine,
    { start: 5 },
    {
      fx: (p) => log.push(`${w.nowNs} fx ${JSON.stringify(p)}`),
      bare: () => log.push(`${w.nowNs} bare`),
    },
  );
  const states = (): string[] =>
    w.entries.flatMap((e) =>
      e.k === 'state' && e.node === 'm' ? [`${e.t} state ${e.value}`] : [],
    );
  // External events after the timers due at the same instant, as the clock does.
  for (const [at, e] of script) w.engine.at(at, () => h.send(e), 1);
  w.engine.run(end);
  return mergeByTime(states(), log);
}

function mergeByTime(a: string[], b: string[]): string[] {
  const time = (s: string): number => Number(s.split(' ')[0]);
  return [...a, ...b]
    .map((s, i) => ({ s, i, t: time(s) }))
    .sort((x, y) => x.t - y.t || x.i - y.i)
    .map((x) => x.s);
}

function flat(v: unknown): string {
  if (typeof v === 'string') return v;
  const [k, inner] = Object.entries(v as object)[0];
  return `${k}.${flat(inner)}`;
}

/** xstate's log, with states before effects at one instant (the host records the state value first). */
function normalised(log: string[]): string[] {
  return mergeByTime(
    log.filter((s) => s.includes(' state ')),
    log.filter((s) => !s.includes(' state ')),
  );
}

describe('MachineHost against xstate createActor on a SimulatedClock', () => {
  it.each<[string, Script, number]>([
    ['the entry effect and one delayed tick', [], 300],
    [
      'nested states, both ways',
      [
        [20, { type: 'GO' }],
        [40, { type: 'NOP' }],
        [60, { type: 'BACK' }],
      ],
      200,
    ],
    [
      'a named raise after the last one fired, then cancelled by its id',
      [
        [150, { type: 'REARM' }],
        [700, { type: 'REARM' }],
        [900, { type: 'DISARM' }],
      ],
      1_500,
    ],
    [
      'cancel by id, and a cancel with nothing pending',
      [
        [30, { type: 'DISARM' }],
        [50, { type: 'DISARM' }],
        [300, { type: 'REARM' }],
      ],
      1_000,
    ],
    [
      'two anonymous delayed raises both fire; an immediate raise is consumed at once',
      [
        [150, { type: 'TWO' }],
        [160, { type: 'TWO' }],
        [170, { type: 'NOW' }],
      ],
      400,
    ],
  ])('%s', (_, script, end) => {
    expect(viaHost(script, end)).toEqual(normalised(viaXstate(script, end)));
  });
});

describe('MachineHost bookkeeping', () => {
  it('context, can(), and no state entry when the value does not change', () => {
    const w = new World(1);
    const h = new MachineHost(w, 'm', machine, { start: 2 });
    expect(h.value).toBe('outer.inner');
    expect(h.context).toEqual({ n: 2, pings: 0 });
    expect(h.can({ type: 'GO' })).toBe(true);
    expect(h.can({ type: 'BACK' })).toBe(false);
    h.send({ type: 'NOP' });
    h.send({ type: 'PING' });
    expect(h.context.pings).toBe(1);
    expect(w.entries.filter((e) => e.k === 'state')).toEqual([
      { k: 'state', t: 0, node: 'm', value: 'outer.inner' },
    ]);
  });

  it('cancelAll() drops every pending delayed event, named or not', () => {
    const w = new World(1);
    const fired: number[] = [];
    const h = new MachineHost(w, 'm', machine, { start: 0 }, { bare: () => fired.push(w.nowNs) });
    h.send({ type: 'TWO' });
    h.cancelAll();
    // The Effects type promises a params record: an action without params gets {}.
    const params: unknown[] = [];
    new MachineHost(new World(1), 'p', machine, { start: 0 }, { bare: (p) => params.push(p) }).send(
      {
        type: 'PING',
      },
    );
    expect(params).toEqual([{}]);
    w.engine.run();
    expect(fired).toEqual([]);
    expect(h.context.n).toBe(0);
    // Timers armed after it run as usual.
    h.send({ type: 'TWO' });
    w.engine.run();
    expect(fired).toEqual([50, 70]);
  });

  it('an event sent from inside an effect runs after the current one, not inside it', () => {
    const w = new World(1);
    const order: string[] = [];
    const h: MachineHost<typeof machine> = new MachineHost(
      w,
      'm',
      machine,
      { start: 0 },
      {
        bare: () => {
          order.push(`bare pings=${h.context.pings}`);
          if (h.context.pings < 3) h.send({ type: 'PING' });
          order.push('bare end');
        },
      },
    );
    h.send({ type: 'PING' });
    expect(order).toEqual([
      'bare pings=1',
      'bare end',
      'bare pings=2',
      'bare end',
      'bare pings=3',
      'bare end',
    ]);
  });

  it('two hosts of one machine share cached transitions but not their contexts or timers', () => {
    const w = new World(1);
    const a = new MachineHost(w, 'a', machine, { start: 1 });
    const b = new MachineHost(w, 'b', machine, { start: 1 });
    a.send({ type: 'GO' });
    b.send({ type: 'GO' });
    b.send({ type: 'BACK' });
    b.send({ type: 'DISARM' });
    w.engine.run();
    expect([a.value, b.value]).toEqual(['outer.deep.x', 'outer.inner']);
    expect([a.context.n, b.context.n]).toEqual([2, 1]);
  });
});
