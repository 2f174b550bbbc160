import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { useRedis } from './useRedis';

const redis = useRedis();

/** Runs each command on the store and on redis-server; returns both reply lists. */
async function both(script: string[][]): Promise<{ real: string[]; mine: string[] }> {
  await redis.conn.command(['FLUSHALL']);
  const store = createRedisStore({ config: { save: '' } });
  const real: string[] = [];
  const mine: string[] = [];
  for (const argv of script) {
    real.push(await redis.conn.command(argv));
    mine.push(encodeResp(store.exec(argv, { nowMs: Date.now() })));
  }
  return { real, mine };
}

const w = (line: string) => line.split(' ');

describe('boundaries vs redis-server 7.0', () => {
  it('ZADD GT/LT with an equal score: no update, and INCR answers nil', async () => {
    const script = [
      'ZADD z 5 m',
      // GT INCR 0: the new score 5 is not greater than 5, so nothing happens: nil.
      'ZADD z GT INCR 0 m',
      'ZADD z LT INCR 0 m',
      'ZADD z GT INCR 1 m',
      'ZADD z LT INCR -1 m',
      'ZADD z GT CH 5 m',
      'ZADD z LT CH 5 m',
      'ZADD z GT CH 6 m',
      'ZADD z LT CH 6 m',
      'ZADD z XX INCR 0 m',
      'ZADD z XX GT INCR 0 nope',
      'ZADD z GT INCR 0 new',
      'ZSCORE z m',
      'ZSCORE z new',
    ].map(w);
    const { real, mine } = await both(script);
    // The documented answer, so this test cannot agree with a broken redis-server by accident.
    expect(real[1]).toBe('$-1\r\n');
    expect(mine).toEqual(real);
  });

  it('PEXPIREAT GT/LT with an equal deadline: no change (absolute times, so no clock skew)', async () => {
    const at = '99999999999000';
    const script = [
      `SET k v PXAT ${at}`,
      `PEXPIREAT k ${at} GT`,
      `PEXPIREAT k ${at} LT`,
      `PEXPIREAT k ${at} NX`,
      `PEXPIREAT k ${at} XX`,
      `PEXPIREAT k ${Number(at) + 1} GT`,
      `PEXPIREAT k ${at} LT`,
      'PEXPIRETIME k',
      'SET k v2 GET KEEPTTL',
      'PEXPIRETIME k',
    ].map(w);
    const { real, mine } = await both(script);
    expect(real[1]).toBe(':0\r\n');
    expect(mine).toEqual(real);
  });
});
