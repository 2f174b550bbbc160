import { createRedisStore, encodeResp } from '../../../src/sim/redis';

// WATCH is hooked into the engine's one write path; the list, set and sorted-set
// commands (written apart from WATCH) must all go through it.
const SETUP = [
  ['RPUSH', 'l', 'a', 'b', 'c'],
  ['SADD', 's', 'a', 'b', 'c'],
  ['SADD', 's2', 'b', 'x'],
  ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
  ['ZADD', 'z2', '5', 'b'],
];
const WRITES: [string, string[]][] = [
  ['l', ['LSET', 'l', '0', 'q']],
  ['l', ['LREM', 'l', '0', 'b']],
  ['l', ['LINSERT', 'l', 'BEFORE', 'b', 'q']],
  ['l', ['LMOVE', 'l', 'l2', 'LEFT', 'RIGHT']],
  ['l', ['LMPOP', '1', 'l', 'LEFT']],
  ['l', ['LPUSHX', 'l', 'q']],
  ['l', ['RPOPLPUSH', 'l', 'l']],
  ['s', ['SMOVE', 's', 's2', 'a']],
  ['s', ['SPOP', 's']],
  ['s', ['SINTERSTORE', 's', 's', 's2']],
  ['s', ['SDIFFSTORE', 's', 's', 's2']],
  ['s2', ['SUNIONSTORE', 's2', 's', 's2']],
  ['z', ['ZREM', 'z', 'a']],
  ['z', ['ZPOPMIN', 'z']],
  ['z', ['ZREMRANGEBYRANK', 'z', '0', '0']],
  ['z', ['ZREMRANGEBYLEX', 'z', '-', '+']],
  ['z', ['ZUNIONSTORE', 'z', '2', 'z', 'z2']],
  ['z', ['ZRANGESTORE', 'z', 'z2', '0', '-1']],
  ['z', ['ZMPOP', '1', 'z', 'MAX']],
];

describe('WATCH across clients, collection writes', () => {
  it.each(WRITES)('a write by another client (%s: %j) makes EXEC answer *-1', (key, write) => {
    const store = createRedisStore();
    const ctx = (client: string) => ({ nowMs: 1_000, client });
    for (const argv of SETUP) store.exec(argv, ctx('setup'));
    store.exec(['WATCH', key], ctx('a'));
    store.exec(write, ctx('b'));
    store.exec(['MULTI'], ctx('a'));
    store.exec(['PING'], ctx('a'));
    expect(encodeResp(store.exec(['EXEC'], ctx('a')))).toBe('*-1\r\n');
  });
});
