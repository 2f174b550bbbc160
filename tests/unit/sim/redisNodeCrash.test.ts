import type { RecoveryReport } from '../../../src/sim/nodes/redis';
import { MS, redisWorld, SEC } from './redisNodeHarness';

describe('a crash ends everything the process was doing', () => {
  it('no active expiry runs for a dead process, and nothing is left scheduled', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    let expired = 0;
    h.redis.onExpired = () => expired++;
    h.cmd(0, ['SET', 'k', 'v', 'PX', '150']);
    h.at(50 * MS, () => h.redis.crash());
    h.w.engine.run();
    expect(expired).toBe(0);
    // The crash was the last event: no expiry cycle was left to run.
    expect(h.w.nowNs).toBe(50 * MS);
  });

  it('a save point pending at the crash does not fire after the restart: nothing changed since the start', () => {
    const h = redisWorld({ appendonly: 'no', save: '1 1' });
    h.cmd(0, ['SET', 'a', '1']); // due at 1 s
    h.at(500 * MS, () => h.redis.crash());
    h.at(600 * MS, () => h.redis.restart());
    h.w.engine.run(10 * SEC);
    expect(h.events.map((x) => x.e.kind)).toEqual(['loading']);
    expect(h.redis.disk.rdb).toBeNull();
  });

  it('serverCron starts no save while a BGSAVE child runs; the child’s save covers the changes made before it', () => {
    const h = redisWorld(
      { appendonly: 'no', save: '1 1' },
      { disk: { rdbWriteBaseNs: 50 * MS, rdbWriteNsPerKey: 0 } },
    );
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(990 * MS, ['BGSAVE']); // its child writes until about 1.04 s, past the save point
    h.w.engine.run(10 * SEC);
    expect(h.events.map((x) => x.e.kind)).toEqual(['forked', 'rdb-saved']);
  });

  it('under appendfsync always, a save point met during an fsync forks after it, and the held reply goes out', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '1 1' });
    h.cmd(999_500_000, ['SET', 'a', '1']); // runs at 999.511 ms; its fsync spans the 1 s save point
    h.w.engine.run(5 * SEC);
    const fsyncDone = h.events.find((x) => x.e.kind === 'fsync')?.atNs ?? Infinity;
    const forked = h.events.find((x) => x.e.kind === 'forked')?.atNs ?? -1;
    expect(h.replyTo('SET a 1')?.reply).toEqual({ type: 'simple', value: 'OK' });
    expect(forked).toBeGreaterThan(fsyncDone);
    expect(h.redis.disk.rdb?.keys).toBe(1);
  });
});

describe('the recovery report', () => {
  it('calls onLoading with the source instead of narrating, and clips long values', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.redis.onPersist = null;
    const sources: string[] = [];
    h.redis.onLoading = (s) => sources.push(s);
    const reports: RecoveryReport[] = [];
    h.redis.onRecovered = (r) => reports.push(r);
    h.cmd(0, ['SET', 'long', 'y'.repeat(60)]);
    h.cmd(0, ['RPUSH', 'l', 'a', 'b']);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['SET', 'long', 'x'.repeat(70)]);
    h.cmd(2 * MS, ['DEL', 'l']);
    h.cmd(2 * MS, ['SET', 'l', 'a']);
    h.at(3 * MS, () => h.redis.crash());
    h.at(4 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(sources).toEqual(['rdb']);
    expect(h.w.entries.some((e) => e.k === 'narrate')).toBe(false);
    expect(reports[0].keys).toEqual([
      // A list replaced by a string is lost even if it prints alike; JSON for non-strings.
      { key: 'l', before: 'a', after: '["a","b"]' },
      { key: 'long', before: `${'x'.repeat(59)}…`, after: 'y'.repeat(60) },
    ]);
  });

  it('with the keyspace summarized and few keys lost, lists them all', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { keyspaceSummary: true });
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(0, ['SET', 'b', '1']);
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.lastData('#lost')).toMatchObject({
      count: 2,
      keys: [
        { key: 'a', before: '1', after: null },
        { key: 'b', before: '1', after: null },
      ],
      ranges: ['a', 'b'],
    });
  });
});
