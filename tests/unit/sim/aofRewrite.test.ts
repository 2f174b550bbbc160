import { createRedisStore, encodeCommand, parseCommands } from '../../../src/sim/redis';
import { rewriteAof } from '../../../src/sim/redis/aof';
import type { Entry } from '../../../src/sim/redis/types';

// Oracle: the base file redis-server 7.0.15 wrote for BGREWRITEAOF with
// aof-use-rdb-preamble no (appendonlydir/appendonly.aof.N.base.aof), for the
// same data: `*2 SELECT 0`, then per key SET / RPUSH / HMSET / ZADD score member
// / SADD, lists and sets cut every 64 items (AOF_REWRITE_ITEMS_PER_CMD),
// hashes and sorted sets every 64 pairs, and a PEXPIREAT after a key with a
// TTL. Redis writes the keys in dict order; the test compares key by key.
// A key is expired when now > its deadline (db.c keyIsExpired): the rewrite
// leaves out keys already expired and keeps one due exactly now.

const c = (...argv: string[]) => encodeCommand(argv);
const nums = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('rewriteAof (BGREWRITEAOF without the RDB preamble)', () => {
  it('writes SELECT 0, then one command per key, big ones cut every 64 items, TTLs as PEXPIREAT', () => {
    const s = createRedisStore();
    const run = (...argv: string[]) => s.exec(argv, { nowMs: 1_000, client: 'c' });
    run('SET', 's', 'v');
    run('RPUSH', 'l', ...nums(1, 65));
    run('HSET', 'h', 'f1', 'v1');
    run('ZADD', 'z', '1.5', 'a', '2', 'b');
    run('SADD', 'st', 'x');
    run('SET', 't', 'v', 'PXAT', '1796282659913');
    const fields = nums(1, 65).flatMap((n) => [`f${n}`, `v${n}`]);
    run('HSET', 'bigh', ...fields);
    const zitems = nums(1, 65).flatMap((n) => [n, `m${n}`]);
    run('ZADD', 'bigz', ...zitems);
    run('SADD', 'bigs', ...nums(1, 65).map((n) => `s${n}`));
    run('BGREWRITEAOF');
    const aof = s.exportAof();
    const blocks: Record<string, string> = {
      s: c('SET', 's', 'v'),
      l: c('RPUSH', 'l', ...nums(1, 64)) + c('RPUSH', 'l', '65'),
      h: c('HMSET', 'h', 'f1', 'v1'),
      z: c('ZADD', 'z', '1.5', 'a', '2', 'b'),
      st: c('SADD', 'st', 'x'),
      t: c('SET', 't', 'v') + c('PEXPIREAT', 't', '1796282659913'),
      bigh: c('HMSET', 'bigh', ...fields.slice(0, 128)) + c('HMSET', 'bigh', 'f65', 'v65'),
      bigz: c('ZADD', 'bigz', ...zitems.slice(0, 128)) + c('ZADD', 'bigz', '65', 'm65'),
    };
    expect(aof.startsWith(c('SELECT', '0'))).toBe(true);
    for (const [key, block] of Object.entries(blocks)) expect(aof, key).toContain(block);
    // What is left: the big set, 64 members in one SADD and the 65th in another.
    let rest = aof.slice(c('SELECT', '0').length);
    for (const block of Object.values(blocks)) rest = rest.replace(block, '');
    const sadds = parseCommands(rest).commands;
    expect(sadds.map((cmd) => [cmd.slice(0, 2), cmd.length - 2])).toEqual([
      [['SADD', 'bigs'], 64],
      [['SADD', 'bigs'], 1],
    ]);
    expect(sadds.flatMap((cmd) => cmd.slice(2)).sort()).toEqual(
      nums(1, 65)
        .map((n) => `s${n}`)
        .sort(),
    );
  });

  it('leaves out a key already expired, keeps one whose deadline is now', () => {
    const data = new Map<string, Entry>([
      ['gone', { type: 'string', value: '1' }],
      ['due', { type: 'string', value: '2' }],
      ['later', { type: 'string', value: '3' }],
      ['plain', { type: 'string', value: '4' }],
    ]);
    const deadline: Record<string, bigint | null> = {
      gone: 999n,
      due: 1000n,
      later: 5000n,
      plain: null,
    };
    expect(rewriteAof(data, (k) => deadline[k], 1000)).toBe(
      c('SELECT', '0') +
        c('SET', 'due', '2') +
        c('PEXPIREAT', 'due', '1000') +
        c('SET', 'later', '3') +
        c('PEXPIREAT', 'later', '5000') +
        c('SET', 'plain', '4'),
    );
  });

  it('an empty list or exactly 64 items is one command or none, as Redis never writes an empty one', () => {
    const data = new Map<string, Entry>([
      ['l', { type: 'list', value: nums(1, 64) }],
      ['e', { type: 'list', value: [] }],
    ]);
    expect(rewriteAof(data, () => null, 0)).toBe(
      c('SELECT', '0') + c('RPUSH', 'l', ...nums(1, 64)),
    );
  });
});
