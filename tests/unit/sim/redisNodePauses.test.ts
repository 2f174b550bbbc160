import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Oracle: redis.conf and FACTS.md. BGSAVE forks inside the command (the main
// thread pauses for the fork), the child then writes for its base time plus
// a per-key time (the latency model in DESIGN.md: fork and write costs grow
// with the keys). Under appendfsync always the reply waits in beforeSleep for
// the AOF write + fsync, so a command that forks is answered after the fork
// and then the fsync, never with the fork cut short. appendfsync always has no
// background flush; everysec has one a second; a power loss ends a running
// fsync before it makes anything durable. serverCron starts no BGSAVE while
// one is in progress; a save point narrates itself only when no scenario
// listens. Times: link 10 µs each way, 1 µs per command (redisNodeHarness).

describe('the fork and the fsync take turns on the main thread', () => {
  it('under always, an EXEC that ran BGSAVE is answered after the fork, then the fsync', () => {
    const h = redisWorld(
      { appendonly: 'yes', appendfsync: 'always', save: '' },
      { disk: { forkBaseNs: 2 * MS, forkNsPerKey: 0, fsyncNs: 1 * MS } },
    );
    h.cmd(0, ['MULTI']);
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(0, ['BGSAVE']);
    h.cmd(0, ['EXEC']);
    h.w.engine.run(1 * SEC);
    // MULTI, SET, BGSAVE, EXEC run back to back: EXEC ends at 14 µs.
    expect(h.replyTo('EXEC')?.reply).toEqual({
      type: 'array',
      value: [
        { type: 'simple', value: 'OK' },
        // Inside EXEC redis-server 7.0 only schedules it (rdb.c: server.in_exec);
        // the model still forks at the end of EXEC rather than on the next cron tick.
        { type: 'simple', value: 'Background saving scheduled' },
      ],
    });
    expect(h.replyTo('EXEC')?.atNs).toBe(14 * US + 2 * MS + 1 * MS + 10 * US);
    expect(h.events.map((x) => [x.e.kind, x.atNs])).toEqual([
      ['forked', 14 * US + 2 * MS],
      ['fsync', 14 * US + 3 * MS],
      // The child writes for 5 ms + 1 µs per key (DISK_DEFAULTS).
      ['rdb-saved', 14 * US + 2 * MS + 5 * MS + 1 * US],
    ]);
    expect(h.redis.disk.rdb?.snapshot.keys.map((k) => k.key)).toEqual(['a']);
  });

  it('the child writes for its base time plus its time per key', () => {
    const h = redisWorld(
      { appendonly: 'no', save: '' },
      {
        disk: {
          forkBaseNs: 1 * MS,
          forkNsPerKey: 0,
          rdbWriteBaseNs: 5 * MS,
          rdbWriteNsPerKey: 1 * MS,
        },
      },
    );
    for (const k of ['a', 'b', 'c']) h.redis.seed(['SET', k, '1']);
    h.cmd(0, ['BGSAVE']);
    h.w.engine.run(1 * SEC);
    expect(h.events.map((x) => [x.e, x.atNs])).toEqual([
      [{ kind: 'forked', keys: 3 }, 11 * US + 1 * MS],
      [{ kind: 'rdb-saved', keys: 3 }, 11 * US + 1 * MS + 5 * MS + 3 * MS],
    ]);
  });
});

describe('fsync policies', () => {
  it('appendfsync always fsyncs in the foreground only: no background flush follows', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.cmd(0, ['SET', 'a', '1']);
    h.w.engine.run(100 * SEC);
    expect(h.events.map((x) => x.e)).toEqual([{ kind: 'fsync', background: false }]);
  });

  it('a power loss during the background fsync: it never completes, nothing becomes durable', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    h.cmd(0, ['SET', 'a', '1']);
    // The bio fsync starts at 1 s and takes 1 ms.
    h.at(1 * SEC + 500 * US, () => h.redis.crash('power-loss'));
    h.w.engine.run(5 * SEC);
    expect(h.events).toEqual([]);
    expect([h.redis.disk.writtenBytes, h.redis.disk.syncedBytes]).toEqual([0, 0]);
  });

  it('the Inspector’s AOF item is recorded once per pipeline, when it is done', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    h.pipe(0, [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['SET', 'c', '3'],
    ]);
    h.w.engine.run(500 * MS);
    const aofItems = h.w.entries.flatMap((e) =>
      e.k === 'data' && e.key === '#aof' ? [(e.value as { commands: number }).commands] : [],
    );
    // The empty AOF at the start, then SELECT and the three SETs at once.
    expect(aofItems).toEqual([0, 4]);
  });
});

describe('save points', () => {
  it('serverCron starts no BGSAVE while one is forking', () => {
    const h = redisWorld(
      { appendonly: 'no', save: '1 1' },
      { disk: { forkBaseNs: 2 * MS, forkNsPerKey: 0 } },
    );
    h.cmd(0, ['SET', 'a', '1']); // the save point is due at 1 s
    h.cmd(1 * SEC - 1 * MS, ['BGSAVE']); // runs at 999.011 ms: the fork spans 1 s
    h.w.engine.run(10 * SEC);
    expect(h.events.map((x) => x.e.kind)).toEqual(['forked', 'rdb-saved']);
  });

  it('a point due sooner replaces the one met first: one save, none later with nothing changed', () => {
    const h = redisWorld({ appendonly: 'no', save: '10 1 1 3' });
    for (let i = 0; i < 3; i++) h.cmd(i * MS, ['SET', `k${i}`, 'v']);
    h.w.engine.run(30 * SEC);
    expect(h.events.map((x) => x.e)).toEqual([
      { kind: 'bgsave', dirty: 3 },
      { kind: 'forked', keys: 3 },
      { kind: 'rdb-saved', keys: 3 },
    ]);
    expect(h.events[0].atNs).toBe(1 * SEC);
  });

  it('a save point narrates what happens, unless a scenario listens to persistence events', () => {
    const quiet = redisWorld({ appendonly: 'no', save: '1 1' });
    quiet.cmd(0, ['SET', 'a', '1']);
    quiet.w.engine.run(5 * SEC);
    expect(quiet.w.entries.some((e) => e.k === 'narrate')).toBe(false);
    expect(quiet.count('rdb-saved')).toBe(1);

    const told = redisWorld({ appendonly: 'no', save: '1 1' });
    told.redis.onPersist = null;
    told.cmd(0, ['SET', 'a', '1']);
    told.w.engine.run(5 * SEC);
    const said = told.w.entries.flatMap((e) => (e.k === 'narrate' ? [[e.t, e.beat, e.text]] : []));
    expect(said).toEqual([
      [
        1 * SEC,
        'bgsave',
        'A save point is met (enough changes since the last save): Redis forks a child to write a snapshot.',
      ],
    ]);
  });
});
