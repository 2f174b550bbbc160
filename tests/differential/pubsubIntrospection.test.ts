import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { sameReplyA } from './compareA';
import { RespConnection, startRedis, type RedisProcess } from './redisServer';

// PUBSUB CHANNELS / NUMSUB / NUMPAT (and the SHARD* variants with no shard
// channels) while two other connections hold subscriptions.

let server: RedisProcess;
const conns = new Map<string, RespConnection>();

beforeAll(async () => {
  server = await startRedis();
  for (const id of ['A', 'B', 'C']) conns.set(id, await RespConnection.open(server.port));
});

afterAll(async () => {
  for (const c of conns.values()) c.close();
  await server?.stop();
});

/** Sends to both sides, drains the real connection, returns [redis, store]. */
async function both(
  store: ReturnType<typeof createRedisStore>,
  id: string,
  argv: string[],
): Promise<[string, string]> {
  const mine = encodeResp(store.exec(argv, { nowMs: Date.now(), client: id }));
  const c = conns.get(id)!;
  c.send(argv);
  // Every command here gets at least one reply: wait for it as long as a loaded
  // machine needs (a short window here once read a late reply as none, and the
  // next command's drain then got it). The rest of a multi-frame reply comes in
  // the same write, so a short window then suffices.
  const first = await c.next(10_000);
  if (first === null) throw new Error(`no reply to ${argv.join(' ')} within 10 s`);
  let real = first;
  for (;;) {
    const f = await c.next(80);
    if (f === null) break;
    real += f;
  }
  return [real, mine];
}

describe('PUBSUB introspection vs redis-server 7.0', () => {
  it('lists channels, counts subscribers and patterns as the server does', async () => {
    const store = createRedisStore();
    const bad: string[] = [];
    const check = async (id: string, argv: string[]) => {
      const [real, mine] = await both(store, id, argv);
      // UNSUBSCRIBE / PUNSUBSCRIBE with no argument go in hash-table order, which
      // redis-server seeds at random per process: compare the channels as a set
      // and the counts (always descending by one) as a sequence.
      if (argv.length === 1 && /^P?UNSUBSCRIBE$/.test(argv[0])) {
        const parts = (r: string) => {
          const frames = r.split('*3\r\n').filter(Boolean);
          return {
            names: frames.map((f) => f.split('\r\n')[3]).sort(),
            counts: frames.map((f) => f.split('\r\n')[4]),
          };
        };
        if (JSON.stringify(parts(real)) !== JSON.stringify(parts(mine)))
          bad.push(
            `${id} ${JSON.stringify(argv)}: redis ${JSON.stringify(real)} store ${JSON.stringify(mine)}`,
          );
        return;
      }
      if (
        !sameReplyA(
          argv,
          real,
          mine,
          () => null,
          () => [],
        )
      ) {
        bad.push(
          `${id} ${JSON.stringify(argv)}: redis ${JSON.stringify(real)} store ${JSON.stringify(mine)}`,
        );
      }
    };
    const queries = [
      ['PUBSUB', 'CHANNELS'],
      ['PUBSUB', 'CHANNELS', 'news.*'],
      ['PUBSUB', 'CHANNELS', '?'],
      ['PUBSUB', 'NUMSUB', 'news.a', 'news.b', 'x', 'news.a'],
      ['PUBSUB', 'NUMSUB'],
      ['PUBSUB', 'NUMPAT'],
      ['PUBSUB', 'SHARDCHANNELS'],
      ['PUBSUB', 'SHARDNUMSUB', 'news.a'],
      ['PUBSUB', 'HELP'],
      ['PUBSUB', 'CHANNELS', 'a', 'b'],
      ['PUBSUB', 'NUMPAT', 'x'],
      ['PUBSUB', 'nope'],
      ['PUBSUB'],
    ];
    for (const q of queries) await check('A', q);
    await check('B', ['SUBSCRIBE', 'news.a', 'news.b', 'x']);
    await check('C', ['SUBSCRIBE', 'news.a']);
    await check('C', ['PSUBSCRIBE', 'news.*', 'n*']);
    await check('B', ['PSUBSCRIBE', 'news.*']);
    for (const q of queries) await check('A', q);
    await check('B', ['UNSUBSCRIBE', 'news.b']);
    await check('C', ['PUNSUBSCRIBE', 'n*']);
    for (const q of queries.slice(0, 6)) await check('A', q);
    await check('B', ['UNSUBSCRIBE']);
    await check('B', ['PUNSUBSCRIBE']);
    await check('C', ['UNSUBSCRIBE']);
    await check('C', ['PUNSUBSCRIBE']);
    for (const q of queries.slice(0, 6)) await check('A', q);
    expect(bad).toEqual([]);
  });
});
