import { createRedisStore, encodeResp, type RedisStore } from '../../src/sim/redis';
import { parseResp, RespConnection, startRedis, type RedisProcess } from './redisServer';

// Real waits against a real redis-server, compared with the store advanced by
// the same time. Both read the same wall clock, so each check holds whatever
// the load: "gone" is checked only once the client's clock is past the latest
// possible deadline, and "still there" only counts when the reply came back
// before the earliest possible one (else the trial is repeated, see `trial`).

let server: RedisProcess;
let conn: RespConnection;

beforeAll(async () => {
  // DEBUG SET-ACTIVE-EXPIRE needs the DEBUG command, off by default since 7.0.
  server = await startRedis([
    '--save',
    '',
    '--appendonly',
    'no',
    '--enable-debug-command',
    'local',
  ]);
  conn = await RespConnection.open(server.port);
});

afterAll(async () => {
  conn?.close();
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const int = (frame: string) => Number((parseResp(frame) as { int: string }).int);

async function sleepUntil(ms: number): Promise<void> {
  while (Date.now() < ms) await sleep(Math.max(1, ms - Date.now()));
}

/** Sends a command; returns its reply and the client clock just before and after. */
async function timed(argv: string[]): Promise<{ reply: string; t0: number; t1: number }> {
  const t0 = Date.now();
  const reply = await conn.command(argv);
  return { reply, t0, t1: Date.now() };
}

/**
 * Repeats a timing trial until the machine was quick enough for its "before
 * the deadline" checks to mean something (each attempt says whether it was);
 * a trial that never gets a quick enough run fails loudly.
 */
async function trial(name: string, attempt: () => Promise<boolean>, tries = 8): Promise<void> {
  for (let i = 0; i < tries; i++) if (await attempt()) return;
  throw new Error(`${name}: the machine was too slow for a meaningful run ${tries} times in a row`);
}

function store(): RedisStore {
  return createRedisStore({ config: { save: '' } });
}

describe('expiry timing vs redis-server 7.0 (real waits)', () => {
  it('SET PX: the key exists before its deadline, PTTL counts down, and it is gone after', async () => {
    const PX = 400;
    await trial('PX exists', async () => {
      await conn.command(['FLUSHALL']);
      const sim = store();
      const set = await timed(['SET', 'k', 'v', 'PX', String(PX)]);
      sim.exec(['SET', 'k', 'v', 'PX', String(PX)], { nowMs: set.t0 });
      await sleep(PX / 4);
      const ex = await timed(['EXISTS', 'k']);
      const pttl = await timed(['PTTL', 'k']);
      // Redis's deadline lies in [set.t0 + PX, set.t1 + PX].
      if (pttl.t1 >= set.t0 + PX) return false;
      expect(ex.reply).toBe(':1\r\n');
      expect(encodeResp(sim.exec(['EXISTS', 'k'], { nowMs: ex.t0 }))).toBe(ex.reply);
      // PTTL = deadline - server now, so within these bounds:
      const lo = set.t0 + PX - pttl.t1;
      const hi = set.t1 + PX - pttl.t0;
      const real = int(pttl.reply);
      const mine = int(encodeResp(sim.exec(['PTTL', 'k'], { nowMs: pttl.t0 })));
      expect(real).toBeGreaterThanOrEqual(lo);
      expect(real).toBeLessThanOrEqual(hi);
      expect(mine).toBeGreaterThanOrEqual(lo);
      expect(mine).toBeLessThanOrEqual(hi);
      expect(mine).toBeLessThan(PX);

      // Past the latest possible deadline both have dropped it.
      await sleepUntil(set.t1 + PX + 2);
      const gone = await timed(['GET', 'k']);
      expect(gone.reply).toBe('$-1\r\n');
      expect(encodeResp(sim.exec(['GET', 'k'], { nowMs: gone.t0 }))).toBe(gone.reply);
      const after = await timed(['PTTL', 'k']);
      expect(after.reply).toBe(':-2\r\n');
      expect(encodeResp(sim.exec(['PTTL', 'k'], { nowMs: after.t0 }))).toBe(after.reply);
      return true;
    });
  });

  it('a short PX (50 ms): there at 10 ms when the machine allows, gone past 52 ms', async () => {
    await trial('PX 50', async () => {
      await conn.command(['FLUSHALL']);
      const sim = store();
      const set = await timed(['SET', 'k', 'v', 'PX', '50']);
      sim.exec(['SET', 'k', 'v', 'PX', '50'], { nowMs: set.t0 });
      await sleep(10);
      const early = await timed(['GET', 'k']);
      if (early.t1 >= set.t0 + 50) return false;
      expect(early.reply).toBe('$1\r\nv\r\n');
      expect(encodeResp(sim.exec(['GET', 'k'], { nowMs: early.t0 }))).toBe(early.reply);
      await sleepUntil(set.t1 + 52);
      const late = await timed(['GET', 'k']);
      expect(late.reply).toBe('$-1\r\n');
      expect(encodeResp(sim.exec(['GET', 'k'], { nowMs: late.t0 }))).toBe(late.reply);
      return true;
    });
  });

  it('lazy expiry only (DEBUG SET-ACTIVE-EXPIRE 0): expired keys stay in DBSIZE until touched', async () => {
    await conn.command(['FLUSHALL']);
    expect(await conn.command(['DEBUG', 'SET-ACTIVE-EXPIRE', '0'])).toBe('+OK\r\n');
    try {
      const sim = store();
      let latest = 0;
      for (const k of ['a', 'b', 'c']) {
        const set = await timed(['SET', k, 'v', 'PX', '30']);
        sim.exec(['SET', k, 'v', 'PX', '30'], { nowMs: set.t0 });
        latest = set.t1;
      }
      const keep = await timed(['SET', 'keep', 'v']);
      sim.exec(['SET', 'keep', 'v'], { nowMs: keep.t0 });
      // Wait well past every deadline: with the active cycle off nothing is removed.
      await sleepUntil(latest + 30 + 300);
      const steps: [string[], string][] = [
        [['DBSIZE'], ':4\r\n'],
        // KEYS skips expired keys without deleting them.
        [['KEYS', '*'], '*1\r\n$4\r\nkeep\r\n'],
        [['DBSIZE'], ':4\r\n'],
        [['GET', 'a'], '$-1\r\n'],
        [['DBSIZE'], ':3\r\n'],
        [['EXISTS', 'b'], ':0\r\n'],
        [['DBSIZE'], ':2\r\n'],
      ];
      for (const [argv, expected] of steps) {
        const r = await timed(argv);
        expect(r.reply, argv.join(' ')).toBe(expected);
        // The store expires only lazily between tick()s, like the server with the cycle off.
        expect(encodeResp(sim.exec(argv, { nowMs: r.t0 })), argv.join(' ')).toBe(r.reply);
      }
      // Turning the cycle back on removes the rest without any access; tick() does the same.
      expect(await conn.command(['DEBUG', 'SET-ACTIVE-EXPIRE', '1'])).toBe('+OK\r\n');
      const deadline = Date.now() + 5_000;
      let size = '';
      while (Date.now() < deadline && (size = await conn.command(['DBSIZE'])) !== ':1\r\n')
        await sleep(50);
      expect(size).toBe(':1\r\n');
      expect(sim.tick(Date.now())).toEqual(['c']);
      expect(sim.dbsize).toBe(1);
    } finally {
      await conn.command(['DEBUG', 'SET-ACTIVE-EXPIRE', '1']);
    }
  });

  it('active expiry removes expired keys without any access, like tick()', async () => {
    await conn.command(['FLUSHALL']);
    const sim = store();
    let latest = 0;
    for (let i = 0; i < 10; i++) {
      const set = await timed(['SET', `k${i}`, 'v', 'PX', '40']);
      sim.exec(['SET', `k${i}`, 'v', 'PX', '40'], { nowMs: set.t0 });
      latest = set.t1;
    }
    await sleepUntil(latest + 42);
    // The server's cron (hz 10) gets to them within a few hundred ms; poll, never touch.
    const deadline = Date.now() + 5_000;
    let size = '';
    while (Date.now() < deadline && (size = await conn.command(['DBSIZE'])) !== ':0\r\n')
      await sleep(50);
    expect(size).toBe(':0\r\n');
    expect(sim.dbsize).toBe(10);
    expect(sim.tick(Date.now()).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `k${i}`).sort(),
    );
    expect(sim.dbsize).toBe(0);
  });
});
