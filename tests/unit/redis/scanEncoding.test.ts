// SSCAN/ZSCAN follow the key's encoding, not its current content. Oracle: 7.0's
// scanGenericCommand (db.c) returns an intset or listpack whole with cursor 0
// and walks a hashtable or skiplist's dict by cursor; conversions are one way
// (t_set.c, t_zset.c). redis-server 7.0.15 answered these very sequences with
// a partial first reply: SSCAN is 0 COUNT 1 -> cursor 3, ZSCAN zb 0 COUNT 1 ->
// cursor 1 and two of the three members.
import { createRedisStore, type Reply } from '../../../src/sim/redis';

const store = createRedisStore({ config: { save: '' } });
const run = (...a: string[]): Reply => store.exec(a, { nowMs: 1000 });

function scanCall(reply: Reply): { cursor: string; items: string[] } {
  if (reply.type !== 'array' || reply.value === null) throw new Error(JSON.stringify(reply));
  const [cursor, items] = reply.value;
  if (cursor.type !== 'bulk' || items.type !== 'array' || items.value === null) {
    throw new Error(JSON.stringify(reply));
  }
  return {
    cursor: cursor.value as string,
    items: items.value.map((x: Reply) => (x.type === 'bulk' ? (x.value as string) : '?')),
  };
}

function fullScan(cmd: string, key: string): Set<string> {
  const seen = new Set<string>();
  let cursor = '0';
  do {
    const r = scanCall(run(cmd, key, cursor, 'COUNT', '1'));
    r.items.forEach((x) => seen.add(x));
    cursor = r.cursor;
  } while (cursor !== '0');
  return seen;
}

describe('SSCAN/ZSCAN by encoding', () => {
  it('walks a set that became a hashtable by cursor, even once it holds only integers again', () => {
    run('SADD', 'is', '1', '2', '3', 'x');
    run('SREM', 'is', 'x');
    expect(run('OBJECT', 'ENCODING', 'is')).toEqual({ type: 'bulk', value: 'hashtable' });
    const first = scanCall(run('SSCAN', 'is', '0', 'COUNT', '1'));
    expect(first.cursor).not.toBe('0');
    expect(first.items.length).toBeLessThan(3);
    expect([...fullScan('SSCAN', 'is')].sort()).toEqual(['1', '2', '3']);
  });

  it('walks a sorted set that became a skiplist by cursor, even once it is small again', () => {
    const args = ['ZADD', 'zb'];
    for (let i = 0; i <= 140; i++) args.push(String(i), `m${i}`);
    run(...args);
    run('ZREMRANGEBYRANK', 'zb', '3', '-1');
    expect(run('OBJECT', 'ENCODING', 'zb')).toEqual({ type: 'bulk', value: 'skiplist' });
    const first = scanCall(run('ZSCAN', 'zb', '0', 'COUNT', '1'));
    expect(first.cursor).not.toBe('0');
    expect(first.items.length).toBeLessThan(6);
    expect([...fullScan('ZSCAN', 'zb')].sort()).toEqual(['0', '1', '2', 'm0', 'm1', 'm2']);
  });

  it('returns an intset and a listpack whole, with cursor 0, whatever the COUNT', () => {
    run('SADD', 'small', '5', '1', '3');
    expect(scanCall(run('SSCAN', 'small', '7', 'COUNT', '1'))).toEqual({
      cursor: '0',
      items: ['1', '3', '5'],
    });
    run('ZADD', 'zs', '2', 'b', '1', 'a');
    expect(scanCall(run('ZSCAN', 'zs', '7', 'COUNT', '1'))).toEqual({
      cursor: '0',
      items: ['a', '1', 'b', '2'],
    });
  });
});
