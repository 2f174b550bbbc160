import { createRedisStore, encodeResp, type RedisStore } from '../../src/sim/redis';
import { sameReplyA } from './compareA';
import { EDGES_A } from './edgesA';
import { GenA, RANDOM_REPLY } from './generatorA';
import { parseResp } from './redisServer';
import { useRedis } from './useRedis';

const COMMANDS = Number(process.env.REDIS_DIFF_COMMANDS ?? 8000);
const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240702);
/** Kept out of MULTI: random, read off a clock, or in hash-table order. */
const NOT_IN_MULTI = new Set([
  ...RANDOM_REPLY,
  'EXPIRETIME',
  'PEXPIRETIME',
  'OBJECT',
  'HKEYS',
  'HVALS',
  'HGETALL',
  'PUBSUB',
]);

const redis = useRedis();

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  store: string;
}

/** SCAN or HSCAN to the end on one side; the set of what came back. */
async function fullScan(
  send: (argv: string[]) => Promise<string>,
  head: string[],
  opts: string[],
  pairs: boolean,
): Promise<string[] | string> {
  const seen = new Set<string>();
  let cursor = '0';
  for (let calls = 0; calls < 10_000; calls++) {
    const raw = await send([...head, cursor, ...opts]);
    const v = parseResp(raw);
    if (!Array.isArray(v)) return raw;
    const [next, items] = v as [string, string[]];
    for (let i = 0; i < items.length; i += pairs ? 2 : 1) {
      seen.add(pairs ? JSON.stringify([items[i], items[i + 1]]) : items[i]);
    }
    cursor = next;
    if (cursor === '0') break;
  }
  return [...seen].sort();
}

describe('store vs redis-server 7.0: strings, keyspace, hashes, WATCH, PUBSUB', () => {
  it(`answers ${COMMANDS} seeded commands like redis-server`, async () => {
    const gen = new GenA(SEED, Math.floor(Date.now() / 1000));
    const store: RedisStore = createRedisStore({ config: { save: '' } });
    const mismatches: Mismatch[] = [];
    let step = 0;
    const view = (key: string) => store.keyView(key, Date.now());
    const keys = () => store.keys();
    const run = async (argv: string[]): Promise<void> => {
      const nowMs = Date.now();
      const mine = encodeResp(store.exec(argv, { nowMs }));
      const real = await redis.conn.command(argv);
      if (!sameReplyA(argv, real, mine, view, keys)) {
        mismatches.push({ step, argv, redis: real, store: mine });
      }
      step++;
    };
    const scanBoth = async (): Promise<void> => {
      const opts: string[] = [];
      if (gen.chance(0.5)) opts.push('COUNT', gen.pick(['1', '2', '5', '100']));
      if (gen.chance(0.3)) opts.push('MATCH', gen.pick(['k*', 'k[1-4]', '*', 'f*', '?', 'h?']));
      const hash = gen.chance(0.5);
      if (!hash && gen.chance(0.3))
        opts.push('TYPE', gen.pick(['string', 'hash', 'list', 'set', 'zset', 'none']));
      const head = hash ? ['HSCAN', gen.famKey('h')] : ['SCAN'];
      const mine = await fullScan(
        (argv) => Promise.resolve(encodeResp(store.exec(argv, { nowMs: Date.now() }))),
        head,
        opts,
        hash,
      );
      const real = await fullScan((argv) => redis.conn.command(argv), head, opts, hash);
      if (JSON.stringify(mine) !== JSON.stringify(real)) {
        mismatches.push({
          step,
          argv: [...head, '*', ...opts],
          redis: JSON.stringify(real),
          store: JSON.stringify(mine),
        });
      }
      step++;
    };
    await run(['FLUSHALL']);
    while (step < COMMANDS) {
      if (gen.chance(0.03)) await scanBoth();
      else if (gen.chance(0.05)) {
        await run(['MULTI']);
        const n = gen.int(5);
        for (let i = 0; i < n; i++) {
          let argv = gen.command(true);
          while (NOT_IN_MULTI.has(argv[0].toUpperCase())) argv = gen.command(true);
          await run(argv);
        }
        await run([gen.chance(0.85) ? 'EXEC' : 'DISCARD']);
      } else {
        await run(gen.command());
      }
    }
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'h1', 'h2', 's1', 's2']) {
      await run(['TYPE', key]);
      await run(['OBJECT', 'ENCODING', key]);
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
  }, 180_000);

  it('answers hand-picked edge cases like redis-server', async () => {
    const store = createRedisStore({ config: { save: '' } });
    const bad: string[] = [];
    const view = (key: string) => store.keyView(key, Date.now());
    for (const argv of [['FLUSHALL'], ...EDGES_A]) {
      const mine = encodeResp(store.exec(argv, { nowMs: Date.now() }));
      const real = await redis.conn.command(argv);
      if (!sameReplyA(argv, real, mine, view, () => store.keys())) {
        bad.push(
          `${JSON.stringify(argv)}\n  redis: ${JSON.stringify(real)}\n  store: ${JSON.stringify(mine)}`,
        );
      }
    }
    expect(bad.join('\n')).toBe('');
  }, 60_000);
});
