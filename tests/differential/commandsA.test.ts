import { createRedisStore, encodeResp, type RedisStore } from '../../src/sim/redis';
import { sameReplyA } from './compareA';
import { fullScan } from './fullScan';
import { useRedis } from './useRedis';
import { DRIVES } from './workloads';

const COMMANDS = Number(process.env.REDIS_DIFF_COMMANDS ?? 8000);
const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240702);

const redis = useRedis();

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  store: string;
}

describe('store vs redis-server 7.0: strings, keyspace, hashes, WATCH, PUBSUB', () => {
  it(`answers ${COMMANDS} seeded commands like redis-server`, async () => {
    const store: RedisStore = createRedisStore({ config: { save: '' } });
    const mismatches: Mismatch[] = [];
    let step = 0;
    const view = (key: string) => store.keyView(key, Date.now());
    const keys = () => store.keys();
    const steps = await DRIVES.commandsA(SEED, Math.floor(Date.now() / 1000), COMMANDS, {
      step: async (argv) => {
        const nowMs = Date.now();
        const mine = encodeResp(store.exec(argv, { nowMs }));
        const real = await redis.conn.command(argv);
        if (!sameReplyA(argv, real, mine, view, keys)) {
          mismatches.push({ step, argv, redis: real, store: mine });
        }
        step++;
      },
      scan: async (head, opts, pairs) => {
        const mine = await fullScan(
          (argv) => Promise.resolve(encodeResp(store.exec(argv, { nowMs: Date.now() }))),
          head,
          opts,
          pairs,
        );
        const real = await fullScan((argv) => redis.conn.command(argv), head, opts, pairs);
        if (JSON.stringify(mine) !== JSON.stringify(real)) {
          mismatches.push({
            step,
            argv: [...head, '*', ...opts],
            redis: JSON.stringify(real),
            store: JSON.stringify(mine),
          });
        }
        step++;
      },
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
  }, 180_000);

  it('answers hand-picked edge cases like redis-server', async () => {
    const store = createRedisStore({ config: { save: '' } });
    const bad: string[] = [];
    const view = (key: string) => store.keyView(key, Date.now());
    await DRIVES.edgesA(0, 0, 0, {
      step: async (argv) => {
        const mine = encodeResp(store.exec(argv, { nowMs: Date.now() }));
        const real = await redis.conn.command(argv);
        if (!sameReplyA(argv, real, mine, view, () => store.keys())) {
          bad.push(
            `${JSON.stringify(argv)}\n  redis: ${JSON.stringify(real)}\n  store: ${JSON.stringify(mine)}`,
          );
        }
      },
      scan: () => Promise.reject(new Error('the edges have no SCAN passes')),
    });
    expect(bad.join('\n')).toBe('');
  }, 60_000);
});
