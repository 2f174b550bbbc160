import { createRedisStore, encodeResp, type RedisStore } from '../../src/sim/redis';
import { RespConnection, startRedis, type RedisProcess } from './redisServer';

let server: RedisProcess;
const conns = new Map<string, RespConnection>();
let store: RedisStore;

beforeAll(async () => {
  server = await startRedis();
  for (const id of ['A', 'B', 'C']) conns.set(id, await RespConnection.open(server.port));
});

afterAll(async () => {
  for (const c of conns.values()) c.close();
  await server?.stop();
});

/**
 * Frames the real connection got, concatenated: the first within `firstMs`, each
 * next within `ms`. When the store says something is due, pass a long firstMs: on
 * a loaded machine a short window once read a late reply as none.
 */
async function drain(id: string, ms = 80, firstMs = ms): Promise<string> {
  let out = '';
  for (let wait = firstMs; ; wait = ms) {
    const f = await conns.get(id)!.next(wait);
    if (f === null) return out;
    out += f;
  }
}

/** A generous wait for a frame the store says is due. */
const DUE_MS = 10_000;
const due = (expected: string) => (expected ? DUE_MS : 80);

/** Pushes the store delivered to one client, as RESP. */
function storePushes(
  id: string,
  all: { client: string; reply: import('../../src/sim/redis').Reply }[],
): string {
  return all
    .filter((p) => p.client === id)
    .map((p) => encodeResp(p.reply))
    .join('');
}

/** Sends on both sides and returns [redis bytes, store bytes] for the sender. */
async function both(id: string, argv: string[], nowMs = Date.now()): Promise<[string, string]> {
  const mine = encodeResp(store.exec(argv, { nowMs, client: id }));
  conns.get(id)!.send(argv);
  const real = await drain(id, 80, due(mine));
  return [real, mine];
}

describe('pub/sub and BRPOP vs redis-server 7.0 (two connections)', () => {
  beforeEach(() => {
    store = store ?? createRedisStore();
  });

  it('SUBSCRIBE ch1 ch2 gives one frame per channel with the running count', async () => {
    const [real, mine] = await both('A', ['SUBSCRIBE', 'ch1', 'ch2']);
    expect(real).toBe(
      '*3\r\n$9\r\nsubscribe\r\n$3\r\nch1\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$3\r\nch2\r\n:2\r\n',
    );
    expect(mine).toBe(real);
    const [r2, m2] = await both('A', ['PSUBSCRIBE', 'ch*']);
    expect(m2).toBe(r2);
  });

  it('a subscribed client may only (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING', async () => {
    const [real, mine] = await both('A', ['GET', 'x']);
    expect(real).toContain("Can't execute 'get'");
    expect(mine).toBe(real);
    const [r2, m2] = await both('A', ['PING']);
    expect(m2).toBe(r2);
    const [r3, m3] = await both('A', ['PING', 'hi']);
    expect(m3).toBe(r3);
  });

  it('PUBLISH counts a channel and a matching pattern twice and delivers message and pmessage', async () => {
    const [real, mine] = await both('B', ['PUBLISH', 'ch1', 'hello']);
    expect(real).toBe(':2\r\n');
    expect(mine).toBe(real);
    const expected = storePushes('A', store.takePushes());
    expect(expected).toBe(await drain('A', 80, due(expected)));
    const [r2, m2] = await both('B', ['PUBLISH', 'other', 'x']);
    expect(m2).toBe(r2);
    const [r3, m3] = await both('B', ['PUBLISH', 'chX', 'y']);
    expect(m3).toBe(r3);
    const pushed = storePushes('A', store.takePushes());
    expect(pushed).toBe(await drain('A', 80, due(pushed)));
  });

  it('UNSUBSCRIBE / PUNSUBSCRIBE frames, then normal commands work again', async () => {
    for (const argv of [
      ['UNSUBSCRIBE', 'ch1'],
      ['PUNSUBSCRIBE'],
      ['UNSUBSCRIBE'],
      ['UNSUBSCRIBE'],
      ['GET', 'x'],
    ]) {
      const [real, mine] = await both('A', argv);
      expect(mine, argv.join(' ')).toBe(real);
    }
  });

  it('BRPOP blocks, then an LPUSH from another connection wakes it', async () => {
    const [real, mine] = await both('A', ['BRPOP', 'q', '0']);
    expect(real).toBe('');
    expect(mine).toBe('');
    const [r2, m2] = await both('B', ['LPUSH', 'q', 'a', 'b']);
    expect(m2).toBe(r2);
    const expectedWoke = storePushes('A', store.takePushes());
    const woke = await drain('A', 80, due(expectedWoke));
    expect(woke).toBe('*2\r\n$1\r\nq\r\n$1\r\na\r\n');
    expect(expectedWoke).toBe(woke);
    const [r3, m3] = await both('B', ['LRANGE', 'q', '0', '-1']);
    expect(m3).toBe(r3);
  });

  it('BRPOP wakes blocked clients in arrival order', async () => {
    await both('A', ['BRPOP', 'q2', '0']);
    await both('C', ['BRPOP', 'q2', 'q3', '0']);
    await both('B', ['RPUSH', 'q3', 'x']);
    const toC = storePushes('C', store.takePushes());
    expect(toC).toBe(await drain('C', 80, due(toC)));
    await both('B', ['RPUSH', 'q2', 'y', 'z']);
    const toA = storePushes('A', store.takePushes());
    expect(toA).toBe(await drain('A', 80, due(toA)));
    const [r, m] = await both('B', ['LRANGE', 'q2', '0', '-1']);
    expect(m).toBe(r);
  });

  it('BRPOP times out with *-1', async () => {
    const t0 = Date.now();
    const [real, mine] = await both('A', ['BRPOP', 'empty', '0.2'], t0);
    expect(real).toBe('');
    expect(mine).toBe('');
    const late = await drain('A', 1000);
    expect(late).toBe('*-1\r\n');
    expect(store.tick(t0 + 100)).toEqual([]);
    expect(store.takePushes()).toEqual([]);
    store.tick(t0 + 400);
    expect(storePushes('A', store.takePushes())).toBe(late);
  });

  it('BRPOP errors and non-blocking cases match', async () => {
    for (const [id, argv] of [
      ['B', ['SET', 's', '1']],
      ['A', ['BRPOP', 's', '0']],
      ['A', ['BRPOP', 'q', '-1']],
      ['A', ['BRPOP', 'q', 'abc']],
      ['A', ['BRPOP', 'q']],
      ['A', ['MULTI']],
      ['A', ['BRPOP', 'nothing', '0']],
      ['A', ['EXEC']],
      ['A', ['BRPOP', 'q', '0']],
    ] as [string, string[]][]) {
      const [real, mine] = await both(id, argv);
      expect(mine, argv.join(' ')).toBe(real);
    }
  });
});

describe('QUIT vs redis-server 7.0', () => {
  it('QUIT replies +OK, closes the connection, and its subscriptions stop counting in PUBLISH', async () => {
    const real = await startRedis();
    const sub = await RespConnection.open(real.port);
    const pub = await RespConnection.open(real.port);
    const s = createRedisStore();
    const send = async (c: RespConnection, argv: string[]): Promise<string> => {
      c.send(argv);
      // Each of these commands replies: wait for the first frame as long as load needs.
      let out = '';
      for (let f = await c.next(DUE_MS); f !== null; f = await c.next(80)) out += f;
      return out;
    };
    const mine = (client: string, argv: string[]) => encodeResp(s.exec(argv, { nowMs: 0, client }));
    try {
      expect(mine('sub', ['SUBSCRIBE', 'room'])).toBe(await send(sub, ['SUBSCRIBE', 'room']));
      expect(mine('pub', ['PUBLISH', 'room', 'hi'])).toBe(
        await send(pub, ['PUBLISH', 'room', 'hi']),
      );
      const expected = s
        .takePushes()
        .map((p) => encodeResp(p.reply))
        .join('');
      let pushed = '';
      for (let f = await sub.next(due(expected)); f !== null; f = await sub.next(80)) pushed += f;
      expect(expected).toBe(pushed);
      expect(mine('sub', ['QUIT'])).toBe(await send(sub, ['QUIT']));
      const after = await send(pub, ['PUBLISH', 'room', 'gone?']);
      expect(after).toBe(':0\r\n');
      expect(mine('pub', ['PUBLISH', 'room', 'gone?'])).toBe(after);
    } finally {
      sub.close();
      pub.close();
      await real.stop();
    }
  });
});
