import { createRedisStore, encodeResp } from '../../src/sim/redis';
import { parseResp } from './redisServer';
import { useRedis } from './useRedis';
import { readBefore, readLeft, sameReplyB } from './compareB';
import { RANDOM_EFFECT, RANDOM_REPLY } from './generatorB';
import { DRIVES } from './workloads';

const COMMANDS = Number(process.env.REDIS_DIFF_B_COMMANDS ?? 6000);
const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240602);
const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];

const redis = useRedis();

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  store: string;
}

describe('store vs redis-server 7.0, lists, sets and sorted sets', () => {
  it(`answers ${COMMANDS} seeded list/set/zset commands like redis-server`, async () => {
    const store = createRedisStore({ config: { save: '' } });
    const send = (argv: string[]) => redis.conn.command(argv);
    const mismatches: Mismatch[] = [];
    let step = 0;
    let blocked = 0;
    const run = async (argv: string[], inMulti: boolean): Promise<void> => {
      const name = argv[0].toUpperCase();
      const pre =
        RANDOM_REPLY.has(name) && argv.length > 1 ? await readBefore(send, argv[1]) : undefined;
      const nowMs = Date.now();
      const reply = store.exec(argv, { nowMs });
      const real = await send(argv);
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
        const left = await readLeft(send, argv[1]);
        if (left) {
          store.exec(['DEL', argv[1]], { nowMs });
          if (left.length > 0) store.exec(['SADD', argv[1], ...left], { nowMs });
        }
      }
      if (process.env.REDIS_DIFF_B_TRACE && !inMulti && name !== 'MULTI') {
        for (const key of KEYS) {
          const t = parseResp(await send(['TYPE', key]));
          const mineType = store.keyView(key, Date.now())?.type ?? 'none';
          if (t !== mineType)
            throw new Error(
              `#${step} ${JSON.stringify(argv)}: ${key} is ${JSON.stringify(t)} in redis, ${mineType} in the store`,
            );
        }
      }
      step++;
    };
    const steps = await DRIVES.commandsB(SEED, Math.floor(Date.now() / 1000), COMMANDS, {
      step: run,
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
    expect(blocked).toBeGreaterThan(0);
    expect(mismatches.length, `${mismatches.length} mismatches:\n${report}`).toBe(0);
  }, 300_000);
});
