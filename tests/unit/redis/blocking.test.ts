import { createRedisStore, encodeResp } from '../../../src/sim/redis';
import { harness } from './helpers';

/** The pushes of one client since the last call, as RESP. */
function pushesOf(store: ReturnType<typeof createRedisStore>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of store.takePushes()) out[p.client] = (out[p.client] ?? '') + encodeResp(p.reply);
  return out;
}

describe('blocking pops in simulated time', () => {
  it('serves the longest-waiting client first, across commands and keys', () => {
    const { r, store } = harness();
    expect(r('BLPOP q 0', 'A')).toBe('');
    expect(r('BRPOP other q 0', 'B')).toBe('');
    expect(r('BLMOVE q dst LEFT RIGHT 0', 'C')).toBe('');
    expect(r('RPUSH q 1 2', 'D')).toBe(':2\r\n');
    expect(pushesOf(store)).toEqual({
      A: '*2\r\n$1\r\nq\r\n$1\r\n1\r\n',
      B: '*2\r\n$1\r\nq\r\n$1\r\n2\r\n',
    });
    expect(store.blockedClients().map((b) => b.client)).toEqual(['C']);
    expect(r('LPUSH q 3', 'D')).toBe(':1\r\n');
    expect(pushesOf(store)).toEqual({ C: '$1\r\n3\r\n' });
    expect(r('LRANGE dst 0 -1', 'D')).toBe('*1\r\n$1\r\n3\r\n');
    expect(store.takePropagated().map((c) => c.join(' '))).toEqual([
      'SELECT 0',
      'RPUSH q 1 2',
      'LPOP q',
      'RPOP q',
      'LPUSH q 3',
      'LMOVE q dst left right',
    ]);
  });

  it('times out at the deadline of the simulated clock with a null array', () => {
    const { r, store, at } = harness(1_000);
    expect(r('BZPOPMIN z 1.5', 'A')).toBe('');
    expect(r('BLMPOP 0.5 1 l LEFT', 'B')).toBe('');
    expect(store.hasTimedBlocks).toBe(true);
    store.tick(1_500);
    expect(pushesOf(store)).toEqual({});
    store.tick(1_501);
    expect(pushesOf(store)).toEqual({ B: '*-1\r\n' });
    store.tick(2_501);
    expect(pushesOf(store)).toEqual({ A: '*-1\r\n' });
    expect(store.hasTimedBlocks).toBe(false);
    at(3_000);
    expect(r('ZADD z 1 a', 'C')).toBe(':1\r\n');
    expect(pushesOf(store)).toEqual({});
  });

  it('a timeout of 0 waits forever; sub-millisecond timeouts round up to 1 ms', () => {
    const { r, store } = harness(0);
    expect(r('BLPOP q 0', 'A')).toBe('');
    expect(r('BLPOP q 0.0001', 'B')).toBe('');
    expect(store.blockedClients().map((b) => b.deadlineMs)).toEqual([0, 1]);
    store.tick(1_000_000);
    expect(pushesOf(store)).toEqual({ B: '*-1\r\n' });
    expect(store.blockedClients().map((b) => b.client)).toEqual(['A']);
  });

  it('answers timeout errors like redis-server', () => {
    const { r } = harness();
    for (const [t, err] of [
      ['x', 'not a float'],
      ['', 'not a float'],
      [' 1', 'not a float'],
      ['nan', 'not a float'],
      ['1e4933', 'not a float'],
      ['-1', 'negative'],
      ['inf', 'negative'],
      ['1e400', 'negative'],
      ['1e17', 'negative'],
    ]) {
      const want =
        err === 'negative'
          ? '-ERR timeout is negative\r\n'
          : '-ERR timeout is not a float or out of range\r\n';
      expect(r(['BLPOP', 'q', t]), t).toBe(want);
      expect(r(['BZPOPMAX', 'q', t]), t).toBe(want);
      expect(r(['BLMOVE', 'q', 'd', 'LEFT', 'LEFT', t]), t).toBe(want);
    }
  });

  it('does not block inside MULTI: nil at once, as if it timed out', () => {
    const { r, store } = harness();
    r('MULTI', 'A');
    for (const c of ['BLPOP q 0', 'BLMOVE q d LEFT LEFT 0', 'BZMPOP 0 1 z MIN', 'BRPOPLPUSH q d 0'])
      expect(r(c, 'A')).toBe('+QUEUED\r\n');
    expect(r('EXEC', 'A')).toBe('*4\r\n*-1\r\n$-1\r\n*-1\r\n$-1\r\n');
    expect(store.blockedClients()).toEqual([]);
  });

  it('serves a list waiter but not a sorted-set waiter on the same key, then the other way round', () => {
    const { r, store } = harness();
    r('BZPOPMAX k 0', 'A');
    r('BLPOP k 0', 'B');
    r('RPUSH k x', 'C');
    expect(pushesOf(store)).toEqual({ B: '*2\r\n$1\r\nk\r\n$1\r\nx\r\n' });
    r('ZADD k 5 m 7 n', 'C');
    expect(pushesOf(store)).toEqual({ A: '*3\r\n$1\r\nk\r\n$1\r\nn\r\n$1\r\n7\r\n' });
  });

  it('a closed connection stops waiting', () => {
    const { r, store } = harness();
    r('BLPOP q 0', 'A');
    r('BLPOP q 0', 'B');
    store.disconnect('A');
    r('RPUSH q x', 'C');
    expect(pushesOf(store)).toEqual({ B: '*2\r\n$1\r\nq\r\n$1\r\nx\r\n' });
  });
});

describe('user-sized arguments', () => {
  it('LPUSH and RPUSH take 100,000 elements (no spread of the arguments)', () => {
    const { store } = harness();
    const items = Array.from({ length: 100_000 }, (_, i) => String(i));
    const now = { nowMs: 0 };
    expect(store.exec(['LPUSH', 'k', ...items], now)).toEqual({ type: 'integer', value: '100000' });
    expect(store.exec(['LPUSH', 'k', ...items], now)).toEqual({ type: 'integer', value: '200000' });
    expect(store.exec(['RPUSH', 'k', ...items], now)).toEqual({ type: 'integer', value: '300000' });
    expect(encodeResp(store.exec(['LRANGE', 'k', '0', '1'], now))).toBe(
      '*2\r\n$5\r\n99999\r\n$5\r\n99998\r\n',
    );
    expect(encodeResp(store.exec(['LINDEX', 'k', '100000'], now))).toBe('$5\r\n99999\r\n');
    expect(store.exec(['SADD', 's', ...items], now)).toEqual({ type: 'integer', value: '100000' });
    expect(store.exec(['SPOP', 's', '99999'], now).type).toBe('array');
    const zadd = ['ZADD', 'z'];
    for (let i = 0; i < 20_000; i++) zadd.push(String(i), `m${i}`);
    expect(store.exec(zadd, now)).toEqual({ type: 'integer', value: '20000' });
    expect(store.exec(['ZPOPMIN', 'z', '19999'], now).type).toBe('array');
  });
});
