import { runScenario } from '../../../src/scenarios';
import {
  Actor,
  fixed,
  MachineHost,
  PostgresNode,
  pushLabel,
  POSTGRES_DEFAULTS,
  RedisNode,
  World,
  type Packet,
  type Proc,
  type Reply,
} from '../../../src/sim';
import { actorMachine } from '../../../src/sim/machines/actor';
import { postgresMachine } from '../../../src/sim/machines/postgres';
import { redisMachine } from '../../../src/sim/machines/redis';

const states = (w: World, node: string) =>
  w.entries
    .filter((e) => e.k === 'state' && e.node === node)
    .map((e) => (e.k === 'state' ? `${e.t}:${e.value}` : ''));

describe('redisMachine', () => {
  it('runs queued commands one at a time, each after its cost', () => {
    const w = new World(1);
    const ran: number[] = [];
    const h = new MachineHost(
      w,
      'r',
      redisMachine,
      { commandCostNs: 1000 },
      { execute: () => ran.push(w.nowNs) },
    );
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'ARRIVE' });
    expect(h.value).toBe('busy');
    w.engine.run();
    expect(ran).toEqual([1000, 2000, 3000]);
    expect(h.value).toBe('idle');
  });

  it('pauses the thread for a fork and for an fsync, then resumes the queue', () => {
    const w = new World(1);
    const log: string[] = [];
    const h = new MachineHost(
      w,
      'r',
      redisMachine,
      { commandCostNs: 100 },
      {
        execute: () => log.push(`exec@${w.nowNs}`),
        forked: () => log.push(`forked@${w.nowNs}`),
        synced: () => log.push(`synced@${w.nowNs}`),
      },
    );
    h.send({ type: 'FORK', ns: 500 });
    h.send({ type: 'ARRIVE' });
    expect(h.value).toBe('forking');
    w.engine.run();
    h.send({ type: 'FSYNC', ns: 50 });
    expect(h.value).toBe('fsyncing');
    w.engine.run();
    expect(log).toEqual(['forked@500', 'exec@600', 'synced@650']);
  });

  it('a crash cancels the pending command; a restart loads, then serves again', () => {
    const w = new World(1);
    const ran: number[] = [];
    const h = new MachineHost(
      w,
      'r',
      redisMachine,
      { commandCostNs: 1000 },
      { execute: () => ran.push(w.nowNs) },
    );
    h.send({ type: 'ARRIVE' });
    w.engine.at(500, () => h.send({ type: 'CRASH' }));
    w.engine.at(800, () => h.send({ type: 'ARRIVE' }));
    w.engine.at(900, () => h.send({ type: 'RESTART', loadNs: 300 }));
    w.engine.run();
    expect(ran).toEqual([]);
    expect(states(w, 'r')).toEqual(['0:idle', '0:busy', '500:crashed', '900:loading', '1200:idle']);
  });
});

describe('postgresMachine', () => {
  it('runs up to maxConnections at once and marks itself saturated while queries wait', () => {
    const w = new World(1);
    const done: number[] = [];
    const waiting: { qid: number; costNs: number }[] = [];
    const h: MachineHost<typeof postgresMachine> = new MachineHost(
      w,
      'pg',
      postgresMachine,
      { maxConnections: 2 },
      {
        finished: (p) => {
          done.push(p.qid as number);
          const next = waiting.shift();
          if (next) h.send({ type: 'RUN', ...next });
        },
      },
    );
    for (let qid = 1; qid <= 4; qid++) {
      if (h.context.active >= 2) waiting.push({ qid, costNs: 100 });
      h.send({ type: 'QUERY', qid, costNs: 100 });
    }
    expect(h.value).toBe('saturated');
    expect(h.context).toMatchObject({ active: 2, queued: 2 });
    w.engine.run();
    expect(done).toEqual([1, 2, 3, 4]);
    expect(w.engine.nowNs).toBe(200);
    expect(h.value).toBe('idle');
  });
});

describe('actorMachine', () => {
  it('is busy while any process runs and idle after the last ends', () => {
    const w = new World(1);
    const h = new MachineHost(w, 'web', actorMachine('webServer'), undefined);
    h.send({ type: 'BEGIN' });
    h.send({ type: 'BEGIN' });
    h.send({ type: 'END' });
    expect(h.value).toBe('busy');
    h.send({ type: 'END' });
    expect(h.value).toBe('idle');
    h.send({ type: 'CRASH' });
    expect(h.value).toBe('down');
    h.send({ type: 'BEGIN' });
    expect(h.value).toBe('down');
  });
});

describe('PostgresNode', () => {
  function setup(opts: Partial<typeof POSTGRES_DEFAULTS>) {
    const w = new World(3);
    const pg = w.add(
      new PostgresNode(w, 'pg', { ...POSTGRES_DEFAULTS, bufferHitRatio: 1, ...opts }),
    );
    const app = w.add(new Actor(w, 'app', 'webServer'));
    w.link('app', 'pg', fixed(1000));
    pg.seed('user:1', { name: 'Ada' });
    return { w, pg, app };
  }

  it('answers a select with the row after the round trip plus the query cost', () => {
    const { w, app } = setup({ queryCostNs: 5000 });
    let got: unknown = null;
    app.run(app.pg('pg', { sql: 'SELECT', op: 'select', key: 'user:1' }), (r) => (got = r));
    w.engine.run();
    expect(got).toEqual({ row: { name: 'Ada' } });
    expect(w.engine.nowNs).toBe(1000 + 5000 + 1000);
  });

  it('refuses queries beyond the wait queue with "too many clients"', () => {
    const { w, pg, app } = setup({ maxConnections: 1, queueLimit: 2, queryCostNs: 1e6 });
    const results: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++)
      app.run(app.pg('pg', { sql: 'SELECT', op: 'select', key: 'user:1' }), (r) =>
        results.push(r.error),
      );
    w.engine.run();
    expect(results.filter((e) => e === 'sorry, too many clients already')).toHaveLength(2);
    expect(pg.stats).toMatchObject({ queries: 3, refused: 2, peakQueue: 2 });
  });

  it('pays a disk read for each page the buffer cache misses', () => {
    const { w, pg, app } = setup({
      bufferHitRatio: 0,
      diskReadNs: 10_000,
      pagesPerQuery: 3,
      queryCostNs: 0,
    });
    app.run(app.pg('pg', { sql: 'SELECT', op: 'select', key: 'user:1' }));
    w.engine.run();
    expect(pg.stats.diskReads).toBe(3);
    expect(w.engine.nowNs).toBe(2000 + 30_000);
  });
});

describe('RedisNode', () => {
  function setup(config: Record<string, string> = {}) {
    const w = new World(5);
    const redis = w.add(new RedisNode(w, 'redis', { commandCostNs: 1000, config }));
    const app = w.add(new Actor(w, 'app', 'webServer'));
    w.link('app', 'redis', fixed(10_000));
    return { w, redis, app };
  }
  const call = (app: Actor, argv: string[], out: Reply[]): Proc<void> =>
    (function* () {
      out.push(yield* app.redis('redis', argv));
    })();

  it('answers -LOADING while it loads, and connection refused while crashed', () => {
    const { w, redis, app } = setup({ appendonly: 'yes' });
    const out: Reply[] = [];
    app.run(call(app, ['SET', 'a', '1'], out));
    w.engine.at(100_000, () => redis.crash('process-kill'));
    w.engine.at(200_000, () => app.run(call(app, ['GET', 'a'], out)));
    w.engine.at(300_000, () => redis.restart());
    w.engine.at(300_000, () => app.run(call(app, ['GET', 'a'], out)));
    w.engine.at(10_000_000, () => app.run(call(app, ['GET', 'a'], out)));
    w.engine.run();
    expect(out).toEqual([
      { type: 'simple', value: 'OK' },
      { type: 'error', value: 'Connection refused' },
      { type: 'error', value: 'LOADING Redis is loading the dataset in memory' },
      { type: 'bulk', value: '1' },
    ]);
  });

  it('sizes Redis packets as RESP on the wire, and labelBytes puts the size first on every label', () => {
    const { w, app } = setup();
    w.labelBytes = true;
    app.run(call(app, ['SET', 'a', '1'], []));
    w.engine.run();
    const sends = w.entries.flatMap((e) => (e.k === 'send' ? [e.p] : []));
    // *3 $3 SET $1 a $1 1 = 27 bytes; +OK = 5 bytes; each plus a 40-byte TCP/IP header.
    expect(sends.map((p) => [p.bytes, p.label])).toEqual([
      [67, '67 B · SET a 1'],
      [45, '45 B · OK'],
    ]);
  });

  it('holds the reply of a write until the fsync under appendfsync always', () => {
    const { w, redis, app } = setup({ appendonly: 'yes', appendfsync: 'always' });
    const seen: Packet[] = [];
    app.run(call(app, ['SET', 'a', '1'], []));
    w.engine.run();
    for (const e of w.entries) if (e.k === 'send' && e.p.from === 'redis') seen.push(e.p);
    // 10 µs there, 1 µs of work, 1 ms fsync, then the reply.
    expect(seen[0].sentNs).toBe(10_000 + 1000 + redis.timings.fsyncNs);
    expect(redis.disk.syncedBytes).toBe(redis.disk.writtenBytes);
  });

  it('a save point met during an always-fsync waits for it: every write is still answered', () => {
    const w = new World(5);
    const redis = w.add(
      new RedisNode(w, 'redis', {
        commandCostNs: 1000,
        config: { appendonly: 'yes', appendfsync: 'always', save: '1 1' },
        disk: { fsyncNs: 50e6 },
      }),
    );
    const app = w.add(new Actor(w, 'app', 'webServer'));
    w.link('app', 'redis', fixed(10_000));
    const out: Reply[] = [];
    // The first write's fsync (980 ms to 1030 ms) spans the save point at 1 s.
    for (let i = 0; i < 8; i++)
      w.engine.at(980e6 + i * 1e6, () => app.run(call(app, ['SET', `k${i}`, 'v'], out)));
    w.engine.run(5e9);
    expect(out).toHaveLength(8);
    expect(out.every((r) => r.type === 'simple' && r.value === 'OK')).toBe(true);
    expect(redis.disk.rdb).not.toBeNull();
  });

  it('SAVE writes the snapshot to disk: a power loss right after keeps the data', () => {
    const { w, redis, app } = setup({ appendonly: 'no', save: '' });
    const out: Reply[] = [];
    app.run(
      (function* () {
        out.push(yield* app.redis('redis', ['SET', 'a', '1']));
        out.push(yield* app.redis('redis', ['SAVE']));
      })(),
    );
    w.engine.at(1e9, () => redis.crash('power-loss'));
    w.engine.at(2e9, () => redis.restart());
    w.engine.run();
    expect(out[1]).toEqual({ type: 'simple', value: 'OK' });
    expect(redis.store.keyView('a', 3000)?.value).toBe('1');
  });

  it('BGSAVE inside MULTI/EXEC forks and finishes, so the next BGSAVE is not "already in progress"', () => {
    const { w, redis, app } = setup({ save: '' });
    const out: Reply[] = [];
    app.run(
      (function* () {
        yield* app.redis('redis', ['SET', 'a', '1']);
        yield* app.redis('redis', ['MULTI']);
        yield* app.redis('redis', ['BGSAVE']);
        out.push(yield* app.redis('redis', ['EXEC']));
        yield* app.sleep(1e9);
        out.push(yield* app.redis('redis', ['BGSAVE']));
      })(),
    );
    w.engine.run();
    // redis-server 7.0 answers "scheduled" inside EXEC (checked live), then forks.
    expect(out[0]).toEqual({
      type: 'array',
      value: [{ type: 'simple', value: 'Background saving scheduled' }],
    });
    expect(out[1]).toEqual({ type: 'simple', value: 'Background saving started' });
    expect(redis.disk.rdb?.keys).toBe(1);
  });

  it('power loss keeps only the fsynced AOF bytes; a process kill keeps them all', () => {
    for (const kind of ['power-loss', 'process-kill'] as const) {
      const { w, redis, app } = setup({ appendonly: 'yes', appendfsync: 'no' });
      app.run(call(app, ['SET', 'a', '1'], []));
      w.engine.at(1e9, () => redis.crash(kind));
      w.engine.at(2e9, () => redis.restart());
      w.engine.run();
      expect(redis.store.keyView('a', 3000)?.value ?? null).toBe(
        kind === 'power-loss' ? null : '1',
      );
    }
  });
});

describe('pushLabel', () => {
  const bulk = (value: string | null) => ({ type: 'bulk' as const, value });
  it.each([
    [
      { type: 'array', value: [bulk('message'), bulk('room'), bulk('hi all')] },
      'message room: hi all',
    ],
    [
      { type: 'array', value: [bulk('pmessage'), bulk('r*'), bulk('room'), bulk('x')] },
      'message room: x',
    ],
    [
      { type: 'array', value: [bulk('subscribe'), bulk('room'), { type: 'integer', value: '1' }] },
      'subscribed room (1)',
    ],
    [{ type: 'array', value: [bulk('jobs'), bulk('email:7')] }, 'BRPOP → jobs: email:7'],
    [{ type: 'array', value: null }, 'BRPOP timed out (nil)'],
  ] as [Reply, string][])('pushLabel(%o) is %s', (reply, label) => {
    expect(pushLabel(reply)).toBe(label);
  });
});

describe('crashes and connections', () => {
  function world3() {
    const w = new World(9);
    const pg = w.add(
      new PostgresNode(w, 'pg', { ...POSTGRES_DEFAULTS, bufferHitRatio: 1, queryCostNs: 5e6 }),
    );
    const browser = w.add(new Actor(w, 'browser', 'client'));
    const sent: string[] = [];
    const web: Actor = w.add(
      new Actor(w, 'web', 'webServer', {
        handler: function* () {
          yield* web.sleep(1e6);
          sent.push('after sleep');
          const r = yield* web.pg('pg', { sql: 'SELECT', op: 'select', key: 'k' });
          return { label: r.error ?? 'ok', payload: { status: r.error ? 503 : 200 } };
        },
      }),
    );
    w.link('browser', 'web', fixed(1000));
    w.link('web', 'pg', fixed(1000));
    return { w, pg, browser, web, sent };
  }

  it('a crashed web server runs nothing more: a handler asleep at the crash never wakes', () => {
    const { w, browser, web, sent } = world3();
    const got: number[] = [];
    browser.run(
      (function* () {
        got.push((yield* browser.http('web', { method: 'GET', path: '/' })).status);
      })(),
    );
    w.engine.at(500_000, () => web.crash());
    w.engine.run();
    expect(sent).toEqual([]);
    // The browser's open connection was reset: no HTTP status at all.
    expect(got).toEqual([0]);
    expect(w.entries.some((e) => e.k === 'send' && e.p.from === 'web' && e.p.to === 'pg')).toBe(
      false,
    );
  });

  it('a request to a crashed node is answered by its kernel with a reset, never left hanging', () => {
    const { w, browser, web } = world3();
    web.crash();
    const got: number[] = [];
    browser.run(
      (function* () {
        got.push((yield* browser.http('web', { method: 'GET', path: '/' })).status);
      })(),
    );
    w.engine.run();
    expect(got).toEqual([0]);
    expect(w.entries.some((e) => e.k === 'drop' && e.reason === 'web is down')).toBe(true);
  });

  it('queries running or waiting when Postgres crashes fail with a reset; its rows survive the restart', () => {
    const { w, pg, browser } = world3();
    pg.seed('k', 'v');
    const got: string[] = [];
    browser.run(
      (function* () {
        const r = yield* browser.http('web', { method: 'GET', path: '/' });
        got.push(`${r.status}`);
      })(),
    );
    w.engine.at(4e6, () => pg.crash());
    w.engine.at(5e6, () => pg.restart());
    w.engine.run();
    expect(got).toEqual(['503']);
    expect(pg.rows.get('k')).toBe('v');
  });
});

describe('cache-aside with its database crashed', () => {
  it('answers 503, caches nothing, and the story still runs to its end', () => {
    const base = runScenario('cache-aside', { seed: 1 });
    const t = base.trace.frames[3].t;
    const r = runScenario('cache-aside', {
      seed: 1,
      interventions: [
        { tNs: t, kind: 'crash', node: 'postgres' },
        { tNs: t + 2e9, kind: 'restart', node: 'postgres' },
      ],
    });
    const beats = r.trace.ofKind('narrate').map((e) => e.beat);
    expect(beats).toContain('db-down');
    expect(beats[beats.length - 1]).toBe('done');
    const sets = r.trace
      .ofKind('send')
      .filter((e) => e.p.to === 'redis' && e.p.label.startsWith('SET'));
    expect(sets.every((e) => !e.p.label.includes('null'))).toBe(true);
  });
});
