import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisStore, parseCommands, type RedisStore } from '../../src/sim/redis';
import { aofFlushed } from './aofFlushed';
import { dumpRedis, dumpStore } from './dataset';
import { Gen } from './generator';
import { parseResp, RespConnection, startRedis, type RedisProcess } from './redisServer';

const started: RedisProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const s of started) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs a seeded workload on the store and on a live server with the AOF on. */
async function workload(
  seed: number,
  n: number,
): Promise<{ store: RedisStore; server: RedisProcess; conn: RespConnection }> {
  const server = await startRedis(['--save', '', '--appendonly', 'yes']);
  started.push(server);
  const conn = await RespConnection.open(server.port);
  const store = createRedisStore({ config: { save: '', appendonly: 'yes' } });
  const gen = new Gen(seed, Math.floor(Date.now() / 1000));
  const run = async (argv: string[]) => {
    store.exec(argv, { nowMs: Date.now() });
    await conn.command(argv);
  };
  for (let i = 0; i < n; i++) {
    if (gen.chance(0.05)) {
      await run(['MULTI']);
      for (let j = gen.int(4); j > 0; j--) await run(gen.command(true));
      await run(['EXEC']);
    } else await run(gen.command());
  }
  return { store, server, conn };
}

/** Loads an AOF text into a fresh redis-server and returns a connection to it. */
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

/** Numbers that are absolute times differ by the ms between the two clocks. */
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

describe('exportAof vs redis-server 7.0', () => {
  it('propagates the same effects redis-server writes to its AOF', async () => {
    const { store, server, conn } = await workload(7, 3000);
    // Redis's dirty counter (changes since the last save) must agree as well.
    const info = parseResp(await conn.command(['INFO', 'persistence'])) as string;
    // everysec may still hold the tail of the log in its buffer.
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
    // Lengths first: a log cut short would otherwise pass as a prefix.
    expect(b.length, detail).toBe(a.length);
    expect(firstDiff, detail).toBe(-1);
    expect(a.length).toBeGreaterThan(200);
  }, 60_000);

  it('writes an AOF log that redis-server loads to the same data', async () => {
    const { store, conn } = await workload(8, 3000);
    const live = await dumpRedis(conn);
    conn.close();
    const loaded = await loadIntoRedis(store.exportAof());
    const fromAof = await dumpRedis(loaded);
    loaded.close();
    const mine = dumpStore(store, Date.now());
    expect(mine.size).toBeGreaterThan(0);
    expect([...fromAof]).toEqual([...mine]);
    expect([...live]).toEqual([...mine]);
  }, 60_000);

  it('writes a compact AOF after BGREWRITEAOF that redis-server loads to the same data', async () => {
    const { store, conn } = await workload(9, 3000);
    conn.close();
    const reply = store.exec(['BGREWRITEAOF'], { nowMs: Date.now() });
    expect(reply).toEqual({
      type: 'simple',
      value: 'Background append only file rewriting started',
    });
    store.exec(['SET', 'after-rewrite', 'v'], { nowMs: Date.now() });
    const aof = store.exportAof();
    const cmds = parseCommands(aof).commands.map((c) => c[0].toUpperCase());
    expect(
      cmds.every((c) =>
        ['SELECT', 'SET', 'RPUSH', 'SADD', 'ZADD', 'HMSET', 'PEXPIREAT'].includes(c),
      ),
    ).toBe(true);
    const loaded = await loadIntoRedis(aof);
    const fromAof = await dumpRedis(loaded);
    loaded.close();
    expect([...fromAof]).toEqual([...dumpStore(store, Date.now())]);

    // The store replays its own AOF to the same data as well.
    const copy = createRedisStore();
    const r = copy.loadAof(aof, Date.now());
    expect(r.truncated).toBe(false);
    expect([...dumpStore(copy, Date.now())]).toEqual([...dumpStore(store, Date.now())]);
  }, 60_000);
});
