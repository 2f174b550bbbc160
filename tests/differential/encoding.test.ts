import { createRedisStore, encodeResp, type RedisStore } from '../../src/sim/redis';
import { parseResp, RespConnection, startRedis, type RedisProcess } from './redisServer';

// OBJECT ENCODING against redis-server 7.0 around every threshold, and the
// one-way conversions: a value that went big stays big when it shrinks.

let server: RedisProcess;
let conn: RespConnection;
let store: RedisStore;
let mismatches: string[];

beforeAll(async () => {
  server = await startRedis();
  conn = await RespConnection.open(server.port);
});

afterAll(async () => {
  conn?.close();
  await server?.stop();
});

beforeEach(async () => {
  store = createRedisStore({ config: { save: '' } });
  mismatches = [];
  await run('FLUSHALL');
});

async function run(...argv: string[]): Promise<string> {
  const mine = encodeResp(store.exec(argv, { nowMs: Date.now() }));
  const real = await conn.command(argv);
  if (mine !== real) {
    const shown = argv.length > 6 ? [...argv.slice(0, 6), `…${argv.length} args`] : argv;
    mismatches.push(
      `${JSON.stringify(shown)}: redis ${real.slice(0, 80)} store ${mine.slice(0, 80)}`,
    );
  }
  return real;
}

/** OBJECT ENCODING on both sides; returns redis's answer. */
async function enc(key: string): Promise<string> {
  return parseResp(await run('OBJECT', 'ENCODING', key)) as string;
}

const range = (n: number, f: (i: number) => string[]): string[] =>
  Array.from({ length: n }, (_, i) => f(i)).flat();

describe('OBJECT ENCODING vs redis-server 7.0', () => {
  it('strings: int, embstr up to 44 bytes, raw; APPEND and SETRANGE make raw, INCR int, INCRBYFLOAT embstr', async () => {
    const seen: string[] = [];
    for (const v of [
      '123',
      '-1',
      '9223372036854775807',
      '9223372036854775808',
      '007',
      'abc',
      'x'.repeat(44),
      'x'.repeat(45),
      'é'.repeat(22),
      'é'.repeat(23),
      '',
    ]) {
      await run('SET', 's', v);
      seen.push(await enc('s'));
    }
    expect(seen).toEqual([
      'int',
      'int',
      'int',
      'embstr',
      'embstr',
      'embstr',
      'embstr',
      'raw',
      'embstr',
      'raw',
      'embstr',
    ]);
    await run('SET', 's', '5');
    await run('APPEND', 's', '1');
    expect(await enc('s')).toBe('raw');
    await run('INCR', 's');
    expect(await enc('s')).toBe('int');
    await run('SETRANGE', 's', '0', '9');
    expect(await enc('s')).toBe('raw');
    await run('INCRBYFLOAT', 's', '1');
    expect(await enc('s')).toBe('embstr');
    await run('INCRBYFLOAT', 's', '1e50');
    expect(await enc('s')).toBe('raw');
    await run('APPEND', 'fresh', '12');
    await run('SETRANGE', 'fresh2', '2', 'ab');
    await run('SETNX', 'n', '42');
    await run('SETEX', 'ex', '100', '42');
    await run('PSETEX', 'px', '100000', 'abc');
    await run('MSET', 'm1', '7', 'm2', 'y'.repeat(50));
    await run('GETSET', 'g', '8');
    for (const k of ['fresh', 'fresh2', 'n', 'ex', 'px', 'm1', 'm2', 'g']) await enc(k);
    // COPY and RENAME keep the encoding (dupStringObject / the same object).
    await run('SET', 'r', '5');
    await run('APPEND', 'r', '5');
    await run('COPY', 'r', 'r2');
    await run('RENAME', 'r', 'r3');
    expect(await enc('r2')).toBe('raw');
    expect(await enc('r3')).toBe('raw');
    for (const v of ['0', '9999', '10000', '-1', 'abc']) {
      await run('SET', 'c', v);
      await run('OBJECT', 'REFCOUNT', 'c');
    }
    // A copied small integer keeps int but is no longer the shared object.
    await run('SET', 'c', '5');
    await run('COPY', 'c', 'c2');
    await run('OBJECT', 'REFCOUNT', 'c2');
    await run('INCR', 'c2');
    await run('OBJECT', 'REFCOUNT', 'c2');
    await run('OBJECT', 'ENCODING', 'missing');
    expect(mismatches).toEqual([]);
  });

  it('sets: intset up to 512 integers, hashtable past it or with a non-integer, for good', async () => {
    await run('SADD', 'st', ...range(512, (i) => [String(i)]));
    expect(await enc('st')).toBe('intset');
    await run('SADD', 'st', '512');
    expect(await enc('st')).toBe('hashtable');
    await run('SREM', 'st', ...range(512, (i) => [String(i)]));
    expect(await enc('st')).toBe('hashtable');
    await run('SADD', 'mixed', '1', '2');
    expect(await enc('mixed')).toBe('intset');
    await run('SADD', 'mixed', 'a');
    await run('SREM', 'mixed', 'a');
    expect(await enc('mixed')).toBe('hashtable');
    await run('SADD', 'word', 'a');
    await run('SADD', 'bigint', '9223372036854775808');
    await run('SADD', 'lead', '007');
    for (const k of ['word', 'bigint', 'lead']) await enc(k);
    await run('COPY', 'mixed', 'mixed2');
    expect(await enc('mixed2')).toBe('hashtable');
    await run('DEL', 'mixed');
    await run('SADD', 'mixed', '1');
    expect(await enc('mixed')).toBe('intset');
    expect(mismatches).toEqual([]);
  });

  it('sorted sets: listpack up to 128 members of up to 64 bytes, then skiplist for good; SORT converts', async () => {
    await run('ZADD', 'z', ...range(128, (i) => [String(i), `m${i}`]));
    expect(await enc('z')).toBe('listpack');
    await run('ZADD', 'z', '1000', 'one-more');
    expect(await enc('z')).toBe('skiplist');
    await run('ZREMRANGEBYSCORE', 'z', '0', '127');
    expect(await enc('z')).toBe('skiplist');
    await run('ZADD', 'long', '1', 'a'.repeat(64));
    expect(await enc('long')).toBe('listpack');
    await run('ZADD', 'long', '2', 'b'.repeat(65));
    expect(await enc('long')).toBe('skiplist');
    await run('ZADD', 'first', '1', 'c'.repeat(65));
    expect(await enc('first')).toBe('skiplist');
    await run('ZADD', 'sorted', '1', '3', '2', '1');
    expect(await enc('sorted')).toBe('listpack');
    await run('SORT', 'sorted');
    expect(await enc('sorted')).toBe('skiplist');
    await run('COPY', 'sorted', 'sorted2');
    await run('RENAME', 'long', 'long2');
    await enc('sorted2');
    await enc('long2');
    expect(mismatches).toEqual([]);
  });

  it('hashes: listpack up to 512 fields of up to 64 bytes, then hashtable for good', async () => {
    await run('HSET', 'h', ...range(512, (i) => [`f${i}`, String(i)]));
    expect(await enc('h')).toBe('listpack');
    await run('HSETNX', 'h', 'f512', 'x');
    expect(await enc('h')).toBe('hashtable');
    await run('HDEL', 'h', ...range(510, (i) => [`f${i}`]));
    expect(await enc('h')).toBe('hashtable');
    await run('HSET', 'v', 'f', 'a'.repeat(64));
    expect(await enc('v')).toBe('listpack');
    await run('HSET', 'v', 'g', 'a'.repeat(65));
    expect(await enc('v')).toBe('hashtable');
    await run('HSETNX', 'w', 'f'.repeat(65), '1');
    await run('HMSET', 'x', 'f', '1', 'g', 'é'.repeat(33));
    await run('HINCRBYFLOAT', 'y', 'f', '1.5');
    await run('HINCRBY', 'q', 'f'.repeat(70), '1');
    for (const k of ['w', 'x', 'y', 'q']) await enc(k);
    await run('COPY', 'v', 'v2');
    await run('RENAME', 'v', 'v3');
    await run('HDEL', 'v3', 'g');
    expect(await enc('v2')).toBe('hashtable');
    expect(await enc('v3')).toBe('hashtable');
    await run('RPUSH', 'l', 'a', 'b');
    expect(await enc('l')).toBe('quicklist');
    expect(mismatches).toEqual([]);
  });

  it('HSCAN and SCAN over big (hashtable) collections return every element, with COUNT as a hint', async () => {
    await run('HSET', 'big', ...range(2000, (i) => [`field:${i}`, String(i)]));
    await run('MSET', ...range(1500, (i) => [`key:${i}`, 'v']));
    const iterate = async (side: 'redis' | 'store', head: string[], opts: string[]) => {
      const seen = new Set<string>();
      let cursor = '0';
      let calls = 0;
      do {
        const argv = [...head, cursor, ...opts];
        const raw =
          side === 'redis'
            ? await conn.command(argv)
            : encodeResp(store.exec(argv, { nowMs: Date.now() }));
        const [next, items] = parseResp(raw) as [string, string[]];
        for (const it of items) seen.add(it);
        cursor = next;
        calls++;
      } while (cursor !== '0' && calls < 100_000);
      return { seen: [...seen].sort(), calls };
    };
    for (const [head, opts] of [
      [['HSCAN', 'big'], []],
      [
        ['HSCAN', 'big'],
        ['COUNT', '500', 'MATCH', 'field:1*'],
      ],
      [['SCAN'], ['COUNT', '7']],
      [['SCAN'], ['MATCH', 'key:2*', 'TYPE', 'string']],
      [['SCAN'], ['TYPE', 'hash']],
    ] as [string[], string[]][]) {
      const a = await iterate('redis', head, opts);
      const b = await iterate('store', head, opts);
      expect(b.seen, JSON.stringify([head, opts])).toEqual(a.seen);
      // Several calls, as a hashtable is walked bucket by bucket.
      if (opts.length === 0 || opts[0] === 'COUNT') expect(b.calls).toBeGreaterThan(1);
    }
  });

  it('OBJECT IDLETIME: EXISTS, TYPE, TTL and OBJECT leave the access time alone, GET resets it', async () => {
    await run('SET', 'idle', 'v');
    await new Promise((r) => setTimeout(r, 2200));
    for (const argv of [
      ['EXISTS', 'idle'],
      ['TYPE', 'idle'],
      ['TTL', 'idle'],
      ['PEXPIRETIME', 'idle'],
    ]) {
      await run(...argv);
    }
    const idle = async () => {
      const mine = encodeResp(store.exec(['OBJECT', 'IDLETIME', 'idle'], { nowMs: Date.now() }));
      const real = await conn.command(['OBJECT', 'IDLETIME', 'idle']);
      return [Number(real.slice(1)), Number(mine.slice(1))];
    };
    const [real, mine] = await idle();
    expect(real).toBeGreaterThanOrEqual(1);
    expect(Math.abs(real - mine)).toBeLessThanOrEqual(1);
    await run('GET', 'idle');
    expect(await idle()).toEqual([0, 0]);
    expect(mismatches).toEqual([]);
  });

  it('takes a 100,000-argument command', async () => {
    const args = range(50_000, (i) => [`f${i}`, 'v']);
    await run('HSET', 'huge', ...args);
    await run('HLEN', 'huge');
    await run('HMGET', 'huge', ...range(100_000, (i) => [`f${i * 3}`]));
    await run('MSET', ...range(50_000, (i) => [`m${i}`, String(i)]));
    await run('UNLINK', ...range(100_000, (i) => [`m${i}`]));
    await run('OBJECT', 'ENCODING', 'huge');
    expect(mismatches).toEqual([]);
  }, 60_000);
});
