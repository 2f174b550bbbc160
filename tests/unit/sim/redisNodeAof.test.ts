import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Timings: link 10 µs each way, 1 µs per command, fsync 1 ms (DISK_DEFAULTS).
// A command sent at t runs at t + 11 µs; an unheld reply lands at t + 21 µs.

describe('appendfsync always: fsync before replying (FACTS: no acknowledged write lost)', () => {
  it('holds a write reply until the AOF is fsynced, so a power loss right after the reply loses nothing', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    let diskAtReply: [number, number] = [0, 0];
    h.cmd(0, ['SET', 'k', 'v'], () => {
      diskAtReply = [h.redis.disk.syncedBytes, h.redis.disk.writtenBytes];
      h.redis.crash('power-loss');
    });
    h.at(10 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    // Runs at 11 µs, fsync 1 ms, back 10 µs.
    expect(h.replyTo('SET k v')?.atNs).toBe(11 * US + 1 * MS + 10 * US);
    expect(diskAtReply[0]).toBe(diskAtReply[1]);
    expect(diskAtReply[1]).toBeGreaterThan(0);
    expect(h.value('k')).toBe('v');
    expect(h.count('fsync')).toBe(1);
    expect(h.events.find((x) => x.e.kind === 'fsync')?.e).toEqual({
      kind: 'fsync',
      background: false,
    });
  });

  it('does not hold a read, nor a write that failed (only dataset changes are logged)', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.cmd(0, ['SET', 's', 'abc']);
    h.cmd(5 * MS, ['GET', 's']);
    h.cmd(6 * MS, ['INCR', 's']);
    h.w.engine.run(1 * SEC);
    expect(h.replyTo('GET s')?.atNs).toBe(5 * MS + 21 * US);
    expect(h.replyTo('INCR s')).toMatchObject({
      atNs: 6 * MS + 21 * US,
      reply: { type: 'error', value: 'ERR value is not an integer or out of range' },
    });
    // SELECT 0 and SET: the failed INCR and the GET are not in the log.
    expect(h.redis.disk.aof.map((r) => r.text.split('\r\n')[2])).toEqual(['SELECT', 'SET']);
    expect(h.count('fsync')).toBe(1);
  });

  it('fsyncs a pipeline once, after its last command, and answers all of it in one packet', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.pipe(0, [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['SET', 'c', '3'],
    ]);
    h.w.engine.run(1 * SEC);
    // beforeSleep writes and fsyncs the AOF once per event-loop iteration (group commit):
    // the three run at 11, 12, 13 µs, one fsync of 1 ms, one packet back.
    expect(h.count('fsync')).toBe(1);
    expect(h.seen.map((s) => s.atNs)).toEqual([1_023 * US, 1_023 * US, 1_023 * US]);
    const replies = h.sent().filter((p) => p.to === 'app');
    expect(replies).toHaveLength(1);
    expect(replies[0].label).toBe('OK ×3');
  });

  it('with appendonly no there is no AOF to fsync: writes are answered at once', () => {
    const h = redisWorld({ appendonly: 'no', appendfsync: 'always', save: '' });
    h.cmd(0, ['SET', 'k', 'v']);
    h.w.engine.run(1 * SEC);
    expect(h.replyTo('SET k v')?.atNs).toBe(21 * US);
    expect(h.redis.disk.aof).toEqual([]);
    expect(h.count('fsync')).toBe(0);
    expect(h.lastData('#aof')).toMatchObject({ appendonly: false, commands: 0, writtenBytes: 0 });
  });
});

describe('appendfsync everysec: the reply does not wait; a background fsync within a second', () => {
  it('answers at once and fsyncs within 1 s plus the fsync, once, on the background thread', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    const synced: boolean[] = [];
    const probe = () => synced.push(h.redis.disk.syncedBytes === h.redis.disk.writtenBytes);
    h.cmd(300 * MS, ['SET', 'k', 'v'], probe);
    h.at(300 * MS + 1 * SEC + 1 * MS + 1, probe);
    h.w.engine.run(10 * SEC);
    expect(h.replyTo('SET k v')?.atNs).toBe(300 * MS + 21 * US);
    expect(synced).toEqual([false, true]);
    // Nothing left to sync after that: no further fsync in the next 9 s.
    expect(h.events.filter((x) => x.e.kind === 'fsync').map((x) => x.e)).toEqual([
      { kind: 'fsync', background: true },
    ]);
  });

  it('fsyncs at most once a second, however many writes the second had', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    for (let i = 0; i < 5; i++) h.cmd(100 * MS * i, ['SET', `k${i}`, 'v']);
    h.w.engine.run(1_900 * MS);
    expect(h.count('fsync')).toBe(1);
    expect(h.redis.disk.syncedBytes).toBe(h.redis.disk.writtenBytes);
  });

  it('a power loss right after the reply loses the acknowledged write (the window always closes)', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    h.cmd(0, ['SET', 'k', 'v'], () => h.redis.crash('power-loss'));
    h.at(10 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.value('k')).toBeNull();
    expect(h.redis.disk.aof).toEqual([]);
  });

  it('shows which AOF records are fsynced in the #aof item', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    const views: unknown[] = [];
    h.cmd(0, ['SET', 'k', 'v'], () => views.push(h.lastData('#aof')));
    h.at(2 * SEC, () => views.push(h.lastData('#aof')));
    h.w.engine.run(3 * SEC);
    const select = '*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n';
    const set = '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n';
    const bytes = select.length + set.length;
    const view = (synced: boolean) => ({
      appendonly: true,
      appendfsync: 'everysec',
      writtenBytes: bytes,
      syncedBytes: synced ? bytes : 0,
      commands: 2,
      syncedCommands: synced ? 2 : 0,
      tail: [
        { text: select, bytes: select.length, synced },
        { text: set, bytes: set.length, synced },
      ],
    });
    expect(views).toEqual([view(false), view(true)]);
  });
});

describe('appendfsync no: the OS writes dirty pages back after about 30 s', () => {
  // Linux: dirty_expire_centisecs = 3000, flusher wakes every 5 s.
  it.each([
    [29 * SEC, null],
    [36 * SEC, 'v'],
  ])('a power loss at %i ns keeps %s', (crashNs, kept) => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'no', save: '' });
    h.cmd(0, ['SET', 'k', 'v']);
    h.at(crashNs, () => h.redis.crash('power-loss'));
    h.at(crashNs + 1 * SEC, () => h.redis.restart());
    h.w.engine.run(crashNs + 2 * SEC);
    expect(h.replyTo('SET k v')?.atNs).toBe(21 * US);
    expect(h.value('k')).toBe(kept);
  });

  it('a write made later in the flusher period is durable 30 s + 5 s after it', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'no', save: '' });
    h.cmd(10 * SEC, ['SET', 'k', 'v']);
    h.at(45 * SEC, () => h.redis.crash('power-loss'));
    h.at(46 * SEC, () => h.redis.restart());
    h.w.engine.run(47 * SEC);
    expect(h.value('k')).toBe('v');
  });

  it('a killed process keeps what it wrote to the OS, fsynced or not', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'no', save: '' });
    h.cmd(0, ['SET', 'k', 'v']);
    h.at(1 * SEC, () => h.redis.crash('process-kill'));
    h.at(2 * SEC, () => h.redis.restart());
    h.w.engine.run(3 * SEC);
    expect(h.value('k')).toBe('v');
  });
});
