import type { RecoveryReport } from '../../../src/sim/nodes/redis';
import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Link 10 µs each way, 1 µs per command: a command sent at t runs at t + 11 µs.
const slowFork = {
  forkBaseNs: 2 * MS,
  forkNsPerKey: 0,
  rdbWriteBaseNs: 50 * MS,
  rdbWriteNsPerKey: 0,
};

describe('BGSAVE (FACTS: fork, snapshot as of the fork, temp file renamed when done)', () => {
  it('replies, blocks the thread for the fork, refuses a second one while the child writes, and saves the data as of the fork', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { disk: slowFork });
    const t0 = 2 * SEC;
    const rdbViews: unknown[] = [];
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(0, ['LASTSAVE']);
    h.cmd(t0, ['BGSAVE']);
    h.cmd(t0 + 5 * US, ['GET', 'a']); // arrives during the fork
    h.cmd(t0 + 5 * MS, ['SET', 'a', '2']); // after the fork: not in the snapshot
    h.cmd(t0 + 10 * MS, ['BGSAVE']);
    h.at(t0 + 20 * MS, () => rdbViews.push(h.lastData('#rdb')));
    h.cmd(t0 + 100 * MS, ['BGSAVE', 'now']);
    h.cmd(t0 + 100 * MS, ['LASTSAVE']);
    h.w.engine.run(t0 + 200 * MS);
    const replies = h.seen.map((s) => [s.argv.join(' '), s.reply]);
    expect(replies).toEqual([
      ['SET a 1', { type: 'simple', value: 'OK' }],
      // Never saved yet: the start of the clock (Redis: its start time), in Unix seconds.
      ['LASTSAVE', { type: 'integer', value: '0' }],
      ['BGSAVE', { type: 'simple', value: 'Background saving started' }],
      ['GET a', { type: 'bulk', value: '1' }],
      ['SET a 2', { type: 'simple', value: 'OK' }],
      ['BGSAVE', { type: 'error', value: 'ERR Background save already in progress' }],
      ['BGSAVE now', { type: 'error', value: 'ERR syntax error' }],
      // The child finished at t0 + 11 µs + 2 ms + 50 ms: second 2.
      ['LASTSAVE', { type: 'integer', value: '2' }],
    ]);
    // fork() runs on the main thread: the GET queued behind it for the whole 2 ms.
    expect(h.replyTo('GET a')?.atNs).toBe(t0 + 11 * US + 2 * MS + 1 * US + 10 * US);
    expect(rdbViews).toEqual([
      { save: '', lastSaveAtMs: null, forkAtMs: null, forkAtUs: null, keys: 0, childWriting: true },
    ]);
    expect(h.lastData('#rdb')).toEqual({
      save: '',
      lastSaveAtMs: 2_052,
      forkAtMs: 2_002,
      forkAtUs: 2_002_011,
      keys: 1,
      childWriting: false,
    });
    expect(h.redis.disk.rdb?.snapshot.keys.map((k) => [k.key, k.value])).toEqual([['a', '1']]);
    expect(h.events.map((x) => x.e.kind)).toEqual(['forked', 'rdb-saved']);
  });

  it('the fork pauses longer with more keys (its page tables grow with the data)', () => {
    const pauseWith = (keys: number) => {
      const h = redisWorld(
        { appendonly: 'no', save: '' },
        { disk: { forkBaseNs: 1 * MS, forkNsPerKey: 10 * US } },
      );
      for (let i = 0; i < keys; i++) h.redis.seed(['SET', `k${i}`, 'v']);
      h.cmd(0, ['BGSAVE']);
      h.cmd(5 * US, ['PING']);
      h.w.engine.run(1 * SEC);
      // BGSAVE runs at 11 µs; PING runs 1 µs after the fork and is back 10 µs later.
      return (h.replyTo('PING')?.atNs ?? 0) - (11 + 1 + 10) * US;
    };
    expect(pauseWith(0)).toBe(1 * MS);
    expect(pauseWith(100)).toBe(1 * MS + 100 * 10 * US);
  });

  it('a crash while the child writes leaves the previous snapshot: the new file was never renamed', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { disk: slowFork });
    const reports: RecoveryReport[] = [];
    h.redis.onRecovered = (r) => reports.push(r);
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['SET', 'a', '2']);
    h.cmd(2 * MS, ['SET', 'b', '2']);
    h.cmd(3 * MS, ['BGSAVE']);
    h.at(30 * MS, () => h.redis.crash('process-kill'));
    h.at(40 * MS, () => h.redis.restart());
    h.cmd(200 * MS, ['BGSAVE']); // the dead child's save is not "in progress" any more
    h.w.engine.run(1 * SEC);
    expect(h.events.map((x) => x.e.kind)).toEqual(['forked', 'loading', 'forked', 'rdb-saved']);
    // What loads: the RDB of the SAVE, one key.
    expect(h.events[1].e).toEqual({ kind: 'loading', source: 'rdb', size: 1 });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      source: 'rdb',
      crashKind: 'process-kill',
      keys: [
        { key: 'a', before: '2', after: '1' },
        { key: 'b', before: '2', after: null },
      ],
    });
    expect(h.replyTo('BGSAVE')?.reply).toEqual({
      type: 'simple',
      value: 'Background saving started',
    });
  });

  it('SAVE writes in the foreground: the file is on disk when it answers', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(1 * MS, ['SAVE'], () => h.redis.crash('power-loss'));
    h.at(10 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.value('a')).toBe('1');
    expect(h.redis.disk.rdb).toMatchObject({ keys: 1, forkAtMs: 1, doneAtMs: 1 });
  });

  it('SAVE during a BGSAVE is refused and writes nothing (the only snapshot is the child’s, never finished)', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { disk: slowFork });
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(1 * MS, ['BGSAVE']);
    h.cmd(5 * MS, ['SAVE']);
    h.at(10 * MS, () => h.redis.crash());
    h.at(11 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.replyTo('SAVE')?.reply).toEqual({
      type: 'error',
      value: 'ERR Background save already in progress',
    });
    expect(h.redis.disk.rdb).toBeNull();
    expect(h.value('a')).toBeNull();
  });

  it('a BGSAVE in a pipeline snapshots the data as of the BGSAVE (real redis-server: later commands of the same read are not in it)', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.pipe(0, [['SET', 'a', '1'], ['BGSAVE'], ['SET', 'b', '2']]);
    h.w.engine.run(1 * SEC);
    expect(h.redis.disk.rdb?.snapshot.keys.map((k) => k.key)).toEqual(['a']);
    expect(h.redis.disk.rdb?.keys).toBe(1);
  });
});

describe('save points (redis.conf `save <seconds> <changes>`)', () => {
  it('saves once for one change: a completed save resets the change count', () => {
    const h = redisWorld({ appendonly: 'no', save: '1 1' });
    h.cmd(0, ['SET', 'a', '1']);
    h.w.engine.run(10 * SEC);
    expect(h.events.map((x) => x.e)).toEqual([
      { kind: 'bgsave', dirty: 1 },
      { kind: 'forked', keys: 1 },
      { kind: 'rdb-saved', keys: 1 },
    ]);
  });

  it('changes made while the child writes stay unsaved and trigger the next save (dirty_before_bgsave)', () => {
    const h = redisWorld({ appendonly: 'no', save: '1 1' });
    h.cmd(0, ['SET', 'a', '1']);
    // The cron save forks at 1 s; the child writes for 5 ms + 1 µs per key.
    h.cmd(1 * SEC + 1 * MS, ['SET', 'b', '2']);
    h.w.engine.run(10 * SEC);
    const saved = h.events.filter((x) => x.e.kind === 'rdb-saved');
    expect(saved.map((x) => x.e)).toEqual([
      { kind: 'rdb-saved', keys: 1 },
      { kind: 'rdb-saved', keys: 2 },
    ]);
    // The next save waits `seconds` after the last one completed.
    expect(saved[1].atNs - saved[0].atNs).toBeGreaterThanOrEqual(1 * SEC);
    expect(saved[1].atNs - saved[0].atNs).toBeLessThanOrEqual(2.1 * SEC);
  });

  it('a point met later but due sooner wins over one met first (save "10 1 1 3")', () => {
    const h = redisWorld({ appendonly: 'no', save: '10 1 1 3' });
    for (let i = 0; i < 3; i++) h.cmd(i * MS, ['SET', `k${i}`, 'v']);
    h.w.engine.run(20 * SEC);
    // serverCron checks every point at hz 10: "1 3" is met at 1 s (within about a second more).
    const forked = h.events.find((x) => x.e.kind === 'forked')?.atNs ?? Infinity;
    expect(forked).toBeGreaterThanOrEqual(1 * SEC);
    expect(forked).toBeLessThanOrEqual(2.1 * SEC);
  });

  it('an empty save line never saves', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    for (let i = 0; i < 50; i++) h.cmd(i * MS, ['SET', `k${i}`, 'v']);
    h.w.engine.run(100 * SEC);
    expect(h.redis.disk.rdb).toBeNull();
    expect(h.events).toEqual([]);
  });

  it('a save point narrates when nobody listens, and not once a scenario does', () => {
    const h = redisWorld({ appendonly: 'no', save: '1 1' });
    h.redis.onPersist = null;
    h.cmd(0, ['SET', 'a', '1']);
    h.w.engine.run(5 * SEC);
    const beats = h.w.entries.flatMap((e) => (e.k === 'narrate' ? [e.beat] : []));
    expect(beats).toEqual(['bgsave']);
    let called = 0;
    const g = redisWorld({ appendonly: 'no', save: '1 1' });
    g.redis.onSavePoint = () => called++;
    g.cmd(0, ['SET', 'a', '1']);
    g.w.engine.run(5 * SEC);
    expect(called).toBe(1);
    expect(g.w.entries.some((e) => e.k === 'narrate')).toBe(false);
    expect(g.redis.disk.rdb?.keys).toBe(1);
  });
});
