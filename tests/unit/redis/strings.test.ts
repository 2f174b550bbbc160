import { harness } from './helpers';

describe('strings', () => {
  it('SET k v then GET k returns "v"', () => {
    const { r } = harness();
    expect(r('SET k v')).toBe('+OK\r\n');
    expect(r('GET k')).toBe('$1\r\nv\r\n');
    expect(r('GET missing')).toBe('$-1\r\n');
  });

  it('SET k v NX refuses an existing key with nil; XX refuses a missing one', () => {
    const { r } = harness();
    r('SET k v');
    expect(r('SET k w NX')).toBe('$-1\r\n');
    expect(r('SET m w XX')).toBe('$-1\r\n');
    expect(r('SET k w NX XX')).toBe('-ERR syntax error\r\n');
  });

  it('SET k v EX 0 is an invalid expire time', () => {
    const { r } = harness();
    expect(r('SET k v EX 0')).toBe("-ERR invalid expire time in 'set' command\r\n");
    expect(r('SET k v EX 10 PX 10')).toBe('-ERR syntax error\r\n');
    expect(r('SET k v KEEPTTL EX 10')).toBe('-ERR syntax error\r\n');
  });

  it('SET k v GET returns the old value and refuses a non-string', () => {
    const { r } = harness();
    expect(r('SET k a GET')).toBe('$-1\r\n');
    expect(r('SET k b GET')).toBe('$1\r\na\r\n');
    r('LPUSH l x');
    expect(r('SET l v GET')).toMatch(/^-WRONGTYPE/);
  });

  it('SET k v EX 10 is propagated as SET k v PXAT <abs>', () => {
    const { r, store } = harness(5000);
    r('SET k v EX 10');
    expect(store.takePropagated()).toEqual([
      ['SELECT', '0'],
      ['SET', 'k', 'v', 'PXAT', '15000'],
    ]);
  });

  it('INCR counts from 0, keeps the TTL and refuses overflow', () => {
    const { r } = harness();
    expect(r('INCR n')).toBe(':1\r\n');
    r('EXPIRE n 100');
    expect(r('INCRBY n 9223372036854775806')).toBe(':9223372036854775807\r\n');
    expect(r('INCR n')).toBe('-ERR increment or decrement would overflow\r\n');
    expect(r('TTL n')).toBe(':100\r\n');
    expect(r('DECRBY n -9223372036854775808')).toBe('-ERR decrement would overflow\r\n');
  });

  it('INCR on " 1" or "007" is not an integer', () => {
    const { r } = harness();
    r(['SET', 's', ' 1']);
    expect(r('INCR s')).toBe('-ERR value is not an integer or out of range\r\n');
    r('SET z 007');
    expect(r('INCR z')).toBe('-ERR value is not an integer or out of range\r\n');
  });

  it('MGET gives nil for missing and non-string keys', () => {
    const { r } = harness();
    r('SET a 1');
    r('LPUSH l x');
    expect(r('MGET a l nope')).toBe('*3\r\n$1\r\n1\r\n$-1\r\n$-1\r\n');
  });
});
