import { harness } from './helpers';

// Redis 7.0 expires a key only once the clock is strictly past its deadline:
// keyIsExpired() in src/db.c ends `return now > when;` and the active cycle's
// activeExpireCycleTryExpire() in src/expire.c tests `if (now > t)` (both read
// at tag 7.0.15). So at now == when the key is still there, for both paths.
describe('expiry at exactly its deadline (now == when)', () => {
  const deadline = 1_100; // SET ... PX 100 at t = 1000

  it.each([
    [deadline - 1, '$1\r\nv\r\n', 1],
    [deadline, '$1\r\nv\r\n', 1],
    [deadline + 1, '$-1\r\n', 0],
  ])('lazy (GET) at t=%i answers %j, leaving %i key(s)', (t, reply, left) => {
    const { r, at, store } = harness(1_000);
    r('SET k v PX 100');
    expect(r('PEXPIRETIME k')).toBe(`:${deadline}\r\n`);
    at(t);
    expect(r('GET k')).toBe(reply);
    expect(store.dbsize).toBe(left);
  });

  it.each([
    [deadline - 1, []],
    [deadline, []],
    [deadline + 1, ['k']],
  ])('active expiry cycle at t=%i deletes %j', (t, deleted) => {
    const { r, store } = harness(1_000);
    r('SET k v PX 100');
    store.takePropagated();
    expect(store.tick(t)).toEqual(deleted);
    expect(store.dbsize).toBe(1 - deleted.length);
    expect(store.takePropagated()).toEqual(deleted.length ? [['DEL', 'k']] : []);
  });

  it('PTTL is 0 at the deadline (still there) and -2 one ms later', () => {
    const { r, at } = harness(1_000);
    r('SET k v PX 100');
    at(deadline);
    expect(r('PTTL k')).toBe(':0\r\n');
    expect(r('EXISTS k')).toBe(':1\r\n');
    at(deadline + 1);
    expect(r('PTTL k')).toBe(':-2\r\n');
    expect(r('EXISTS k')).toBe(':0\r\n');
  });

  it('KEYS skips a key one ms past its deadline but lists it at the deadline', () => {
    const { r, at } = harness(1_000);
    r('SET k v PX 100');
    at(deadline);
    expect(r('KEYS *')).toBe('*1\r\n$1\r\nk\r\n');
    at(deadline + 1);
    expect(r('KEYS *')).toBe('*0\r\n');
  });
});
