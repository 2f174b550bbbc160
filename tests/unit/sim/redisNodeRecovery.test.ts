import type { RecoveryReport } from '../../../src/sim/nodes/redis';
import { MS, redisWorld, SEC, US } from './redisNodeHarness';

const recovered = (h: ReturnType<typeof redisWorld>) => {
  const out: RecoveryReport[] = [];
  h.redis.onRecovered = (r) => out.push(r);
  return out;
};
const narrations = (h: ReturnType<typeof redisWorld>) =>
  h.w.entries.flatMap((e) => (e.k === 'narrate' ? [[e.beat, e.text]] : []));

describe('what a restart loads (FACTS; checked with redis-server 7.0 and kill -9)', () => {
  it('with appendonly yes it replays only the AOF, even when dump.rdb holds more', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    const reports = recovered(h);
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(1 * MS, ['SAVE']); // dump.rdb holds a
    h.cmd(2 * MS, ['DEL', 'a']);
    h.at(3 * MS, () => h.redis.crash('process-kill'));
    h.at(4 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.value('a')).toBeNull();
    // The AOF: SELECT 0, SET, DEL (SAVE changes no data, so it is not logged).
    expect(h.events.find((x) => x.e.kind === 'loading')?.e).toEqual({
      kind: 'loading',
      source: 'aof',
      size: 3,
    });
    // a was already gone before the crash: nothing acknowledged was lost.
    expect(reports).toMatchObject([{ source: 'aof', crashKind: 'process-kill', keys: [] }]);
  });

  it('with appendonly no it loads the last snapshot and reports what came after its fork as lost', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.redis.onPersist = null;
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(0, ['SET', 'b', 'x'.repeat(70)]);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['SET', 'a', '2']);
    h.cmd(2 * MS, ['SET', 'c', '3']);
    h.at(3 * MS, () => h.redis.crash('power-loss'));
    h.at(4 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect([h.value('a'), h.value('b'), h.value('c')]).toEqual(['1', 'x'.repeat(70), null]);
    const lost = h.lastData('#lost') as unknown as RecoveryReport;
    expect(lost).toMatchObject({
      source: 'rdb',
      crashKind: 'power-loss',
      keys: [
        { key: 'a', before: '2', after: '1' },
        { key: 'c', before: '3', after: null },
      ],
    });
    expect(narrations(h)).toEqual([
      [
        'loading',
        'Redis restarts and loads its last RDB snapshot: until it is done, every command gets -LOADING.',
      ],
      ['recovered-redis', 'redis finished loading from its RDB. Lost: a, c.'],
    ]);
  });

  it('with nothing on disk it comes back empty', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.redis.onPersist = null;
    h.cmd(0, ['SET', 'a', '1']);
    for (let i = 0; i < 5; i++) h.cmd(0, ['SET', `k${i}`, 'v']);
    h.at(1 * MS, () => h.redis.crash('process-kill'));
    h.at(2 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(h.redis.store.dbsize).toBe(0);
    expect(narrations(h)).toEqual([
      ['loading', 'Redis restarts with no snapshot and no AOF: it will come back empty.'],
      [
        'recovered-redis',
        'redis finished loading (nothing on disk: it is empty). Lost: a, k0, k1, k2 and more (see the Inspector).',
      ],
    ]);
  });

  it('narrates the AOF replay, and that nothing was lost', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.redis.onPersist = null;
    h.cmd(0, ['SET', 'a', '1']);
    h.at(5 * MS, () => h.redis.crash('power-loss'));
    h.at(6 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(narrations(h)).toEqual([
      [
        'loading',
        'Redis restarts and replays its AOF, command by command: until it is done, every command gets -LOADING.',
      ],
      ['recovered-redis', 'redis finished loading from its AOF. Nothing acknowledged was lost.'],
    ]);
  });

  it('a key whose TTL ran out during the outage is not counted as lost', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    const reports = recovered(h);
    h.cmd(0, ['SET', 't', 'v', 'PX', '50']);
    h.at(1 * MS, () => h.redis.crash('process-kill'));
    h.at(100 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(reports).toMatchObject([{ source: 'none', keys: [] }]);
  });
});

describe('while down and while loading', () => {
  it('refuses connections while crashed and answers -LOADING until the load is done; the AOF replays slower than the RDB loads', () => {
    const loadTime = (appendonly: string) => {
      const h = redisWorld({ appendonly, appendfsync: 'everysec', save: '' });
      for (let i = 0; i < 200; i++) h.redis.seed(['SET', `k${i}`, 'v']);
      h.cmd(0, ['SAVE']);
      h.at(1 * MS, () => h.redis.crash('process-kill'));
      h.cmd(2 * MS, ['GET', 'k1']);
      h.at(10 * MS, () => h.redis.restart());
      h.cmd(10 * MS, ['GET', 'k1']);
      h.w.engine.run(1 * SEC);
      expect(h.seen.map((s) => s.reply)).toEqual([
        { type: 'simple', value: 'OK' },
        { type: 'error', value: 'Connection refused' },
        { type: 'error', value: 'LOADING Redis is loading the dataset in memory' },
      ]);
      const states = h.w.entries.flatMap((e) =>
        e.k === 'state' && e.node === 'redis' ? [[e.t, e.value] as const] : [],
      );
      const start = states.find(([, v]) => v === 'loading')?.[0] ?? 0;
      const end = states.find(([t, v]) => t > start && v === 'idle')?.[0] ?? 0;
      expect(h.redis.store.dbsize).toBe(200);
      return end - start;
    };
    // DISK_DEFAULTS: 2 ms to start, then 1 µs per RDB key or 1.5 µs per AOF command.
    const rdb = loadTime('no');
    const aof = loadTime('yes');
    expect(rdb).toBe(2 * MS + 200 * US);
    expect(aof).toBe(2 * MS + 201 * 1_500); // SELECT 0 and 200 SETs
    expect(aof).toBeGreaterThan(rdb);
  });

  it('a restart forgets CONFIG SET (it reads its config file again) and a running server ignores restart()', () => {
    const h = redisWorld({ appendonly: 'no', save: '3600 1' });
    h.cmd(0, ['CONFIG', 'SET', 'save', '']);
    h.cmd(0, ['SET', 'a', '1']);
    h.at(1 * MS, () => h.redis.restart());
    const seen: string[] = [];
    h.at(2 * MS, () => seen.push(h.redis.config('save'), JSON.stringify(h.value('a'))));
    h.at(3 * MS, () => h.redis.crash());
    h.at(4 * MS, () => h.redis.restart());
    h.at(10 * MS, () => seen.push(h.redis.config('save'), JSON.stringify(h.value('a'))));
    h.w.engine.run(20 * MS);
    expect(seen).toEqual(['', '"1"', '3600 1', 'null']);
    expect(h.events.filter((x) => x.e.kind === 'loading')).toHaveLength(1);
  });

  it('a crash wipes the keys the Inspector shows', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(0, ['SET', 'b', '1']);
    h.at(1 * MS, () => h.redis.crash());
    h.w.engine.run(1 * SEC);
    expect([h.lastData('a'), h.lastData('b')]).toEqual([null, null]);
    expect(h.lastData('#aof')).toMatchObject({ commands: 0 });
  });

  it('with the keyspace summarized, the crash and the loss are summarized too', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { keyspaceSummary: true });
    for (let i = 1; i <= 8; i++) h.cmd(0, ['SET', `k:${i}`, 'v']);
    const views: unknown[] = [];
    h.at(1 * MS, () => views.push(h.lastData('#keyspace')));
    h.at(2 * MS, () => h.redis.crash('power-loss'));
    h.at(3 * MS, () => views.push(h.lastData('#keyspace')));
    h.at(4 * MS, () => h.redis.restart());
    h.w.engine.run(1 * SEC);
    expect(views).toEqual([
      { keys: 8, ranges: ['k:1..k:8'] },
      { keys: 0, ranges: [] },
    ]);
    expect(h.lastData('#lost')).toMatchObject({
      source: 'none',
      count: 8,
      keys: ['k:1', 'k:2', 'k:3', 'k:6', 'k:7', 'k:8'].map((key) => ({
        key,
        before: 'v',
        after: null,
      })),
      ranges: ['k:1..k:8'],
    });
  });
});
