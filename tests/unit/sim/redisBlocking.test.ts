import {
  Actor,
  fixed,
  pushLabel,
  RedisNode,
  World,
  type Packet,
  type Proc,
} from '../../../src/sim';
import type { Reply } from '../../../src/sim';

/** A Redis node and three clients 10 µs away; pushes land in `pushes`. */
function setup() {
  const w = new World(7);
  w.add(new RedisNode(w, 'redis', { commandCostNs: 1000 }));
  const pushes: Packet[] = [];
  const actors = ['a', 'b', 'c'].map((id) =>
    w.add(new Actor(w, id, 'worker', { onPush: (p) => pushes.push(p) })),
  );
  for (const a of actors) w.link(a.id, 'redis', fixed(10_000));
  return { w, actors, pushes };
}

const call = (app: Actor, argv: string[], out: Reply[]): Proc<void> =>
  (function* () {
    out.push(yield* app.redis('redis', argv));
  })();

const blockedSeen = (w: World) =>
  w.entries.flatMap((e) =>
    e.k === 'data' && e.key === '#blocked'
      ? [(e.value as { client: string }[]).map((b) => b.client)]
      : [],
  );

describe('RedisNode blocking pops', () => {
  it('holds the reply, shows who waits, and serves the first to block when another client pushes', () => {
    const { w, actors, pushes } = setup();
    const [a, b, c] = actors;
    const out: Reply[] = [];
    a.run(call(a, ['BLPOP', 'jobs', '0'], out));
    w.engine.at(50_000, () => b.run(call(b, ['BZPOPMIN', 'board', 'jobs', '0'], out)));
    w.engine.at(100_000, () => c.run(call(c, ['RPUSH', 'jobs', 'j1', 'j2'], out)));
    w.engine.at(200_000, () => c.run(call(c, ['ZADD', 'board', '3', 'ada'], out)));
    w.engine.run();
    // Only the pushers got ordinary replies; the waiters were answered by pushes.
    expect(out).toEqual([
      { type: 'integer', value: '2' },
      { type: 'integer', value: '1' },
    ]);
    expect(pushes.map((p) => [p.to, p.label])).toEqual([
      ['a', 'BLPOP → jobs: j1'],
      ['b', 'BZPOPMIN → board: ada (3)'],
    ]);
    expect(blockedSeen(w)).toEqual([['a'], ['a', 'b'], ['b'], []]);
  });

  it('answers nil when the timeout passes on the simulated clock', () => {
    const { w, actors, pushes } = setup();
    const [a] = actors;
    a.run(call(a, ['BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0.25'], []));
    w.engine.run();
    expect(pushes.map((p) => p.label)).toEqual(['BLMOVE timed out (nil)']);
    // Sent 10 µs + 1 µs of work, timed out by the first 100 ms cron tick after 250 ms.
    expect(pushes[0].sentNs).toBeGreaterThanOrEqual(250_000_000 + 11_000);
    expect(pushes[0].sentNs).toBeLessThanOrEqual(350_000_000 + 11_000);
  });

  it.each([
    [{ type: 'bulk', value: 'x' }, 'BLMOVE', 'BLMOVE → x'],
    [
      {
        type: 'array',
        value: [
          { type: 'bulk', value: 'q' },
          {
            type: 'array',
            value: [
              { type: 'bulk', value: 'a' },
              { type: 'bulk', value: 'b' },
            ],
          },
        ],
      },
      'BLMPOP',
      'BLMPOP → q: a, b',
    ],
    [{ type: 'array', value: null }, 'BZMPOP', 'BZMPOP timed out (nil)'],
  ] as [Reply, string, string][])('pushLabel(%o, %s) is %s', (reply, cmd, label) => {
    expect(pushLabel(reply, cmd)).toBe(label);
  });
});
