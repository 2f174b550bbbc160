// The AOF with every list, set and sorted-set command: the store logs what
// redis-server logs (served blocking pops as their plain forms, SPOP as
// SREM/DEL, *STORE as themselves), and its log loads back to the same data.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisStore, parseCommands, type RedisStore } from '../../src/sim/redis';
import { aofFlushed } from './aofFlushed';
import { dumpRedis, dumpStore } from './dataset';
import { GenB, RANDOM_EFFECT } from './generatorB';
import { parseResp, RespConnection, startRedis, type RedisProcess } from './redisServer';

const started: RedisProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const s of started) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `n` seeded commands (MULTI blocks included) through `run`. */
async function drive(
  seed: number,
  n: number,
  run: (argv: string[]) => Promise<void>,
  skip: Set<string> = new Set(),
): Promise<void> {
  const gen = new GenB(seed, Math.floor(Date.now() / 1000));
  const next = (inMulti: boolean): string[] => {
    let argv = gen.commandB(inMulti);
    while (skip.has(argv[0].toUpperCase())) argv = gen.commandB(inMulti);
    return argv;
  };
  await run(['FLUSHALL']);
  for (let i = 0; i < n; i++) {
    if (gen.chance(0.05)) {
      await run(['MULTI']);
      for (let j = gen.int(4); j > 0; j--) await run(next(true));
      await run(['EXEC']);
    } else await run(next(false));
  }
}

/** Executes on the store; a command that blocks is timed out at once (nothing is logged for it). */
function execStore(store: RedisStore, argv: string[]): void {
  const nowMs = Date.now();
  if (store.exec(argv, { nowMs }).type === 'blocked') {
    store.tick(nowMs + 600_000);
    store.takePushes();
  }
}

async function loadIntoRedis(aof: string): Promise<RespConnection> {
  const dir = mkdtempSync(join(tmpdir(), 'speed-layer-aofb-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'appendonly.aof'), aof);
  const server = await startRedis(
    ['--save', '', '--appendonly', 'yes', '--appendfilename', 'appendonly.aof'],
    dir,
  );
  started.push(server);
  return RespConnection.open(server.port);
}

describe('exportAof vs redis-server 7.0, lists, sets and sorted sets', () => {
  it('propagates the same effects and dirty count as redis-server', async () => {
    const server = await startRedis(['--save', '', '--appendonly', 'yes']);
    started.push(server);
    const conn = await RespConnection.open(server.port);
    const store = createRedisStore({ config: { save: '', appendonly: 'yes' } });
    // SPOP picks at random: its SREMs cannot match; the next test covers it.
    await drive(
      11,
      2500,
      async (argv) => {
        execStore(store, argv);
        await conn.command(argv);
      },
      RANDOM_EFFECT,
    );
    // A fixed tail, so every rewritten form is in the log at least once.
    for (const line of [
      'ZADD zs 1 a 2 b 3 c',
      'ZRANGESTORE zd zs 0 1',
      'ZRANGESTORE zd zs (1 +inf BYSCORE LIMIT 0 1',
      'ZMPOP 1 zs MAX COUNT 5',
      'RPUSH ls a b c',
      'BLMOVE ls ld RIGHT left 1',
      'BRPOPLPUSH ls ld 1',
      'BLMPOP 1 1 ls LEFT COUNT 3',
      'ZADD zs 1 a 2 b',
      'BZPOPMIN zs 1',
      'BZMPOP 1 1 zs MAX COUNT 9',
      'SADD ss a b c',
      'SPOP ss 3',
    ]) {
      execStore(store, line.split(' '));
      await conn.command(line.split(' '));
    }
    const info = parseResp(await conn.command(['INFO', 'persistence'])) as string;
    // everysec may hold the tail of the log in its buffer (up to 2 s behind a
    // background fsync): read the file only once INFO shows it all written.
    await aofFlushed(conn);
    conn.close();
    expect(String(store.dirty)).toBe(/rdb_changes_since_last_save:(\d+)/.exec(info)![1]);
    const dir = join(server.dir, 'appendonlydir');
    const incr = readdirSync(dir).find((f) => f.endsWith('.incr.aof'))!;
    const real = parseCommands(readFileSync(join(dir, incr), 'utf8')).commands.map((c) =>
      c.join(' '),
    );
    const mine = store.takePropagated().map((c) => c.join(' '));
    const firstDiff = real.findIndex((c, i) => c !== mine[i]);
    const detail = `first difference at ${firstDiff}: redis ${JSON.stringify(real.slice(firstDiff - 2, firstDiff + 3))} store ${JSON.stringify(mine.slice(firstDiff - 2, firstDiff + 3))}`;
    // Lengths first: a log cut short would otherwise pass as a prefix.
    expect(mine.length, `store ${mine.length} commands, redis ${real.length}; ${detail}`).toBe(
      real.length,
    );
    expect(firstDiff, detail).toBe(-1);
    const names = new Set(real.map((c) => c.split(' ')[0]));
    for (const n of [
      'LMOVE',
      'RPOPLPUSH',
      'ZPOPMIN',
      'ZPOPMAX',
      'ZUNIONSTORE',
      'SINTERSTORE',
      'ZRANGESTORE',
      'LPOP',
      'DEL',
    ])
      expect(names, n).toContain(n);
  }, 120_000);

  it('writes an AOF (SPOP as SREM/DEL included) that redis-server and the store load to the same data', async () => {
    const store = createRedisStore({ config: { save: '', appendonly: 'yes' } });
    await drive(12, 3000, (argv) => {
      execStore(store, argv);
      return Promise.resolve();
    });
    const aof = store.exportAof();
    const cmds = parseCommands(aof).commands.map((c) => c[0]);
    expect(cmds).toContain('SREM');
    const loaded = await loadIntoRedis(aof);
    const fromAof = await dumpRedis(loaded);
    loaded.close();
    const mine = dumpStore(store, Date.now());
    expect(mine.size).toBeGreaterThan(0);
    expect([...fromAof]).toEqual([...mine]);
    const copy = createRedisStore();
    expect(copy.loadAof(aof, Date.now()).truncated).toBe(false);
    expect([...dumpStore(copy, Date.now())]).toEqual([...mine]);
  }, 120_000);
});
