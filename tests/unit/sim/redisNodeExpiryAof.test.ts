import { MS, redisWorld, SEC } from './redisNodeHarness';

// Oracle: redis-server 7.0.15 with appendonly yes: `SET k v PX 100`, then the
// active expiry cycle removes k and propagates `DEL k` to the AOF
// (appendonlydir/*.incr.aof ends `*2 $3 DEL $1 k`), written like any other
// command and fsynced by the everysec policy.
describe('a key removed by the active expiry cycle', () => {
  it('is logged as DEL in the AOF when the cycle removes it', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    h.cmd(0, ['SET', 'k', 'v', 'PX', '100']);
    h.w.engine.run(500 * MS);
    const cmds = h.redis.disk.aof.map((r) =>
      r.text.split('\r\n').filter((_, i) => i % 2 === 0 && i > 0),
    );
    expect(cmds.map((c) => c[0])).toEqual(['SELECT', 'SET', 'DEL']);
    expect(cmds[2]).toEqual(['DEL', 'k']);
    h.w.engine.run(3 * SEC);
    expect(h.redis.disk.syncedBytes).toBe(h.redis.disk.writtenBytes);
  });
});
