import { harness } from './helpers';

describe('lists', () => {
  it('LPUSH l a b c leaves c, b, a', () => {
    const { r } = harness();
    expect(r('LPUSH l a b c')).toBe(':3\r\n');
    expect(r('LRANGE l 0 -1')).toBe('*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n');
  });

  it('LPOP l 2 returns an array; on a missing key *-1', () => {
    const { r } = harness();
    r('RPUSH l a b c');
    expect(r('LPOP l 2')).toBe('*2\r\n$1\r\na\r\n$1\r\nb\r\n');
    expect(r('RPOP nope 2')).toBe('*-1\r\n');
    expect(r('LPOP l -1')).toBe('-ERR value is out of range, must be positive\r\n');
  });

  it('LTRIM keeps an inclusive range and deletes an emptied list', () => {
    const { r } = harness();
    r('RPUSH l a b c d');
    expect(r('LTRIM l 1 -2')).toBe('+OK\r\n');
    expect(r('LRANGE l 0 -1')).toBe('*2\r\n$1\r\nb\r\n$1\r\nc\r\n');
    expect(r('LTRIM l 5 10')).toBe('+OK\r\n');
    expect(r('EXISTS l')).toBe(':0\r\n');
  });

  it('BRPOP on an empty list blocks and an LPUSH from another client wakes it', () => {
    const { r, store } = harness();
    expect(r('BRPOP q 0', 'A')).toBe('');
    expect(r('LPUSH q x', 'B')).toBe(':1\r\n');
    expect(store.takePushes()).toEqual([
      {
        client: 'A',
        reply: {
          type: 'array',
          value: [
            { type: 'bulk', value: 'q' },
            { type: 'bulk', value: 'x' },
          ],
        },
        command: 'BRPOP',
      },
    ]);
    expect(store.takePropagated().slice(-2)).toEqual([
      ['LPUSH', 'q', 'x'],
      ['RPOP', 'q'],
    ]);
  });
});

describe('sets and hashes', () => {
  it('SADD s a a b counts 2 new members; SINTER with a missing key is empty', () => {
    const { r } = harness();
    expect(r('SADD s a a b')).toBe(':2\r\n');
    expect(r('SINTER s nope')).toBe('*0\r\n');
    expect(r('SREM s a b')).toBe(':2\r\n');
    expect(r('EXISTS s')).toBe(':0\r\n');
  });

  it('HSET h f 1 g 2 returns 2 new fields; HINCRBY refuses a non-integer field', () => {
    const { r } = harness();
    expect(r('HSET h f 1 g 2')).toBe(':2\r\n');
    expect(r('HSET h f 3')).toBe(':0\r\n');
    expect(r('HINCRBY h f 5')).toBe(':8\r\n');
    r('HSET h s x');
    expect(r('HINCRBY h s 1')).toBe('-ERR hash value is not an integer\r\n');
    expect(r('HSET h f')).toBe("-ERR wrong number of arguments for 'hset' command\r\n");
  });
});

describe('sorted sets', () => {
  it('ZADD z 0.1 a 1e20 b inf c prints scores with %.17g', () => {
    const { r } = harness();
    r('ZADD z 0.1 a 1e20 b inf c');
    expect(r('ZRANGE z 0 -1 WITHSCORES')).toBe(
      '*6\r\n$1\r\na\r\n$19\r\n0.10000000000000001\r\n$1\r\nb\r\n$5\r\n1e+20\r\n$1\r\nc\r\n$3\r\ninf\r\n',
    );
  });

  it('ZRANGE z 0 -1 REV orders equal scores reverse-lexicographically', () => {
    const { r } = harness();
    r('ZADD z 1 a 1 b 1 c');
    expect(r('ZRANGE z 0 -1 REV')).toBe('*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n');
  });

  it('ZADD flag conflicts give the 7.0 errors', () => {
    const { r } = harness();
    expect(r('ZADD z NX XX 1 a')).toBe(
      '-ERR XX and NX options at the same time are not compatible\r\n',
    );
    expect(r('ZADD z GT LT 1 a')).toBe(
      '-ERR GT, LT, and/or NX options at the same time are not compatible\r\n',
    );
    expect(r('ZADD z INCR 1 a 2 b')).toBe(
      '-ERR INCR option supports a single increment-element pair\r\n',
    );
    expect(r('ZADD z nan a')).toBe('-ERR value is not a valid float\r\n');
  });

  it('ZINCRBY z inf a then -inf is NaN', () => {
    const { r } = harness();
    expect(r('ZINCRBY z inf a')).toBe('$3\r\ninf\r\n');
    expect(r('ZINCRBY z -inf a')).toBe('-ERR resulting score is not a number (NaN)\r\n');
  });

  it('ZREMRANGEBYSCORE z (1 +inf removes scores above 1', () => {
    const { r } = harness();
    r('ZADD z 1 a 2 b 3 c');
    expect(r('ZREMRANGEBYSCORE z (1 +inf')).toBe(':2\r\n');
    expect(r('ZCARD z')).toBe(':1\r\n');
    expect(r('ZRANK z a')).toBe(':0\r\n');
    expect(r('ZREMRANGEBYSCORE z x 1')).toBe('-ERR min or max is not a float\r\n');
  });
});
