// Every blocking list and sorted-set command against redis-server 7.0 with
// several connections: who is served, in what order, with what reply, and
// what the server writes to its AOF for it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRedisStore, encodeResp, parseCommands, type RedisStore } from '../../src/sim/redis';
import { aofFlushed } from './aofFlushed';
import { RespConnection, startRedis, type RedisProcess } from './redisServer';

const CLIENTS = ['A', 'B', 'C'];
let server: RedisProcess;
const conns = new Map<string, RespConnection>();
let store: RedisStore;

beforeAll(async () => {
  server = await startRedis(['--save', '', '--appendonly', 'yes']);
  for (const id of CLIENTS) conns.set(id, await RespConnection.open(server.port));
  store = createRedisStore({ config: { save: '', appendonly: 'yes' } });
});

afterAll(async () => {
  for (const c of conns.values()) c.close();
  await server?.stop();
});

/** Frames the real connection got within `ms`, concatenated. */
async function drain(id: string, ms = 60): Promise<string> {
  let out = '';
  for (;;) {
    const f = await conns.get(id)!.next(ms);
    if (f === null) return out;
    out += f;
  }
}

type Step = [client: string, command: string] | [wait: number];

/**
 * Runs the steps on both sides. After each command, the sender's reply and
 * every pushed reply (a served or timed-out client) must be the same bytes.
 */
async function play(steps: Step[]): Promise<void> {
  for (const step of steps) {
    if (step.length === 1) {
      await new Promise((r) => setTimeout(r, step[0]));
      store.tick(Date.now());
    } else {
      const [id, line] = step;
      const argv = line.split(' ');
      const mine = encodeResp(store.exec(argv, { nowMs: Date.now(), client: id }));
      conns.get(id)!.send(argv);
      // A reply is awaited as one frame; "blocked" must stay silent for a moment.
      const real = mine === '' ? await drain(id) : ((await conns.get(id)!.next(5000)) ?? '');
      expect(`${id}> ${line}: ${mine}`).toBe(`${id}> ${line}: ${real}`);
    }
    const pushes = store.takePushes();
    for (const other of CLIENTS) {
      if (step.length === 2 && other === step[0]) continue;
      const mineFrames = pushes.filter((p) => p.client === other).map((p) => encodeResp(p.reply));
      const mine = mineFrames.join('');
      let real = '';
      for (let i = 0; i < mineFrames.length; i++)
        real += (await conns.get(other)!.next(5000)) ?? '';
      // Anything more that already arrived is a mismatch too.
      if (conns.get(other)!.pending() > 0) real += await drain(other, 10);
      expect(`${other} after ${step.join(' ')}: ${mine}`).toBe(
        `${other} after ${step.join(' ')}: ${real}`,
      );
    }
  }
}

describe('blocking pops vs redis-server 7.0 (three connections)', () => {
  it('BLPOP: the first client to block is served first, one element each', async () => {
    await play([
      ['A', 'BLPOP l1 5'],
      ['B', 'BLPOP l0 l1 5'],
      ['C', 'RPUSH l1 x y z'],
      ['C', 'LRANGE l1 0 -1'],
    ]);
  });

  it('BRPOP, BLMOVE and BRPOPLPUSH are served by pushes from another client', async () => {
    await play([
      ['A', 'BRPOP r1 5'],
      ['C', 'LPUSH r1 a b'],
      ['A', 'BLMOVE s1 d1 LEFT RIGHT 5'],
      ['C', 'RPUSH s1 a b'],
      ['C', 'LRANGE d1 0 -1'],
      ['B', 'BRPOPLPUSH s2 d2 5'],
      ['C', 'LPUSH s2 a b'],
      ['C', 'LRANGE d2 0 -1'],
    ]);
  });

  it('BLMPOP with COUNT takes up to COUNT from the first key that gets data', async () => {
    await play([
      ['A', 'BLMPOP 5 2 m1 m2 RIGHT COUNT 2'],
      ['B', 'BLMPOP 5 1 m2 LEFT'],
      ['C', 'RPUSH m2 a b c'],
      ['C', 'LRANGE m2 0 -1'],
    ]);
  });

  it('BZPOPMIN, BZPOPMAX and BZMPOP are served in blocking order from one ZADD', async () => {
    await play([
      ['A', 'BZPOPMIN z1 5'],
      ['B', 'BZPOPMAX z1 5'],
      ['C', 'ZADD z1 1 a 2 b 3 c'],
      ['C', 'ZRANGE z1 0 -1 WITHSCORES'],
      ['A', 'BZMPOP 5 1 z2 MAX COUNT 5'],
      ['B', 'BZMPOP 5 2 z3 z2 MIN'],
      ['C', 'ZADD z2 1 a 2 b 1.5 c'],
      ['C', 'ZADD z2 7 d'],
      ['C', 'ZRANGE z2 0 -1 WITHSCORES'],
    ]);
  });

  it('a served BLMOVE pushes to a list another client waits on (chain)', async () => {
    await play([
      ['A', 'BLMOVE c1 c2 RIGHT LEFT 5'],
      ['B', 'BLPOP c2 5'],
      ['C', 'LPUSH c1 x'],
      ['C', 'EXISTS c1 c2'],
    ]);
  });

  it('BLMOVE whose destination became the wrong type gets WRONGTYPE and pops nothing', async () => {
    await play([
      ['A', 'BLMOVE w1 w2 LEFT LEFT 5'],
      ['C', 'SET w2 str'],
      ['C', 'RPUSH w1 a'],
      ['C', 'LRANGE w1 0 -1'],
    ]);
  });

  it('a list waiter and a sorted-set waiter on one key: only the matching type is served', async () => {
    await play([
      ['A', 'BZPOPMIN y1 5'],
      ['B', 'BLPOP y1 5'],
      ['C', 'RPUSH y1 a'],
      ['C', 'DEL y1'],
      ['C', 'ZADD y1 4 m'],
      ['C', 'EXISTS y1'],
    ]);
  });

  it('pushes inside MULTI serve waiters after EXEC', async () => {
    await play([
      ['A', 'BLPOP t1 5'],
      ['C', 'MULTI'],
      ['C', 'RPUSH t1 a'],
      ['C', 'RPUSH t1 b'],
      ['C', 'EXEC'],
      ['C', 'LRANGE t1 0 -1'],
    ]);
  });

  it('inside MULTI every blocking command answers at once as if it timed out', async () => {
    await play([
      ['A', 'MULTI'],
      ['A', 'BLPOP none 0'],
      ['A', 'BRPOP none 0'],
      ['A', 'BLMOVE none x LEFT LEFT 0'],
      ['A', 'BRPOPLPUSH none x 0'],
      ['A', 'BLMPOP 0 1 none LEFT'],
      ['A', 'BZPOPMIN none 0'],
      ['A', 'BZPOPMAX none 0'],
      ['A', 'BZMPOP 0 1 none MIN'],
      ['A', 'EXEC'],
    ]);
  });

  it('waiters time out with a null array, list and sorted-set alike', async () => {
    await play([
      ['A', 'BLMOVE none2 x LEFT LEFT 0.5'],
      ['B', 'BZMPOP 0.5 1 none3 MIN'],
      [900],
      ['A', 'BRPOPLPUSH none2 x 0.3'],
      ['B', 'BLPOP none2 0.3'],
      [700],
    ]);
  });

  it('propagates served pops as redis-server writes them to its AOF', async () => {
    const dir = join(server.dir, 'appendonlydir');
    // everysec may hold the tail of the log in its buffer: wait for INFO to show it written.
    const probe = await RespConnection.open(server.port);
    await aofFlushed(probe);
    probe.close();
    const incr = readdirSync(dir).find((f) => f.endsWith('.incr.aof'))!;
    const real = parseCommands(readFileSync(join(dir, incr), 'utf8')).commands;
    const mine = store.takePropagated();
    expect(mine.length, 'commands in the AOF, store vs redis').toBe(real.length);
    expect(mine.map((c) => c.join(' '))).toEqual(real.map((c) => c.join(' ')));
    expect(real.some((c) => c[0] === 'LMOVE')).toBe(true);
    expect(real.some((c) => c[0] === 'ZPOPMIN')).toBe(true);
  });
});
