import { Actor, fixed, RedisNode, World, type Proc } from '../../../src/sim';

const MS = 1_000_000;

function setup(config: Record<string, string>) {
  const w = new World(5);
  const redis = w.add(new RedisNode(w, 'redis', { commandCostNs: 1000, config }));
  const app = w.add(new Actor(w, 'app', 'webServer'));
  w.link('app', 'redis', fixed(10_000));
  const set = (atNs: number, key: string) =>
    w.engine.at(atNs, () =>
      app.run(
        (function* (): Proc<void> {
          yield* app.redis('redis', ['SET', key, 'v']);
        })(),
      ),
    );
  return { w, redis, set };
}

// Redis 7.0 serverCron (src/server.c) saves when `server.dirty >= sp->changes`
// (and the seconds have passed): a save point is met by exactly `changes` writes.
describe('a save point reached exactly (dirty == changes)', () => {
  it.each([
    [2, null],
    [3, 3],
    [4, 4],
  ])('save "1 3" after %i writes: the RDB on disk holds %s keys', (writes, keys) => {
    const { w, redis, set } = setup({ appendonly: 'no', save: '1 3' });
    for (let i = 0; i < writes; i++) set(i * MS, `k${i}`);
    w.engine.run(5_000 * MS);
    expect(redis.disk.rdb?.keys ?? null).toBe(keys);
  });
});

// appendfsync everysec: each write reaches the OS at once (write(2)) and the
// disk within about a second (a background fsync). A power loss keeps only the
// fsynced prefix; a killed process keeps everything written to the OS.
describe('a crash while an everysec fsync is pending', () => {
  function crashAt(crashNs: number, kind: 'power-loss' | 'process-kill', writes: number[]) {
    const { w, redis, set } = setup({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    writes.forEach((t, i) => set(t, `k${i}`));
    w.engine.at(crashNs, () => redis.crash(kind));
    w.engine.at(crashNs + 100 * MS, () => redis.restart());
    w.engine.run(10_000 * MS);
    const kept = writes.map((_, i) => redis.store.keyView(`k${i}`, 20_000)?.value ?? null);
    return { kept, redis };
  }

  it('a power loss before the first fsync loses the write', () => {
    expect(crashAt(500 * MS, 'power-loss', [0]).kept).toEqual([null]);
  });

  it('a power loss just before the fsync completes loses it; just after keeps it', () => {
    // The fsync starts on the next second boundary and takes fsyncNs (1 ms).
    expect(crashAt(1_000 * MS, 'power-loss', [0]).kept).toEqual([null]);
    const after = crashAt(1_001 * MS + 1, 'power-loss', [0]);
    expect(after.kept).toEqual(['v']);
    // Every record survived whole: nothing was cut at the synced boundary.
    expect(after.redis.disk.syncedBytes).toBe(after.redis.disk.writtenBytes);
  });

  it('a power loss loses only the not-yet-fsynced tail', () => {
    const { kept, redis } = crashAt(1_500 * MS, 'power-loss', [0, 1_200 * MS, 1_300 * MS]);
    expect(kept).toEqual(['v', null, null]);
    // The AOF after the crash is exactly the first SET (plus its SELECT).
    expect(redis.disk.text()).toContain('k0');
    expect(redis.disk.text()).not.toContain('k1');
  });

  it('a killed process loses nothing written to the OS, fsynced or not', () => {
    expect(crashAt(1_500 * MS, 'process-kill', [0, 1_200 * MS, 1_300 * MS]).kept).toEqual([
      'v',
      'v',
      'v',
    ]);
    expect(crashAt(500 * MS, 'process-kill', [0]).kept).toEqual(['v']);
  });
});

describe('when the save point fires, and the fsync window', () => {
  // serverCron also needs `unixtime - lastsave > seconds` in whole seconds, checked
  // at hz 10: the save starts once `seconds` have passed and within about a second
  // more. Of several points, the first one met wins.
  it('a save point fires once its seconds have passed since the last save, at the earliest point met', () => {
    for (const [save, atMs] of [
      ['1 3', 1_000],
      ['2 1 1 3', 1_000],
      ['2 1 1 4', 2_000],
    ] as const) {
      const { w, redis, set } = setup({ appendonly: 'no', save });
      for (let i = 0; i < 3; i++) set(i * MS, `k${i}`);
      w.engine.run(5_000 * MS);
      expect(redis.disk.rdb?.forkAtMs, save).toBeGreaterThanOrEqual(atMs);
      expect(redis.disk.rdb?.forkAtMs, save).toBeLessThanOrEqual(atMs + 1_100);
      expect(redis.disk.rdb?.keys, save).toBe(3);
    }
  });

  it('a crash before the save point is due leaves no snapshot', () => {
    const { w, redis, set } = setup({ appendonly: 'no', save: '1 3' });
    for (let i = 0; i < 3; i++) set(i * MS, `k${i}`);
    w.engine.at(900 * MS, () => redis.crash('power-loss'));
    w.engine.run(5_000 * MS);
    expect(redis.disk.rdb).toBeNull();
  });

  it('a write that lands while the fsync runs is not covered by it', () => {
    const { w, redis, set } = setup({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    set(0, 'early');
    // The fsync starts at 1 s and takes 1 ms; this write reaches the OS during it.
    set(1_000 * MS + 200_000, 'during');
    w.engine.at(1_500 * MS, () => redis.crash('power-loss'));
    w.engine.at(1_600 * MS, () => redis.restart());
    w.engine.run(10_000 * MS);
    expect(redis.store.keyView('early', 20_000)?.value).toBe('v');
    expect(redis.store.keyView('during', 20_000)).toBeNull();
  });

  it('a crash in the middle of an fsync: the fsync never completes', () => {
    const { w, redis, set } = setup({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    set(0, 'k');
    w.engine.at(1_000 * MS + 500_000, () => redis.crash('power-loss'));
    w.engine.at(1_600 * MS, () => redis.restart());
    w.engine.run(10_000 * MS);
    expect(redis.store.keyView('k', 20_000)).toBeNull();
  });
});
