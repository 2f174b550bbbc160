import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { sameReply } from './compare';
import { useRedis } from './useRedis';
import { DRIVES } from './workloads';

const COMMANDS = Number(process.env.REDIS_DIFF_COMMANDS ?? 8000);
const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240601);

const redis = useRedis();

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  store: string;
}

describe('store vs redis-server 7.0, random commands', () => {
  it(`answers ${COMMANDS} seeded random commands byte for byte like redis-server`, async () => {
    const store = createRedisStore({ config: { save: '' } });
    const mismatches: Mismatch[] = [];
    let step = 0;
    const steps = await DRIVES.commands(SEED, Math.floor(Date.now() / 1000), COMMANDS, {
      step: async (argv) => {
        const nowMs = Date.now();
        const mine = encodeResp(store.exec(argv, { nowMs }));
        const real = await redis.conn.command(argv);
        if (!sameReply(argv, real, mine)) mismatches.push({ step, argv, redis: real, store: mine });
        step++;
      },
      scan: () => Promise.reject(new Error('this workload has no SCAN passes')),
    });
    const report = mismatches
      .slice(0, 40)
      .map(
        (m) =>
          `#${m.step} ${JSON.stringify(m.argv)}\n  redis: ${JSON.stringify(m.redis)}\n  store: ${JSON.stringify(m.store)}`,
      )
      .join('\n');
    expect(steps).toBeGreaterThanOrEqual(COMMANDS);
    expect(mismatches.length, `${mismatches.length} mismatches:\n${report}`).toBe(0);
  }, 120_000);
});
