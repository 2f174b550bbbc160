import { createRedisStore, encodeCommand, encodeResp } from '../../../src/sim/redis';
import { harness } from './helpers';

// Oracle: Redis 7.0's loading rules (aof.c loadSingleAppendOnlyFile: commands
// run by a fake client, nothing propagated, an unfinished MULTI at the end is
// reverted; db.c expireIfNeeded: no expiry while loading), redis.io's CONFIG
// GET for the startup config, and the RedisStore contract in types.ts for the
// views (keyView hides an expired key; set members sorted).
const aofOf = (...cmds: string[][]) => cmds.map(encodeCommand).join('');

describe('the store around the engine', () => {
  it('loadAof runs commands as a loader: no expiry, no propagation, an unfinished MULTI dropped', () => {
    const store = createRedisStore();
    const aof = aofOf(
      ['SELECT', '0'],
      ['SET', 'k', 'v', 'PXAT', '1'],
      ['APPEND', 'k', 'x'],
      ['RPUSH', 'l', 'a'],
      ['MULTI'],
      ['SET', 'm', '1'],
    );
    expect(store.loadAof(aof, 10_000)).toEqual({ commands: 6, truncated: false });
    // APPEND still saw the value whose time had passed.
    expect(store.snapshot().keys).toEqual([
      { key: 'k', type: 'string', value: 'vx', expiresAtMs: 1 },
      { key: 'l', type: 'list', value: ['a'], expiresAtMs: null },
    ]);
    expect(store.takePropagated()).toEqual([]);
    expect(store.dirty).toBe(0);
    expect(store.keyView('k', 10_000)).toBeNull();
    expect(encodeResp(store.exec(['GET', 'k'], { nowMs: 10_000 }))).toBe('$-1\r\n');
    expect(store.keys()).toEqual(['l']);
    // The loader's MULTI is gone: a later command by the default client runs.
    expect(encodeResp(store.exec(['GET', 'm'], { nowMs: 10_000 }))).toBe('$-1\r\n');
  });

  it('keyView shows each type, members of a set sorted, nothing once expired', () => {
    const { r, store } = harness(1_000);
    r('RPUSH l b a');
    r('SADD s z a m');
    r('ZADD z 2 b 1 a');
    r('HSET h f 1 g 2');
    r('SET t v PX 100');
    expect(store.keyView('l', 1_000)).toEqual({
      type: 'list',
      value: ['b', 'a'],
      expiresAtMs: null,
    });
    expect(store.keyView('s', 1_000)).toEqual({
      type: 'set',
      value: ['a', 'm', 'z'],
      expiresAtMs: null,
    });
    expect(store.keyView('z', 1_000)).toEqual({
      type: 'zset',
      value: [
        { member: 'a', score: 1 },
        { member: 'b', score: 2 },
      ],
      expiresAtMs: null,
    });
    expect(store.keyView('h', 1_000)).toEqual({
      type: 'hash',
      value: { f: '1', g: '2' },
      expiresAtMs: null,
    });
    expect(store.keyView('t', 1_100)).toEqual({ type: 'string', value: 'v', expiresAtMs: 1_100 });
    expect(store.keyView('t', 1_101)).toBeNull();
    expect(store.keyView('nope', 1_000)).toBeNull();
    expect(store.dbsize).toBe(5);
  });

  it('snapshot writes zset scores as Redis prints them and loadSnapshot starts clean', () => {
    const { r, store } = harness(1_000);
    r('ZADD z 0.1 a inf b');
    r('SADD s x');
    r('HSET h f v');
    const snap = store.snapshot();
    expect(snap.keys[0]).toEqual({
      key: 'z',
      type: 'zset',
      value: [
        ['a', '0.10000000000000001'],
        ['b', 'inf'],
      ],
      expiresAtMs: null,
    });
    const copy = createRedisStore();
    copy.exec(['SET', 'old', '1'], { nowMs: 0 });
    copy.loadSnapshot(snap);
    expect(copy.keys()).toEqual(['z', 's', 'h']);
    expect(copy.dirty).toBe(0);
    expect(copy.exportAof()).not.toContain('old');
    // The loaded values are copies: writing to one store leaves the other.
    copy.exec(['SADD', 's', 'y'], { nowMs: 0 });
    expect(store.keyView('s', 1_000)?.value).toEqual(['x']);
  });

  it('finishBgsave(false) keeps every write unsaved; nothing happens without a BGSAVE', () => {
    const { r, store } = harness(10_000);
    r('SET a 1');
    store.finishBgsave(true, 11_000);
    expect(store.lastSaveMs).toBe(0);
    expect(store.dirty).toBe(1);
    r('BGSAVE');
    expect(store.bgsaveInProgress).toBe(true);
    store.finishBgsave(false, 12_000);
    expect(store.bgsaveInProgress).toBe(false);
    expect(store.dirty).toBe(1);
    expect(store.lastSaveMs).toBe(0);
    store.lastSaveMs = 5_000;
    expect(r('LASTSAVE')).toBe(':5\r\n');
  });

  it('takes its startup config like redis.conf (normalised, refused when bad)', () => {
    const store = createRedisStore({ config: { APPENDFSYNC: 'Always' } });
    expect(store.config.appendfsync).toBe('always');
    expect(encodeResp(store.exec(['CONFIG', 'GET', 'appendfsync'], { nowMs: 0 }))).toBe(
      '*2\r\n$11\r\nappendfsync\r\n$6\r\nalways\r\n',
    );
    expect(() => createRedisStore({ config: { appendonly: 'maybe' } })).toThrow(
      /Bad config appendonly=maybe/,
    );
  });

  it('lists blocked clients with their command, keys (once each) and deadline', () => {
    const { r, store } = harness(1_000);
    r('BLPOP a b a 1.5', 'A');
    r('BZPOPMAX z 0', 'B');
    expect(store.blockedClients()).toEqual([
      { client: 'A', command: 'BLPOP', keys: ['a', 'b'], deadlineMs: 2_500 },
      { client: 'B', command: 'BZPOPMAX', keys: ['z'], deadlineMs: 0 },
    ]);
    expect(store.hasTimedBlocks).toBe(true);
    store.tick(2_500);
    expect(store.takePushes()).toEqual([]);
    store.tick(2_501);
    expect(store.takePushes()).toEqual([
      { client: 'A', reply: { type: 'array', value: null }, command: 'BLPOP' },
    ]);
    expect(store.hasTimedBlocks).toBe(false);
    expect(store.blockedClients().map((b) => b.client)).toEqual(['B']);
  });
});
