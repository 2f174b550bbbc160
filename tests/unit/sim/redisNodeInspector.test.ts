import type { Json } from '../../../src/sim';
import { MS, redisWorld, SEC } from './redisNodeHarness';

/** A command as RESP puts it in the AOF (an array of bulk strings). */
const resp = (...argv: string[]) =>
  `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

describe('the #aof item: the AOF tail the Inspector shows', () => {
  it('shows the last 8 records, marking which are fsynced, and counts the commands wholly on disk', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    for (let i = 1; i <= 5; i++) h.cmd(0, ['SET', `k${i}`, 'v']);
    // everysec: fsynced by about 1 s; these four come after it.
    for (let i = 6; i <= 9; i++) h.cmd(1500 * MS, ['SET', `k${i}`, 'v']);
    let view: Json | undefined;
    h.at(1600 * MS, () => (view = h.lastData('#aof')));
    h.w.engine.run(1700 * MS);
    const records = [
      resp('SELECT', '0'),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => resp('SET', `k${i}`, 'v')),
    ];
    const synced = records.slice(0, 6).reduce((n, r) => n + r.length, 0);
    expect(view).toEqual({
      appendonly: true,
      appendfsync: 'everysec',
      writtenBytes: records.reduce((n, r) => n + r.length, 0),
      syncedBytes: synced,
      commands: 10,
      syncedCommands: 6,
      tail: records.slice(2).map((text, i) => ({ text, bytes: text.length, synced: i < 4 })),
    });
  });
});

describe('the #rdb item: the last snapshot and the child', () => {
  it('shows the save line, the child while it writes, then the completed snapshot', () => {
    const h = redisWorld(
      { appendonly: 'no', save: '3600 1 300 100' },
      { disk: { rdbWriteBaseNs: 50 * MS, rdbWriteNsPerKey: 0 } },
    );
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(0, ['SET', 'b', '1']);
    h.cmd(10 * MS, ['BGSAVE']);
    const views: Json[] = [];
    h.at(30 * MS, () => views.push(h.lastData('#rdb')!));
    h.at(200 * MS, () => views.push(h.lastData('#rdb')!));
    h.w.engine.run(300 * MS);
    const forked = h.events.find((x) => x.e.kind === 'forked')!.atNs;
    const saved = h.events.find((x) => x.e.kind === 'rdb-saved')!.atNs;
    expect(views).toEqual([
      {
        save: '3600 1 300 100',
        lastSaveAtMs: null,
        forkAtMs: null,
        forkAtUs: null,
        keys: 0,
        childWriting: true,
      },
      {
        save: '3600 1 300 100',
        lastSaveAtMs: Math.floor(saved / MS),
        forkAtMs: Math.floor(forked / MS),
        forkAtUs: Math.round(forked / 1000),
        keys: 2,
        childWriting: false,
      },
    ]);
  });

  it('a snapshot without a fork time in ns (forkAtNs is optional) shows forkAtUs null, not NaN', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.redis.disk.rdb = { snapshot: h.redis.store.snapshot(), forkAtMs: 5, doneAtMs: 7, keys: 0 };
    h.at(1 * MS, () => h.redis.crash());
    h.w.engine.run(2 * MS);
    expect(h.lastData('#rdb')).toMatchObject({ forkAtMs: 5, lastSaveAtMs: 7, forkAtUs: null });
  });
});

describe('#blocked and pushes', () => {
  it('records who waits in a blocking pop only when that changes', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'y', '1']); // nobody waits yet: nothing to record
    h.cmd(500_000, ['BLPOP', 'q', '0'], undefined, 'app#w');
    h.cmd(1 * MS, ['SET', 'x', '1']);
    h.cmd(2 * MS, ['GET', 'x']);
    h.cmd(3 * MS, ['RPUSH', 'q', 'job']);
    h.w.engine.run(1 * SEC);
    const blocked = h.w.entries.flatMap((e) =>
      e.k === 'data' && e.node === 'redis' && e.key === '#blocked' ? [e.value] : [],
    );
    expect(blocked).toEqual([[{ client: 'app#w', command: 'BLPOP', keys: ['q'] }], []]);
  });

  it('a message goes to the node of each subscribed connection; a connection of no linked node gets nothing', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SUBSCRIBE', 'ch'], undefined, 'app#sub');
    h.redis.seed(['SUBSCRIBE', 'ch'], 'ghost#1');
    h.cmd(1 * MS, ['PUBLISH', 'ch', 'hi']);
    h.w.engine.run(1 * SEC);
    // Redis counts both subscribers; only the one on a linked node is reachable.
    expect(h.replyTo('PUBLISH ch hi')?.reply).toEqual({ type: 'integer', value: '2' });
    const pushes = h.sent().filter((p) => p.kind === 'push');
    expect(pushes.map((p) => [p.to, p.payload])).toEqual([
      [
        'app',
        {
          conn: 'app#sub',
          reply: {
            type: 'array', // RESP2: a message is a plain three-element array
            value: [
              { type: 'bulk', value: 'message' },
              { type: 'bulk', value: 'ch' },
              { type: 'bulk', value: 'hi' },
            ],
          },
        },
      ],
    ]);
  });
});

describe('crash()', () => {
  it('is a process kill by default: what was written to the OS survives without an fsync', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'everysec', save: '' });
    h.cmd(0, ['SET', 'k', 'v']);
    h.at(100 * MS, () => h.redis.crash());
    h.at(200 * MS, () => h.redis.restart());
    h.w.engine.run(2 * SEC);
    expect(h.value('k')).toBe('v');
  });

  it('with the keyspace summarized, a read after the restart records nothing new', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { keyspaceSummary: true });
    h.pipe(0, [
      ['SET', 'a', '1'],
      ['SET', 'b', '1'],
    ]);
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.redis.restart());
    h.cmd(100 * MS, ['GET', 'a']);
    h.w.engine.run(1 * SEC);
    const after = h.w.entries.filter(
      (e) => e.k === 'data' && e.node === 'redis' && e.key === '#keyspace' && e.t >= 1 * MS,
    );
    expect(after.map((e) => (e.k === 'data' ? e.value : null))).toEqual([{ keys: 0, ranges: [] }]);
    expect(h.replyTo('GET a')?.reply).toEqual({ type: 'bulk', value: null });
  });
});
