import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { sameReply } from './compare';
import { Gen } from './generator';
import { useRedis } from './useRedis';

const COMMANDS = Number(process.env.REDIS_DIFF_COMMANDS ?? 8000);
const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240601);
/** Kept out of MULTI blocks: their order or timing inside EXEC cannot be normalized. */
const NOT_IN_MULTI = new Set(['TTL', 'PTTL', 'SMEMBERS', 'SINTER', 'KEYS', 'FLUSHALL']);

const redis = useRedis();

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  store: string;
}

describe('store vs redis-server 7.0, random commands', () => {
  it(`answers ${COMMANDS} seeded random commands byte for byte like redis-server`, async () => {
    const gen = new Gen(SEED, Math.floor(Date.now() / 1000));
    const store = createRedisStore({ config: { save: '' } });
    const mismatches: Mismatch[] = [];
    let step = 0;
    const run = async (argv: string[]): Promise<void> => {
      const nowMs = Date.now();
      const mine = encodeResp(store.exec(argv, { nowMs }));
      const real = await redis.conn.command(argv);
      if (!sameReply(argv, real, mine)) mismatches.push({ step, argv, redis: real, store: mine });
      step++;
    };
    await run(['FLUSHALL']);
    while (step < COMMANDS) {
      if (gen.chance(0.05)) {
        await run(['MULTI']);
        const n = gen.int(5);
        for (let i = 0; i < n; i++) {
          let argv = gen.command(true);
          while (NOT_IN_MULTI.has(argv[0].toUpperCase())) argv = gen.command(true);
          await run(argv);
          if (gen.chance(0.05)) await run(['MULTI']);
        }
        await run([gen.chance(0.85) ? 'EXEC' : 'DISCARD']);
      } else if (gen.chance(0.01)) {
        await run([gen.pick(['EXEC', 'DISCARD'])]);
      } else {
        await run(gen.command());
      }
    }
    // The final dataset must agree too.
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']) {
      await run(['TYPE', key]);
      await run(['PTTL', key]);
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
    expect(mismatches.length, `${mismatches.length} mismatches:\n${report}`).toBe(0);
  }, 120_000);
});
