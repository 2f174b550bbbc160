import { createRedisStore, encodeResp, type RedisStore } from '../../src/sim/redis';
import { RespConnection, startRedis, type RedisProcess } from './redisServer';

// WATCH / MULTI / EXEC across two connections: two real clients on one
// redis-server against two store clients, every reply compared byte for byte.

let server: RedisProcess;
let conns: Record<'A' | 'B', RespConnection>;

beforeAll(async () => {
  server = await startRedis();
  conns = { A: await RespConnection.open(server.port), B: await RespConnection.open(server.port) };
});

afterAll(async () => {
  conns?.A.close();
  conns?.B.close();
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A script runner: each step goes to both sides; returns what the store answered. */
function runner(store: RedisStore, mismatches: string[]) {
  return async (client: 'A' | 'B', ...argv: string[]): Promise<string> => {
    const mine = encodeResp(store.exec(argv, { nowMs: Date.now(), client }));
    const real = await conns[client].command(argv);
    if (mine !== real) {
      mismatches.push(
        `${client} ${JSON.stringify(argv)}: redis ${JSON.stringify(real)} store ${JSON.stringify(mine)}`,
      );
    }
    return real;
  };
}

/** One scenario: a fresh dataset, then `script`; the final EXEC reply is returned. */
async function scenario(
  script: (r: ReturnType<typeof runner>) => Promise<void>,
): Promise<string[]> {
  const store = createRedisStore({ config: { save: '' } });
  const mismatches: string[] = [];
  const r = runner(store, mismatches);
  await r('A', 'UNWATCH');
  await r('B', 'FLUSHALL');
  await script(r);
  return mismatches;
}

/** The other client's write that must (or must not) abort A's transaction. */
async function watchThen(
  r: ReturnType<typeof runner>,
  prepare: string[][],
  other: string[][],
  watched = ['k'],
): Promise<string> {
  for (const p of prepare) await r('B', ...p);
  await r('A', 'WATCH', ...watched);
  for (const o of other) await r('B', ...o);
  await r('A', 'MULTI');
  await r('A', 'SET', 'done', 'yes');
  return r('A', 'EXEC');
}

const NIL = '*-1\r\n';
const RAN = '*1\r\n+OK\r\n';

describe('WATCH across clients vs redis-server 7.0', () => {
  const cases: [string, string[][], string[][], string, string[]?][] = [
    ['a SET by the other client aborts', [], [['SET', 'k', '1']], NIL],
    ['no write lets EXEC run', [['SET', 'k', '1']], [['GET', 'k']], RAN],
    ['a write of the same value still aborts', [['SET', 'k', '1']], [['SET', 'k', '1']], NIL],
    ['a failed write does not abort', [['SET', 'k', 's']], [['LPUSH', 'k', 'x']], RAN],
    ['creating a watched missing key aborts', [], [['HSET', 'k', 'f', 'v']], NIL],
    ['DEL aborts', [['SET', 'k', '1']], [['DEL', 'k']], NIL],
    ['DEL of a missing key does not', [], [['DEL', 'k']], RAN],
    ['EXPIRE aborts', [['SET', 'k', '1']], [['EXPIRE', 'k', '100']], NIL],
    ['PERSIST without a TTL does not', [['SET', 'k', '1']], [['PERSIST', 'k']], RAN],
    ['APPEND aborts', [['SET', 'k', '1']], [['APPEND', 'k', 'x']], NIL],
    ['SETRANGE aborts', [['SET', 'k', 'abc']], [['SETRANGE', 'k', '1', 'x']], NIL],
    ['INCRBYFLOAT aborts', [['SET', 'k', '1']], [['INCRBYFLOAT', 'k', '0.5']], NIL],
    ['GETEX EX aborts', [['SET', 'k', '1']], [['GETEX', 'k', 'EX', '100']], NIL],
    ['plain GETEX does not', [['SET', 'k', '1']], [['GETEX', 'k']], RAN],
    ['GETDEL aborts', [['SET', 'k', '1']], [['GETDEL', 'k']], NIL],
    ['HINCRBYFLOAT aborts', [['HSET', 'k', 'f', '1']], [['HINCRBYFLOAT', 'k', 'f', '1']], NIL],
    [
      'HSETNX on an existing field does not',
      [['HSET', 'k', 'f', '1']],
      [['HSETNX', 'k', 'f', '2']],
      RAN,
    ],
    ['RENAME onto the key aborts', [['SET', 'src', '1']], [['RENAME', 'src', 'k']], NIL],
    ['RENAME away from the key aborts', [['SET', 'k', '1']], [['RENAME', 'k', 'other']], NIL],
    ['COPY onto the key aborts', [['SET', 'src', '1']], [['COPY', 'src', 'k']], NIL],
    ['MSET aborts', [], [['MSET', 'x', '1', 'k', '2']], NIL],
    ['LPUSH aborts', [], [['LPUSH', 'k', 'a']], NIL],
    ['SADD aborts', [['SADD', 'k', 'a']], [['SADD', 'k', 'b']], NIL],
    ['ZADD aborts', [], [['ZADD', 'k', '1', 'a']], NIL],
    ['a write to another key does not', [['SET', 'k', '1']], [['SET', 'j', '1']], RAN],
    ['FLUSHALL with the key present aborts', [['SET', 'k', '1']], [['FLUSHALL']], NIL],
    ['FLUSHALL without the key does not', [['SET', 'j', '1']], [['FLUSHALL']], RAN],
    ['one of several watched keys aborts', [], [['SET', 'k2', '1']], NIL, ['k', 'k2']],
  ];
  for (const [name, prepare, other, expected, watched] of cases) {
    it(name, async () => {
      let exec = '';
      const mismatches = await scenario(async (r) => {
        exec = await watchThen(r, prepare, other, watched);
      });
      expect(mismatches).toEqual([]);
      expect(exec).toBe(expected);
    });
  }

  it('a watched key that expires before EXEC aborts; one expired before WATCH does not', async () => {
    const execs: string[] = [];
    const mismatches = await scenario(async (r) => {
      await r('A', 'SET', 'k', '1', 'PX', '100');
      await r('A', 'WATCH', 'k');
      await sleep(250);
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      await r('A', 'SET', 'k', '1', 'PX', '50');
      await sleep(200);
      await r('A', 'WATCH', 'k');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      // Expired when watched, then recreated by the other client: that aborts.
      await r('A', 'SET', 'k', '1', 'PX', '50');
      await sleep(200);
      await r('A', 'WATCH', 'k');
      await r('B', 'SET', 'k', '2');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
    });
    expect(mismatches).toEqual([]);
    expect(execs).toEqual([NIL, RAN, NIL]);
  });

  it('WATCH inside MULTI is an error that does not doom the transaction', async () => {
    let exec = '';
    const mismatches = await scenario(async (r) => {
      await r('A', 'MULTI');
      const w = await r('A', 'WATCH', 'k');
      expect(w).toBe('-ERR WATCH inside MULTI is not allowed\r\n');
      await r('A', 'SET', 'done', 'yes');
      exec = await r('A', 'EXEC');
      await r('A', 'WATCH');
    });
    expect(mismatches).toEqual([]);
    expect(exec).toBe(RAN);
  });

  it('UNWATCH, DISCARD and EXEC forget the watched keys', async () => {
    const execs: string[] = [];
    const mismatches = await scenario(async (r) => {
      await r('A', 'WATCH', 'k');
      await r('A', 'UNWATCH');
      await r('B', 'SET', 'k', '1');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      await r('A', 'WATCH', 'k');
      await r('A', 'MULTI');
      await r('A', 'DISCARD');
      await r('B', 'SET', 'k', '2');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      await r('A', 'WATCH', 'k');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      await r('B', 'SET', 'k', '3');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      // A touched watch that is then discarded leaves nothing behind.
      await r('A', 'WATCH', 'k');
      await r('B', 'SET', 'k', '4');
      await r('A', 'MULTI');
      await r('A', 'DISCARD');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
    });
    expect(mismatches).toEqual([]);
    expect(execs).toEqual([RAN, RAN, RAN, RAN, RAN]);
  });

  it('a queueing error wins over a touched watch (EXECABORT), and own writes before MULTI abort', async () => {
    const execs: string[] = [];
    const mismatches = await scenario(async (r) => {
      await r('A', 'WATCH', 'k');
      await r('B', 'SET', 'k', '1');
      await r('A', 'MULTI');
      await r('A', 'NOSUCHCOMMAND');
      execs.push(await r('A', 'EXEC'));
      await r('A', 'WATCH', 'k');
      await r('A', 'SET', 'k', 'mine');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
      // Watching again after being dirtied is a no-op until UNWATCH/EXEC.
      await r('A', 'WATCH', 'k');
      await r('B', 'SET', 'k', '1');
      await r('A', 'WATCH', 'j');
      await r('A', 'MULTI');
      await r('A', 'SET', 'done', 'yes');
      execs.push(await r('A', 'EXEC'));
    });
    expect(mismatches).toEqual([]);
    expect(execs[0]).toMatch(/^-EXECABORT/);
    expect(execs.slice(1)).toEqual([NIL, NIL]);
  });
});
