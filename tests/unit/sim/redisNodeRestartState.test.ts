import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Oracle: a restarted redis-server is a new process. Nothing of the dead one
// runs on: commands it had read but not run are gone (its clients saw the
// connection drop); the new process runs its own active expiry (hz 10), its
// own everysec fsync, its own save points (redis.conf `save 1 1`: a BGSAVE
// within about a second of the first change). The recovery narration names up
// to four lost keys and says "and more" only past four.

describe('after a restart, the new process', () => {
  it('does not run the commands the dead one had queued', () => {
    const h = redisWorld(
      { appendonly: 'no', save: '' },
      { disk: { forkBaseNs: 2 * MS, forkNsPerKey: 0 } },
    );
    h.cmd(0, ['BGSAVE']); // the fork holds the thread from 11 µs to 2.011 ms
    h.cmd(5 * US, ['SET', 'x', '1']); // queued behind the fork
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.cmd(10 * MS, ['GET', 'x']);
    h.w.engine.run(1 * SEC);
    expect(h.seen.map((s) => [s.argv.join(' '), s.reply])).toEqual([
      ['BGSAVE', { type: 'simple', value: 'Background saving started' }],
      ['GET x', { type: 'bulk', value: null }],
    ]);
    expect(h.value('x')).toBeNull();
  });

  it('runs its own active expiry cycle', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'k', 'v', 'PX', '10000']); // the dead process's cycle is running
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.cmd(10 * MS, ['SET', 'j', 'v', 'PX', '100']);
    h.w.engine.run(1 * SEC);
    const j = h.w.entries.flatMap((e) =>
      e.k === 'data' && e.key === 'j' ? [[e.t, e.value === null]] : [],
    );
    // Removed by a cycle within 100 ms of its deadline (10.021 ms + 100 ms).
    expect(j.length).toBe(2);
    expect(j[1][1]).toBe(true);
    expect(j[1][0]).toBeGreaterThan(110 * MS);
    expect(j[1][0]).toBeLessThanOrEqual(211 * MS);
  });

  it('with nothing left to expire, leaves nothing scheduled', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'k', 'v', 'PX', '10000']);
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.w.engine.run(Infinity, 10_000);
    // Loading ends 2 ms after the restart; nothing runs after it.
    expect(h.w.nowNs).toBe(4 * MS);
  });

  it('fsyncs every second on its own', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    h.cmd(0, ['SET', 'a', '1']); // the dead process's fsync is due at 1 s
    h.at(500 * MS, () => h.redis.crash('power-loss'));
    h.at(600 * MS, () => h.redis.restart());
    h.cmd(700 * MS, ['SET', 'b', '2']);
    h.at(3 * SEC, () => h.redis.crash('power-loss'));
    h.at(4 * SEC, () => h.redis.restart());
    h.w.engine.run(10 * SEC);
    expect(h.value('b')).toBe('2');
  });

  it('saves on its own save points', () => {
    const h = redisWorld({ appendonly: 'no', save: '1 1' });
    h.cmd(0, ['SET', 'a', '1']); // the dead process's save point is due at 1 s
    h.at(500 * MS, () => h.redis.crash());
    h.at(600 * MS, () => h.redis.restart());
    h.cmd(700 * MS, ['SET', 'b', '2']);
    h.w.engine.run(5 * SEC);
    expect(h.redis.disk.rdb?.snapshot.keys.map((k) => k.key)).toEqual(['b']);
  });

  it('summarizes only its own keys', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { keyspaceSummary: true });
    h.pipe(0, [
      ['SET', 'a', '1'],
      ['SET', 'b', '1'],
    ]);
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.cmd(10 * MS, ['SET', 'c', '1']);
    h.w.engine.run(1 * SEC);
    expect(h.lastData('#keyspace')).toEqual({ keys: 1, ranges: ['c'] });
  });
});

describe('the recovery narration', () => {
  it('names four lost keys without "and more"', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.redis.onPersist = null;
    for (const k of ['a', 'b', 'c', 'd']) h.cmd(0, ['SET', k, '1']);
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    const said = h.w.entries.flatMap((e) => (e.k === 'narrate' ? [e.text] : []));
    expect(said[1]).toBe(
      'redis finished loading (nothing on disk: it is empty). Lost: a, b, c, d.',
    );
  });
});
