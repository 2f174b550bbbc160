import {
  Actor,
  fixed,
  PostgresNode,
  POSTGRES_DEFAULTS,
  World,
  type PgResult,
  type PostgresOptions,
} from '../../../src/sim';

// Oracle: FACTS.md (a primary-key lookup with every page in shared_buffers
// costs the query time; a page not cached adds one disk read; a write waits
// for its WAL fsync before COMMIT) and Postgres's own words: "FATAL: sorry,
// too many clients already", a SELECT answers its rows ("0 rows" / "1 row"),
// a write answers COMMIT. Link latency 0: every ns below is the node's.

const US = 1_000;

function setup(opts: Partial<PostgresOptions> = {}) {
  const w = new World(3);
  const pg = w.add(
    new PostgresNode(w, 'pg', {
      ...POSTGRES_DEFAULTS,
      queryCostNs: 10 * US,
      bufferHitRatio: 1,
      diskReadNs: 50 * US,
      pagesPerQuery: 3,
      commitFsyncNs: 1_000 * US,
      ...opts,
    }),
  );
  const app = w.add(new Actor(w, 'app', 'webServer'));
  w.link('app', 'pg', fixed(0));
  const done: [number, PgResult][] = [];
  const ask = (op: 'select' | 'update' | 'insert', key: string, value?: string) =>
    app.run(app.pg('pg', { sql: op.toUpperCase(), op, key, ...(value ? { value } : {}) }), (r) =>
      done.push([w.nowNs, r]),
    );
  const labels = () =>
    w.entries.flatMap((e) => (e.k === 'send' && e.p.from === 'pg' ? [e.p.label] : []));
  const metrics = () =>
    w.entries.flatMap((e) => (e.k === 'metric' ? [[e.t, e.name, e.value] as const] : []));
  return { w, pg, ask, done, labels, metrics };
}

describe('PostgresNode: cost of a query', () => {
  it('every page missing from the buffer cache adds one disk read', () => {
    const { w, pg, ask, done } = setup({ bufferHitRatio: 0 });
    ask('select', 'k');
    w.engine.run();
    expect(done).toEqual([[10 * US + 3 * 50 * US, { row: null }]]);
    expect(pg.stats.diskReads).toBe(3);
  });

  it('an INSERT is a write too: it waits for the WAL fsync', () => {
    const { w, pg, ask, done, labels } = setup();
    ask('insert', 'k', 'v');
    w.engine.run();
    expect(done).toEqual([[10 * US + 1_000 * US, { row: 'v' }]]);
    expect(pg.rows.get('k')).toBe('v');
    expect(labels()).toEqual(['COMMIT']);
    // The row is recorded for the Inspector.
    expect(w.entries.some((e) => e.k === 'data' && e.key === 'k' && e.value === 'v')).toBe(true);
  });

  it('a write without a value stores NULL', () => {
    const { w, pg, ask, done } = setup();
    ask('update', 'k');
    w.engine.run();
    expect(done[0][1]).toEqual({ row: null });
    expect(pg.rows.has('k')).toBe(true);
  });

  it('labels a SELECT by its rows', () => {
    const { w, pg, ask, labels } = setup();
    pg.seed('a', 1);
    ask('select', 'a');
    w.engine.at(1_000 * US, () => ask('select', 'b'));
    w.engine.run();
    expect(labels()).toEqual(['1 row', '0 rows']);
  });

  it('a new cost applies to queries that arrive later, rounded to the ns and never negative', () => {
    const { w, pg, ask, done } = setup();
    w.engine.at(1_000 * US, () => {
      pg.setCostNs(20_000.4);
      ask('select', 'k');
    });
    w.engine.at(2_000 * US, () => {
      pg.setCostNs(-5);
      ask('select', 'k');
    });
    w.engine.run();
    expect(done.map(([t]) => t)).toEqual([1_020 * US, 2_000 * US]);
  });
});

describe('PostgresNode: the wait queue', () => {
  it('counts the queue as a metric when a query waits and when one leaves it', () => {
    const { w, ask, metrics, labels } = setup({ maxConnections: 1, queueLimit: 5 });
    ask('select', 'k');
    ask('select', 'k');
    ask('select', 'k');
    w.engine.run();
    expect(metrics()).toEqual([
      [0, 'pg.queue', 1],
      [0, 'pg.queue', 2],
      [10 * US, 'pg.queue', 1],
      [20 * US, 'pg.queue', 0],
    ]);
    expect(labels()).toEqual(['0 rows', '0 rows', '0 rows']);
  });

  it('refuses with FATAL once the queue is full; a queued query keeps the cost it had', () => {
    const { w, pg, ask, done, labels } = setup({ maxConnections: 1, queueLimit: 1 });
    ask('select', 'k');
    ask('select', 'k');
    ask('select', 'k');
    w.engine.at(1, () => pg.setCostNs(100 * US)); // the queued one was priced at arrival
    w.engine.run();
    expect(labels()).toEqual(['FATAL: sorry, too many clients already', '0 rows', '0 rows']);
    expect(done.map(([t, r]) => [t, r.error ?? 'ok'])).toEqual([
      [0, 'sorry, too many clients already'],
      [10 * US, 'ok'],
      [20 * US, 'ok'],
    ]);
    expect(pg.stats).toMatchObject({ queries: 2, refused: 1, peakQueue: 1 });
  });

  it('is down after a crash and up after a restart', () => {
    const { w, pg } = setup();
    expect(pg.up).toBe(true);
    w.engine.at(1, () => pg.crash());
    w.engine.run();
    expect(pg.up).toBe(false);
    pg.restart();
    expect(pg.up).toBe(true);
  });
});
