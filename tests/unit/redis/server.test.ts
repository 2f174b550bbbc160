import { createRedisStore } from '../../../src/sim/redis';
import { harness } from './helpers';

describe('transactions', () => {
  it('MULTI, SET, INCR, EXEC replies QUEUED then an array and propagates MULTI/EXEC', () => {
    const { r, store } = harness();
    expect(r('MULTI')).toBe('+OK\r\n');
    expect(r('SET a 1')).toBe('+QUEUED\r\n');
    expect(r('INCR a')).toBe('+QUEUED\r\n');
    expect(r('EXEC')).toBe('*2\r\n+OK\r\n:2\r\n');
    expect(store.takePropagated()).toEqual([
      ['SELECT', '0'],
      ['MULTI'],
      ['SET', 'a', '1'],
      ['INCR', 'a'],
      ['EXEC'],
    ]);
  });

  it('EXEC after a queued arity error is EXECABORT', () => {
    const { r } = harness();
    r('MULTI');
    expect(r('SET a')).toBe("-ERR wrong number of arguments for 'set' command\r\n");
    expect(r('MULTI')).toBe('-ERR MULTI calls can not be nested\r\n');
    expect(r('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    expect(r('EXEC')).toBe('-ERR EXEC without MULTI\r\n');
    expect(r('DISCARD')).toBe('-ERR DISCARD without MULTI\r\n');
  });

  it('unknown commands quote each argument', () => {
    const { r } = harness();
    expect(r('foo a b')).toBe("-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n");
  });
});

describe('pub/sub', () => {
  it('PUBLISH counts a channel and a matching pattern twice', () => {
    const { r, store } = harness();
    r('SUBSCRIBE news', 'A');
    r('PSUBSCRIBE n*', 'A');
    expect(r('PUBLISH news hi', 'B')).toBe(':2\r\n');
    expect(store.takePushes().map((p) => p.client)).toEqual(['A', 'A']);
    expect(r('GET x', 'A')).toBe(
      "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
    );
    expect(store.takePropagated()).toEqual([]);
  });
});

describe('persistence bookkeeping', () => {
  it('BGSAVE twice says already in progress; finishBgsave keeps writes made since the fork', () => {
    const { r, store } = harness(10_000);
    r('SET a 1');
    r('SET b 2');
    expect(store.dirty).toBe(2);
    expect(r('BGSAVE')).toBe('+Background saving started\r\n');
    expect(r('BGSAVE')).toBe('-ERR Background save already in progress\r\n');
    r('SET c 3');
    store.finishBgsave(true, 12_500);
    expect(store.dirty).toBe(1);
    expect(store.lastSaveMs).toBe(12_500);
    expect(r('LASTSAVE')).toBe(':12\r\n');
    expect(r('SAVE')).toBe('+OK\r\n');
    expect(store.dirty).toBe(0);
  });

  it('CONFIG SET appendfsync ALWAYS is stored lower-case; bad values are refused like 7.0', () => {
    const { r, store } = harness();
    expect(r('CONFIG SET appendfsync ALWAYS')).toBe('+OK\r\n');
    expect(store.config.appendfsync).toBe('always');
    expect(r('CONFIG SET appendonly maybe')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'\r\n",
    );
    expect(r(['CONFIG', 'SET', 'save', '100 1 200'])).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n",
    );
    expect(r('CONFIG GET save')).toBe('*2\r\n$4\r\nsave\r\n$23\r\n3600 1 300 100 60 10000\r\n');
    expect(r('CONFIG GET')).toBe("-ERR wrong number of arguments for 'config|get' command\r\n");
  });

  it('snapshot and loadSnapshot round-trip the dataset with absolute expiries', () => {
    const { r, store } = harness(1000);
    r('SET s v EX 10');
    r('RPUSH l a b');
    r('ZADD z 0.1 m inf n');
    r('HSET h f 1');
    r('SADD t x');
    const snap = JSON.parse(JSON.stringify(store.snapshot())) as ReturnType<typeof store.snapshot>;
    const copy = createRedisStore();
    copy.loadSnapshot(snap);
    for (const k of ['s', 'l', 'z', 'h', 't']) {
      expect(copy.keyView(k, 1000)).toEqual(store.keyView(k, 1000));
    }
    expect(copy.keyView('s', 1000)?.expiresAtMs).toBe(11000);
  });

  it('loadAof drops a truncated last command', () => {
    const store = createRedisStore();
    const aof = '*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1';
    expect(store.loadAof(aof, 0)).toEqual({ commands: 1, truncated: true });
    expect(store.keys()).toEqual(['a']);
  });
});

describe('connections', () => {
  it('QUIT answers OK even inside MULTI and drops the transaction', () => {
    const { r } = harness();
    expect(r('MULTI', 'a')).toBe('+OK\r\n');
    expect(r('SET k v', 'a')).toBe('+QUEUED\r\n');
    expect(r('QUIT', 'a')).toBe('+OK\r\n');
    expect(r('EXEC', 'a')).toBe('-ERR EXEC without MULTI\r\n');
    expect(r('GET k', 'a')).toBe('$-1\r\n');
  });

  it('disconnect() stops a BRPOP waiting and unsubscribes everything', () => {
    const { store, r } = harness();
    expect(r('BRPOP q 0', 'w')).toBe('');
    r('SUBSCRIBE news', 's');
    r('PSUBSCRIBE n*', 's');
    store.disconnect('w');
    store.disconnect('s');
    expect(r('PUBLISH news x', 'p')).toBe(':0\r\n');
    expect(r('LPUSH q job', 'p')).toBe(':1\r\n');
    expect(store.takePushes()).toEqual([]);
    expect(r('LLEN q', 'p')).toBe(':1\r\n');
  });
});
