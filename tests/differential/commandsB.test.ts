import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { parseResp } from './redisServer';
import { useRedis } from './useRedis';
import { sameReplyB, type Before } from './compareB';
import { BLOCKING, GenB, RANDOM_EFFECT, RANDOM_REPLY } from './generatorB';

const COMMANDS = Number(process.env.REDIS_DIFF_B_COMMANDS ?? 6000);
const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240602);
const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];
/** Kept out of MULTI blocks: replies in hash order or drawn at random. */
const NOT_IN_MULTI = new Set([...RANDOM_REPLY, 'SMEMBERS', 'SINTER', 'SUNION', 'SDIFF']);

const redis = useRedis();

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  store: string;
}

/** The key's members (and scores) on redis-server, for checking random picks. */
async function before(key: string): Promise<Before> {
  const out: Before = new Map();
  const type = parseResp(await redis.conn.command(['TYPE', key]));
  if (type === 'set') {
    for (const m of parseResp(await redis.conn.command(['SMEMBERS', key])) as string[])
      out.set(m, null);
  } else if (type === 'zset') {
    const v = parseResp(
      await redis.conn.command(['ZRANGE', key, '0', '-1', 'WITHSCORES']),
    ) as string[];
    for (let i = 0; i < v.length; i += 2) out.set(v[i], v[i + 1]);
  }
  return out;
}

describe('store vs redis-server 7.0, lists, sets and sorted sets', () => {
  it(`answers ${COMMANDS} seeded list/set/zset commands like redis-server`, async () => {
    const gen = new GenB(SEED, Math.floor(Date.now() / 1000));
    const store = createRedisStore({ config: { save: '' } });
    const mismatches: Mismatch[] = [];
    let step = 0;
    let blocked = 0;
    const run = async (argv: string[], inMulti = false): Promise<void> => {
      const name = argv[0].toUpperCase();
      const pre = RANDOM_REPLY.has(name) && argv.length > 1 ? await before(argv[1]) : undefined;
      const nowMs = Date.now();
      const reply = store.exec(argv, { nowMs });
      const real = await redis.conn.command(argv);
      let mine: string;
      if (reply.type === 'blocked') {
        // redis-server waited out the short timeout; let the store's clock pass it too.
        blocked++;
        store.tick(nowMs + 600_000);
        const pushes = store.takePushes();
        mine = pushes.length === 1 ? encodeResp(pushes[0].reply) : `<${pushes.length} pushes>`;
      } else mine = encodeResp(reply);
      if (!sameReplyB(argv, real, mine, pre)) {
        mismatches.push({ step, argv, redis: real, store: mine });
      }
      if (RANDOM_EFFECT.has(name) && !inMulti && argv.length > 1) {
        // The popped members were random on both sides: adopt redis-server's.
        const key = argv[1];
        const type = parseResp(await redis.conn.command(['TYPE', key]));
        if (type === 'set' || type === 'none') {
          const left = await before(key);
          store.exec(['DEL', key], { nowMs });
          if (left.size > 0) store.exec(['SADD', key, ...left.keys()], { nowMs });
        }
      }
      if (process.env.REDIS_DIFF_B_TRACE && !inMulti && name !== 'MULTI') {
        for (const key of KEYS) {
          const t = parseResp(await redis.conn.command(['TYPE', key]));
          const mineType = store.keyView(key, Date.now())?.type ?? 'none';
          if (t !== mineType)
            throw new Error(
              `#${step} ${JSON.stringify(argv)}: ${key} is ${JSON.stringify(t)} in redis, ${mineType} in the store`,
            );
        }
      }
      step++;
    };
    await run(['FLUSHALL']);
    while (step < COMMANDS) {
      if (gen.chance(0.05)) {
        await run(['MULTI']);
        for (let i = gen.int(5); i > 0; i--) {
          let argv = gen.commandB(true);
          while (NOT_IN_MULTI.has(argv[0].toUpperCase())) argv = gen.commandB(true);
          await run(argv, true);
        }
        await run([gen.chance(0.9) ? 'EXEC' : 'DISCARD']);
      } else {
        let argv = gen.commandB();
        // Outside MULTI a blocking command may only wait briefly: keep them rarer.
        while (BLOCKING.has(argv[0].toUpperCase()) && gen.chance(0.5)) argv = gen.commandB();
        await run(argv);
      }
    }
    // The final dataset must agree too.
    for (const key of KEYS) {
      await run(['TYPE', key]);
      await run(['LRANGE', key, '0', '-1']);
      await run(['SMEMBERS', key]);
      await run(['ZRANGE', key, '0', '-1', 'WITHSCORES']);
    }
    await run(['DBSIZE']);
    const report = mismatches
      .slice(0, 40)
      .map(
        (m) =>
          `#${m.step} ${JSON.stringify(m.argv)}\n  redis: ${JSON.stringify(m.redis)}\n  store: ${JSON.stringify(m.store)}`,
      )
      .join('\n');
    expect(step).toBeGreaterThanOrEqual(COMMANDS);
    expect(blocked).toBeGreaterThan(0);
    expect(mismatches.length, `${mismatches.length} mismatches:\n${report}`).toBe(0);
  }, 300_000);
});
