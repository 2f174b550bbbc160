import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { RespConnection, startRedis } from './redisServer';
// Hand-picked corners the seeded generator rarely or never reaches: LONG_MIN
// ranks, numkeys beyond the arguments, SCAN options, -0 and inf*0 weights.
it('answers hand-picked list/set/zset corner cases byte for byte like redis-server', async () => {
  const s = await startRedis();
  const c = await RespConnection.open(s.port);
  const store = createRedisStore();
  const lines = [
    'RPUSH l a b a c a',
    'LPOS l a RANK -9223372036854775807',
    'LPOS l a RANK -9223372036854775808',
    'LPOS l a COUNT 0 MAXLEN 3',
    'ZADD z 1 a 2 b 0 c',
    'ZINTERCARD 0 z',
    'ZUNIONSTORE d 0 z',
    'ZINTERCARD 2 z',
    'ZINTER 1 z WITHSCORES LIMIT 1',
    'SADD s 1 2 3',
    'SINTERCARD 9 s',
    'SSCAN s +0',
    'SSCAN s 0 TYPE set',
    'ZSCAN z 0 TYPE zset',
    'ZSCAN z 0 COUNT 0',
    'LMPOP 100 l LEFT',
    'ZRANGEBYLEX z - + WITHSCORES',
    'ZRANGESTORE d z 0 -1 WITHSCORES',
    'ZRANDMEMBER z 4611686018427387904 WITHSCORES',
    'ZRANDMEMBER z -4611686018427387903 x',
    'BLPOP l 1e-400',
    'ZUNION 2 z s WITHSCORES',
    'ZUNION 2 z s WEIGHTS -0 1 WITHSCORES',
    'ZINTER 2 z z WEIGHTS inf 0 WITHSCORES',
    'ZUNION 2 z z AGGREGATE MIN WEIGHTS 1 -1 WITHSCORES',
    'ZDIFF 2 z s WITHSCORES',
    'ZDIFF 1 z WEIGHTS 1',
    'ZADD n 0 a',
    'ZUNION 1 n WEIGHTS -1 WITHSCORES',
    'ZUNIONSTORE n2 1 n WEIGHTS -1',
    'ZRANGE n2 0 -1 WITHSCORES',
    'SPOP s 0',
    'SPOP s -1',
    'SPOP s 1 2',
    'SRANDMEMBER s 1 2',
    'LINSERT l BEFORE nope x',
    'LSET nokey 0 x',
    'LINDEX l x',
    'SMOVE s s 1',
    'SMOVE s t 9',
    'ZREMRANGEBYLEX z [a (a',
    'ZLEXCOUNT z + -',
    'BZPOPMIN z -0.0001x',
    'ZPOPMIN z 1 2',
    'ZMPOP 1 z MIN COUNT 1 COUNT 2',
    'BLMPOP 0 1 l LEFT COUNT 0',
  ];
  const bad: string[] = [];
  for (const l of lines) {
    const argv = l.split(' ');
    const mine = encodeResp(store.exec(argv, { nowMs: Date.now() }));
    const real = await c.command(argv);
    if (mine !== real)
      bad.push(`${l}\n  redis ${JSON.stringify(real)}\n  store ${JSON.stringify(mine)}`);
  }
  c.close();
  await s.stop();
  expect(bad.join('\n')).toBe('');
}, 30_000);
