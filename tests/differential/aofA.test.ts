import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisStore, parseCommands, type RedisStore } from '../../src/sim/redis';
import { aofFlushed } from './aofFlushed';
import { dumpRedis, dumpStore } from './dataset';
import { GenA } from './generatorA';
import { parseResp, RespConnection, startRedis, type RedisProcess } from './redisServer';

// The AOF round trip for the commands of generatorA (GETEX, SETEX,
// INCRBYFLOAT, HINCRBYFLOAT, COPY, RENAME, SETRANGE...): the store must log
// the same effects as redis-server, and its log must load back in both.

const started: RedisProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const s of started) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Commands whose replies or effects depend on chance: kept out of the log workload. */
const SKIP = new Set(['RANDOMKEY', 'HRANDFIELD']);

async function workload(
  seed: number,
  n: number,
): Promise<{ store: RedisStore; server: RedisProcess; conn: RespConnection }> {
  const server = await startRedis(['--save', '', '--appendonly', 'yes']);
  started.push(server);
  const conn = await RespConnection.open(server.port);
  const store = createRedisStore({ config: { save: '', appendonly: 'yes' } });
  const gen = new GenA(seed, Math.floor(Date.now() / 1000));
  const next = (inMulti: boolean): string[] => {
    let argv = gen.command(inMulti);
    while (SKIP.has(argv[0].toUpperCase())) argv = gen.command(inMulti);
    return argv;
  };
  const run = async (argv: string[]) => {
    store.exec(argv, { nowMs: Date.now() });
    await conn.command(argv);
  };
  for (let i = 0; i < n; i++) {
    if (gen.chance(0.05)) {
      await run(['MULTI']);
      for (let j = gen.int(4); j > 0; j--) await run(next(true));
      await run(['EXEC']);
    } else await run(next(false));
  }
  return { store, server, conn };
}

async function loadIntoRedis(aof: string): Promise<RespConnection> {
  const dir = mkdtempSync(join(tmpdir(), 'speed-layer-aof-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'appendonly.aof'), aof);
  const server = await startRedis(
    ['--save', '', '--appendonly', 'yes', '--appendfilename', 'appendonly.aof'],
    dir,
  );
  started.push(server);
  return RespConnection.open(server.port);
}

/** Absolute times differ by the ms between the two clocks: compared in seconds. */
function maskTimes(cmds: string[][]): string[][] {
  return cmds.map((c) =>
    c.map((a, i) => {
      const prev = (c[i - 1] ?? '').toUpperCase();
      return (prev === 'PXAT' || (c[0].toUpperCase() === 'PEXPIREAT' && i === 2)) &&
        /^\d{13,}$/.test(a)
        ? `~${Math.round(Number(a) / 1000)}`
        : a;
    }),
  );
}

describe('exportAof vs redis-server 7.0 for strings, keyspace and hash commands', () => {
  it('propagates the same effects redis-server writes to its AOF', async () => {
    const { store, server, conn } = await workload(17, 3000);
    const info = parseResp(await conn.command(['INFO', 'persistence'])) as string;
    await aofFlushed(conn);
    conn.close();
    expect(String(store.dirty)).toBe(/rdb_changes_since_last_save:(\d+)/.exec(info)![1]);
    const incr = readdirSync(join(server.dir, 'appendonlydir')).find((f) =>
      f.endsWith('.incr.aof'),
    )!;
    const real = parseCommands(
      readFileSync(join(server.dir, 'appendonlydir', incr), 'utf8'),
    ).commands;
    const mine = store.takePropagated();
    const a = maskTimes(real);
    const b = maskTimes(mine);
    const firstDiff = a.findIndex((c, i) => JSON.stringify(c) !== JSON.stringify(b[i]));
    const detail = `first difference at ${firstDiff}: redis ${JSON.stringify(real.slice(firstDiff, firstDiff + 3))} store ${JSON.stringify(mine.slice(firstDiff, firstDiff + 3))}`;
    expect(b.length, detail).toBe(a.length);
    expect(firstDiff, detail).toBe(-1);
    const names = new Set(real.map((c) => c[0].toUpperCase()));
    for (const n of ['SET', 'PEXPIREAT', 'DEL', 'HSET', 'COPY', 'RENAME', 'SETRANGE', 'APPEND']) {
      expect(names.has(n), `${n} in the log`).toBe(true);
    }
  }, 90_000);

  it('writes an AOF log that redis-server (and the store) load to the same data', async () => {
    const { store, conn } = await workload(18, 3000);
    const live = await dumpRedis(conn);
    conn.close();
    const aof = store.exportAof();
    const loaded = await loadIntoRedis(aof);
    const fromAof = await dumpRedis(loaded);
    loaded.close();
    const mine = dumpStore(store, Date.now());
    expect(mine.size).toBeGreaterThan(0);
    expect([...fromAof]).toEqual([...mine]);
    expect([...live]).toEqual([...mine]);
    const copy = createRedisStore();
    expect(copy.loadAof(aof, Date.now()).truncated).toBe(false);
    expect([...dumpStore(copy, Date.now())]).toEqual([...mine]);
  }, 90_000);
});
