import fc from 'fast-check';
import { runScenario, type Intervention } from '../../../src/scenarios';
import { argvOf, exchanges, isConsole } from '../../../src/scenarios/measure';
import type { Packet, Trace } from '../../../src/sim';
import { narrationProblems } from './narrationCheck';

interface Outcome {
  commands: number;
  replies: number;
  errors: number;
  crashes: number;
  restarts: number;
  latencyChanges: number;
  redisKeys: number;
}

const MS = 1_000_000;
const cmd = (tNs: number, from: string, ...argv: string[]): Intervention => ({
  tNs,
  kind: 'command',
  from,
  node: 'redis',
  argv,
});

/** Every packet sent, with its send and delivery times. */
const sends = (trace: Trace): Packet[] => trace.ofKind('send').map((e) => e.p);
const beats = (trace: Trace) => trace.ofKind('narrate');

const params = fc.record({
  webServers: fc.integer({ min: 1, max: 8 }),
  postgres: fc.boolean(),
  persistence: fc.constantFrom('rdb', 'aof-everysec', 'aof-always', 'aof-no', 'none'),
  rttUs: fc.integer({ min: 5, max: 500 }).map((x) => x * 10),
  redisCmdUs: fc.integer({ min: 1, max: 1000 }).map((x) => x / 10),
  dbQueryMs: fc.integer({ min: 1, max: 4000 }).map((x) => x / 20),
});

/** Any intervention the UI can make, for a sandbox of `webs` servers (web-1 … web-8 may not all exist). */
function anyIntervention(webs: number, pg: boolean): fc.Arbitrary<Intervention> {
  const web = fc.integer({ min: 1, max: webs }).map((i) => `web-${i}`);
  const node = fc
    .constantFrom(...['redis', ...(pg ? ['postgres'] : [])])
    .chain((n) => fc.oneof(fc.constant(n), web));
  const tNs = fc.integer({ min: 0, max: 3_000 }).map((x) => x * 100_000); // 0 … 300 ms
  const key = fc.constantFrom('greeting', 'user:1', 'n', 'list', '42');
  const argv: fc.Arbitrary<string[]> = fc.oneof<fc.Arbitrary<string[]>[]>(
    fc.tuple(fc.constant('SET'), key, fc.constantFrom('hello', '7', 'x y')),
    fc.tuple(fc.constant('GET'), key),
    fc.tuple(fc.constant('INCR'), key),
    fc.tuple(fc.constant('LPUSH'), key, fc.constant('job')),
    fc.tuple(fc.constant('SET'), key, fc.constant('v'), fc.constant('PX'), fc.constant('150')),
    fc.constant(['BGSAVE']),
    fc.constant(['NOPE']),
  );
  return fc.oneof(
    fc.record({
      tNs,
      kind: fc.constant('command' as const),
      from: web,
      node: fc.constant('redis'),
      argv,
    }),
    fc.record({
      tNs,
      kind: fc.constant('crash' as const),
      node,
      crashKind: fc.constantFrom('process-kill' as const, 'power-loss' as const),
    }),
    fc.record({ tNs, kind: fc.constant('restart' as const), node }),
    fc.record({
      tNs,
      kind: fc.constant('latency' as const),
      node: web,
      peer: fc.constantFrom(...['redis', ...(pg ? ['postgres'] : [])]),
      us: fc.integer({ min: 0, max: 20_000 }),
    }),
    fc.record({
      tNs,
      kind: fc.constant('latency' as const),
      node: fc.constantFrom(...['redis', ...(pg ? ['postgres'] : [])]),
      us: fc.integer({ min: 0, max: 5_000 }),
    }),
  );
}

/** A sandbox and some interventions, in the order a learner makes them (by time). */
const session = params.chain((p) =>
  fc.record({
    p: fc.constant(p),
    seed: fc.integer({ min: 1, max: 1_000 }),
    ivs: fc
      .array(anyIntervention(p.webServers, p.postgres), { maxLength: 8 })
      .map((xs) => [...xs].sort((a, b) => a.tNs - b.tNs)),
  }),
);

describe('runScenario("sandbox")', () => {
  it('untouched: an intro, each web server PINGs redis once, a Summary; a short trace', () => {
    const run = runScenario('sandbox', { seed: 1 });
    const o = run.outcome as unknown as Outcome;
    expect(o).toEqual({
      commands: 2,
      replies: 2,
      errors: 0,
      crashes: 0,
      restarts: 0,
      latencyChanges: 0,
      redisKeys: 0,
    });
    const bs = beats(run.trace);
    expect(bs[0].step).toBe('Step 1 of 2 · Set up');
    expect(bs[0].text).toContain('SET greeting hello');
    expect(bs[bs.length - 1].step).toBe('Summary');
    expect(bs[bs.length - 1].t).toBe(60_000 * MS);
    // Stepping through an empty sandbox is a handful of frames, not hundreds.
    expect(run.trace.frames.length).toBeLessThan(10);
    expect(narrationProblems('sandbox', run)).toEqual([]);
  });

  it('has as many web servers as asked, each linked to redis (and postgres when on)', () => {
    fc.assert(
      fc.property(params, (p) => {
        const { topology } = runScenario('sandbox', { params: p });
        const webs = topology.nodes.filter((n) => n.kind === 'webServer').map((n) => n.id);
        expect(webs).toEqual(Array.from({ length: p.webServers }, (_, i) => `web-${i + 1}`));
        expect(topology.nodes.some((n) => n.id === 'postgres')).toBe(p.postgres);
        for (const w of webs) {
          expect(topology.links).toContainEqual([w, 'redis']);
          if (p.postgres) expect(topology.links).toContainEqual([w, 'postgres']);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a command typed on web-1 goes to redis and its reply is what Redis answers', () => {
    const run = runScenario('sandbox', {
      interventions: [
        cmd(0, 'web-1', 'SET', 'greeting', 'hello'),
        cmd(2 * MS, 'web-2', 'GET', 'greeting'),
      ],
    });
    const typed = exchanges(run.trace, { includeConsole: true }).filter((x) => isConsole(x.req));
    expect(typed.map((x) => [x.req.from, argvOf(x.req).join(' '), x.reply?.label])).toEqual([
      ['web-1', 'SET greeting hello', 'OK'],
      ['web-2', 'GET greeting', '"hello"'],
    ]);
    expect((run.outcome as unknown as Outcome).redisKeys).toBe(1);
    expect(narrationProblems('sandbox', run)).toEqual([]);
  });

  it('replays the same interventions to a byte-identical trace', () => {
    fc.assert(
      fc.property(session, ({ p, seed, ivs }) => {
        const a = runScenario('sandbox', { params: p, seed, interventions: ivs });
        const b = runScenario('sandbox', { params: p, seed, interventions: ivs });
        expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
        expect(b.outcome).toEqual(a.outcome);
      }),
      { numRuns: 10 },
    );
  });

  it('keeps the narration rules with and without interventions, for any cluster', () => {
    fc.assert(
      fc.property(session, ({ p, seed, ivs }) => {
        const run = runScenario('sandbox', { params: p, seed, interventions: ivs });
        expect(narrationProblems('sandbox', run)).toEqual([]);
        // The run lasts until the last intervention has played out, and ends on its Summary.
        const last = Math.max(0, ...ivs.map((iv) => iv.tNs));
        expect(run.trace.endNs).toBe(Math.max(60_000 * MS, last + 2_000 * MS));
        const o = run.outcome as unknown as Outcome;
        expect(o.errors).toBeLessThanOrEqual(o.replies);
        expect(o.replies).toBeLessThanOrEqual(o.commands);
        expect(o.restarts).toBeLessThanOrEqual(o.crashes);
        expect(o.latencyChanges).toBe(ivs.filter((iv) => iv.kind === 'latency').length);
      }),
      { numRuns: 20 },
    );
  });

  it('a link latency change retimes later packets on that link, and nothing before it', () => {
    const tL = 5 * MS;
    const before = [cmd(1 * MS, 'web-1', 'SET', 'a', '1')];
    const after = [cmd(8 * MS, 'web-1', 'GET', 'a'), cmd(8 * MS, 'web-2', 'GET', 'a')];
    const base = runScenario('sandbox', { interventions: [...before, ...after] });
    const changed = runScenario('sandbox', {
      interventions: [
        ...before,
        { tNs: tL, kind: 'latency', node: 'web-1', peer: 'redis', us: 3_000 },
        ...after,
      ],
    });
    // Everything before the change is the same, entry for entry.
    const upTo = (t: Trace) => JSON.stringify(t.entries.filter((e) => e.t < tL));
    expect(upTo(changed.trace)).toBe(upTo(base.trace));
    const delay = (t: Trace, from: string, to: string, after: number): number[] => {
      const got = new Map(t.ofKind('deliver').map((e) => [e.id, e.t]));
      return sends(t)
        .filter((p) => p.from === from && p.to === to && p.sentNs >= after)
        .map((p) => (got.get(p.id) ?? NaN) - p.sentNs);
    };
    // web-1 ↔ redis: 3 ms each way from then on, both directions.
    expect(delay(changed.trace, 'web-1', 'redis', tL)).toEqual([3_000_000]);
    expect(delay(changed.trace, 'redis', 'web-1', tL)).toEqual([3_000_000]);
    expect(delay(base.trace, 'web-1', 'redis', tL)).toEqual([250_000]);
    // web-2's link is untouched.
    expect(delay(changed.trace, 'web-2', 'redis', tL)).toEqual(
      delay(base.trace, 'web-2', 'redis', tL),
    );
    expect(narrationProblems('sandbox', changed)).toEqual([]);
  });

  it("a node latency change sets Redis's time per command from then on", () => {
    const replyAt = (t: Trace, rid: number): number => {
      const p = sends(t).find(
        (x) => x.from === 'redis' && (x.payload as { re?: number }).re === rid && x.to === 'web-1',
      );
      return p ? p.sentNs : NaN;
    };
    const ivs = (us?: number): Intervention[] => [
      ...(us === undefined ? [] : [{ tNs: 1 * MS, kind: 'latency' as const, node: 'redis', us }]),
      cmd(2 * MS, 'web-1', 'INCR', 'n'),
    ];
    const base = runScenario('sandbox', { interventions: ivs() });
    const slow = runScenario('sandbox', { interventions: ivs(800) });
    // rid 1 is web-1's opening PING (before the change); rid 2 the INCR.
    expect(replyAt(slow.trace, 1)).toBe(replyAt(base.trace, 1));
    expect(replyAt(slow.trace, 2) - replyAt(base.trace, 2)).toBe(799_000);
    expect(narrationProblems('sandbox', slow)).toEqual([]);
  });

  it('crashes and restarts every kind of node and narrates what came back', () => {
    const run = runScenario('sandbox', {
      params: { persistence: 'aof-always' },
      interventions: [
        cmd(1 * MS, 'web-1', 'SET', 'greeting', 'hello'),
        { tNs: 5 * MS, kind: 'crash', node: 'web-1' },
        cmd(6 * MS, 'web-1', 'GET', 'greeting'),
        { tNs: 7 * MS, kind: 'crash', node: 'postgres' },
        { tNs: 8 * MS, kind: 'crash', node: 'redis', crashKind: 'power-loss' },
        cmd(9 * MS, 'web-2', 'GET', 'greeting'),
        { tNs: 10 * MS, kind: 'restart', node: 'redis' },
        { tNs: 11 * MS, kind: 'restart', node: 'postgres' },
        { tNs: 12 * MS, kind: 'restart', node: 'web-1' },
        cmd(20 * MS, 'web-1', 'GET', 'greeting'),
      ],
    });
    const o = run.outcome as unknown as Outcome;
    expect(o).toMatchObject({ crashes: 3, restarts: 3, redisKeys: 1 });
    const text = beats(run.trace).map((b) => b.text);
    expect(text).toContainEqual(
      expect.stringMatching(/^web-1 is down, so your command never left it/),
    );
    expect(text).toContainEqual(
      expect.stringMatching(/^redis answered web-2: RST: connection refused/),
    );
    expect(text).toContainEqual(expect.stringMatching(/^You pulled the power on redis/));
    expect(text).toContainEqual(
      expect.stringMatching(/^redis is back, loaded from its AOF\. Nothing/),
    );
    expect(text).toContainEqual(expect.stringMatching(/^redis answered web-1: "hello"/));
    // Postgres kept its rows through the crash.
    expect(Object.keys(run.trace.stateAt(run.trace.endNs).data.postgres ?? {})).toHaveLength(2);
    expect(narrationProblems('sandbox', run)).toEqual([]);
  });

  it('a power loss under appendfsync everysec loses the write not yet fsynced, and says which', () => {
    const run = runScenario('sandbox', {
      params: { persistence: 'aof-everysec' },
      interventions: [
        cmd(1 * MS, 'web-1', 'SET', 'kept', 'yes'),
        cmd(1_500 * MS, 'web-1', 'SET', 'lost', 'yes'),
        { tNs: 1_600 * MS, kind: 'crash', node: 'redis', crashKind: 'power-loss' },
        { tNs: 1_700 * MS, kind: 'restart', node: 'redis' },
      ],
    });
    const recovered = beats(run.trace).find((b) => b.beat === 'recovered');
    expect(recovered?.text).toContain('Lost: lost.');
    expect((run.outcome as unknown as Outcome).redisKeys).toBe(1);
    expect(narrationProblems('sandbox', run)).toEqual([]);
  });
});
