import { globMatch } from '../../../src/sim/redis';
import { harness } from './helpers';

describe('keys and expiry', () => {
  it('EXISTS k k counts repeats', () => {
    const { r } = harness();
    r('SET k v');
    expect(r('EXISTS k k nope')).toBe(':2\r\n');
  });

  it('TTL rounds to the nearest second: 1500 ms left is 2', () => {
    const { r, at } = harness(0);
    r('SET k v PX 2000');
    at(500);
    expect(r('PTTL k')).toBe(':1500\r\n');
    expect(r('TTL k')).toBe(':2\r\n');
    at(1600);
    expect(r('TTL k')).toBe(':0\r\n');
    expect(r('TTL nope')).toBe(':-2\r\n');
  });

  it('a key expires lazily on access and the DEL is propagated', () => {
    const { r, at, store } = harness(0);
    r('SET k v PX 100');
    store.takePropagated();
    at(101);
    expect(store.dbsize).toBe(1);
    expect(r('GET k')).toBe('$-1\r\n');
    expect(store.dbsize).toBe(0);
    expect(store.takePropagated()).toEqual([['DEL', 'k']]);
  });

  it('EXPIRE NX/XX/GT/LT: no TTL counts as infinite', () => {
    const { r } = harness();
    r('SET k v');
    expect(r('EXPIRE k 100 GT')).toBe(':0\r\n');
    expect(r('EXPIRE k 100 LT')).toBe(':1\r\n');
    expect(r('EXPIRE k 50 NX')).toBe(':0\r\n');
    expect(r('EXPIRE k 200 GT')).toBe(':1\r\n');
    expect(r('EXPIRE k 10 NX XX')).toBe(
      '-ERR NX and XX, GT or LT options at the same time are not compatible\r\n',
    );
    expect(r('EXPIRE k 10 foo')).toBe('-ERR Unsupported option foo\r\n');
  });

  it('EXPIRE k -1 deletes the key and propagates DEL', () => {
    const { r, store } = harness();
    r('SET k v');
    store.takePropagated();
    expect(r('EXPIRE k -1')).toBe(':1\r\n');
    expect(r('EXISTS k')).toBe(':0\r\n');
    expect(store.takePropagated()).toEqual([['DEL', 'k']]);
  });

  it('EXPIRE k 10 is propagated as PEXPIREAT k <abs>', () => {
    const { r, store } = harness(1000);
    r('SET k v');
    r('EXPIRE k 10');
    expect(store.takePropagated().at(-1)).toEqual(['PEXPIREAT', 'k', '11000']);
  });

  it('KEYS matches like stringmatchlen', () => {
    expect(globMatch('k[1-3]', 'k2')).toBe(true);
    expect(globMatch('k[3-1]', 'k2')).toBe(true);
    expect(globMatch('k[^1]', 'k1')).toBe(false);
    expect(globMatch('k\\*', 'k*')).toBe(true);
    expect(globMatch('*a*b', 'xxaxxb')).toBe(true);
    expect(globMatch('h?llo', 'hello')).toBe(true);
    expect(globMatch('[abc', 'a')).toBe(true);
  });

  it('tick deletes expired keys actively and returns them', () => {
    const { r, store } = harness(0);
    for (let i = 0; i < 50; i++) r(`SET k${i} v PX 10`);
    r('SET keep v');
    store.takeChanges();
    const deleted = store.tick(100);
    expect(deleted.length).toBe(50);
    expect(store.keys()).toEqual(['keep']);
    expect(store.takeChanges().length).toBe(50);
  });

  it('DEL clears; FLUSHALL empties the keyspace', () => {
    const { r, store } = harness();
    r('SET a 1');
    r('SET b 2');
    expect(r('DEL a a nope')).toBe(':1\r\n');
    expect(r('FLUSHALL')).toBe('+OK\r\n');
    expect(store.dbsize).toBe(0);
    expect(r('TYPE b')).toBe('+none\r\n');
  });
});
