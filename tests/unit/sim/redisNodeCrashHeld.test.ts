import type { RecoveryReport } from '../../../src/sim/nodes/redis';
import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Oracle: redis.conf, appendfsync always: "fsync after every write to the
// append only log" and the reply goes out only after it, so no acknowledged
// write is ever lost; a power loss during that fsync loses the write, and
// its OK must never be sent (not even by the restarted process). The recovery
// report (DESIGN.md: what the crash took, key by key) counts a key as lost
// when it comes back different, and a different type is different even when
// the elements print alike.

describe('a crash during an appendfsync always fsync', () => {
  it('drops the held reply: the lost write is never acknowledged, before or after the restart', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.cmd(0, ['SET', 'a', '1']); // runs at 11 µs; its fsync ends at 1.011 ms
    h.at(500 * US, () => h.redis.crash('power-loss'));
    h.at(10 * MS, () => h.redis.restart());
    h.cmd(100 * MS, ['SET', 'b', '2']);
    h.w.engine.run(1 * SEC);
    expect(h.seen.map((s) => s.argv.join(' '))).toEqual(['SET b 2']);
    expect(h.value('a')).toBeNull();
    expect(h.value('b')).toBe('2');
  });
});

describe('the recovery report', () => {
  it('a key that came back as another type is lost, even with the same elements', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    const reports: RecoveryReport[] = [];
    h.redis.onRecovered = (r) => reports.push(r);
    h.cmd(0, ['RPUSH', 'k', 'a']);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['DEL', 'k']);
    h.cmd(2 * MS, ['SADD', 'k', 'a']);
    h.at(3 * MS, () => h.redis.crash());
    h.at(4 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.redis.store.keyView('k', 0)?.type).toBe('list');
    expect(reports.map((r) => r.keys.map((k) => k.key))).toEqual([['k']]);
  });
});
