import { redisWorld } from './redisNodeHarness';

// Oracle: redis-server ignores an empty multibulk (`*0\r\n`, processMultibulkBuffer
// resets the client and runs nothing): no reply, nothing logged, the server goes on.
describe('an empty command', () => {
  it('changes nothing and does not stop the node', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.redis.seed([]);
    expect(h.redis.disk.aof).toEqual([]);
    expect(h.redis.disk.rdb).toBeNull();
    expect(h.redis.seed(['SET', 'a', '1'])).toEqual({ type: 'simple', value: 'OK' });
  });
});
