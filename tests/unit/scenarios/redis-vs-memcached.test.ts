import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { Actor, fixed, MemcachedNode, usToNs, World } from '../../../src/sim';
import { narrationProblems } from './narrationCheck';

type Side = { opsPerSec: number; lostUpdates: number };
const outcomeOf = (params: Record<string, unknown>, seed = 1) =>
  runScenario('redis-vs-memcached', { params, seed }).outcome as unknown as {
    memcached: Side;
    redis: Side;
  };

describe('redis-vs-memcached', () => {
  it('redis-vs-memcached at defaults: Memcached serves more GETs/s, loses appends; Redis loses none', () => {
    const o = outcomeOf({});
    expect(o.memcached.opsPerSec).toBeGreaterThan(o.redis.opsPerSec);
    expect(o.memcached.lostUpdates).toBeGreaterThan(0);
    expect(o.redis.lostUpdates).toBe(0);
  });

  it('truths hold over params and seeds: Redis loses nothing, get-modify-set loses with 2+ writers, cas loses nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 20 }).map((n) => n * 4),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (clients, threads, appends, cas, seed) => {
          const o = outcomeOf({ clients, threads, appends, cas }, seed);
          expect(o.redis.lostUpdates).toBe(0);
          if (cas) expect(o.memcached.lostUpdates).toBe(0);
          else if (clients > 1) expect(o.memcached.lostUpdates).toBeGreaterThan(0);
          // One thread saturates when the clients' demand outruns it: clients × cost > rtt + cost.
          const saturates = clients * 100 > 200 + 100;
          if (threads > 1 && saturates)
            expect(o.memcached.opsPerSec).toBeGreaterThan(o.redis.opsPerSec);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('narrates in step, quoting its numbers, and ends with a Summary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (clients, threads, cas, seed) => {
          const run = runScenario('redis-vs-memcached', {
            params: { clients, threads, cas, appends: 16 },
            seed,
          });
          expect(narrationProblems('redis-vs-memcached', run)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('same seed, same params: byte-identical trace', () => {
    const a = runScenario('redis-vs-memcached', { seed: 7 });
    const b = runScenario('redis-vs-memcached', { seed: 7 });
    expect(JSON.stringify(a.trace.entries)).toBe(JSON.stringify(b.trace.entries));
  });

  it('stays under ~150 frames at defaults', () => {
    expect(runScenario('redis-vs-memcached', { seed: 1 }).trace.frames.length).toBeLessThanOrEqual(
      150,
    );
  });

  it('a crash and restart of Memcached: restarted empty', () => {
    const run = runScenario('redis-vs-memcached', {
      seed: 1,
      interventions: [
        { tNs: 3_000_000, kind: 'crash', node: 'memcached' },
        { tNs: 3_500_000, kind: 'restart', node: 'memcached' },
      ],
    });
    const texts = run.trace.entries.flatMap((e) => (e.k === 'narrate' ? [JSON.stringify(e)] : []));
    expect(texts.some((t) => t.includes('restarted empty'))).toBe(true);
    // The page cached before the crash is gone from the node's data.
    const page = run.trace.entries.filter(
      (e) => e.k === 'data' && e.node === 'memcached' && e.key === 'page:home',
    );
    expect(page.at(-1)).toMatchObject({ value: null });
  });
});

describe('MemcachedNode', () => {
  function world(threads: number, clients: number) {
    const w = new World(1);
    const mc = w.add(new MemcachedNode(w, 'mc', { threads, requestCostNs: usToNs(100) }));
    const webs = Array.from({ length: clients }, (_, i) => {
      const a = w.add(new Actor(w, `web-${i + 1}`, 'webServer'));
      w.link(a.id, 'mc', fixed(usToNs(10)));
      return a;
    });
    return { w, mc, webs };
  }

  it('MemcachedNode runs connections on different threads in parallel, round robin', () => {
    const { w, mc, webs } = world(4, 4);
    const doneAt: number[] = [];
    for (const a of webs) a.run(a.memcached('mc', 'get k\r\n'), () => doneAt.push(w.nowNs));
    w.engine.run();
    expect(mc.served).toEqual([1, 1, 1, 1]);
    // All four finish together: 10 µs there, 100 µs of work in parallel, 10 µs back.
    expect(new Set(doneAt)).toEqual(new Set([usToNs(120)]));
  });

  it('MemcachedNode with one thread serves connections one after another', () => {
    const { w, webs } = world(1, 3);
    const doneAt: number[] = [];
    for (const a of webs) a.run(a.memcached('mc', 'get k\r\n'), () => doneAt.push(w.nowNs));
    w.engine.run();
    expect(doneAt).toEqual([usToNs(120), usToNs(220), usToNs(320)]);
  });

  it('MemcachedNode answers with the store and restarts empty after a crash', () => {
    const { w, mc, webs } = world(2, 1);
    const replies: (string | null)[] = [];
    const a = webs[0];
    a.run(
      (function* () {
        replies.push(yield* a.memcached('mc', 'set k 0 0 1\r\nv\r\n'));
        replies.push(yield* a.memcached('mc', 'get k\r\n'));
      })(),
    );
    w.engine.run();
    mc.crash();
    mc.restart();
    a.run(
      (function* () {
        replies.push(yield* a.memcached('mc', 'get k\r\n'));
      })(),
    );
    w.engine.run();
    expect(replies).toEqual(['STORED\r\n', 'VALUE k 0 1\r\nv\r\nEND\r\n', 'END\r\n']);
  });
});
