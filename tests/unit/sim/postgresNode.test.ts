import {
  Actor,
  fixed,
  PostgresNode,
  POSTGRES_DEFAULTS,
  World,
  type PgResult,
  type PostgresOptions,
} from '../../../src/sim';

const US = 1_000;

/** Postgres with every page cached (no random disk reads), 10 µs per query, a 1 ms WAL fsync. */
function setup(opts: Partial<PostgresOptions> = {}) {
  const w = new World(3);
  const pg = w.add(
    new PostgresNode(w, 'pg', {
      ...POSTGRES_DEFAULTS,
      queryCostNs: 10 * US,
      bufferHitRatio: 1,
      commitFsyncNs: 1_000 * US,
      ...opts,
    }),
  );
  const app = w.add(new Actor(w, 'app', 'webServer'));
  w.link('app', 'pg', fixed(0));
  const done: [number, PgResult][] = [];
  const ask = (op: 'select' | 'update', key: string, value?: string) =>
    app.run(app.pg('pg', { sql: op.toUpperCase(), op, key, ...(value ? { value } : {}) }), (r) =>
      done.push([w.nowNs, r]),
    );
  return { w, pg, ask, done };
}

describe('PostgresNode', () => {
  it('a write commits after its WAL fsync and is then readable', () => {
    const { w, pg, ask, done } = setup();
    ask('update', 'u:1', 'ada');
    w.engine.at(2_000 * US, () => ask('select', 'u:1'));
    w.engine.at(3_000 * US, () => ask('select', 'u:2'));
    w.engine.run();
    expect(done).toEqual([
      [1_010 * US, { row: 'ada' }],
      [2_010 * US, { row: 'ada' }],
      [3_010 * US, { row: null }],
    ]);
    expect(pg.stats.queries).toBe(3);
  });

  it('runs maxConnections queries at once, queues the rest, and refuses past the queue limit (FATAL: sorry, too many clients already)', () => {
    const { w, pg, ask, done } = setup({ maxConnections: 2, queueLimit: 1 });
    for (let i = 0; i < 4; i++) ask('select', 'k');
    w.engine.run();
    expect(done.map(([t, r]) => [t, r.error ?? 'ok'])).toEqual([
      [0, 'sorry, too many clients already'],
      [10 * US, 'ok'],
      [10 * US, 'ok'],
      [20 * US, 'ok'],
    ]);
    expect(pg.stats).toMatchObject({ queries: 3, refused: 1, peakQueue: 1 });
  });

  it('a crash resets running and waiting queries; committed rows survive it', () => {
    const { w, pg, ask, done } = setup({ maxConnections: 1 });
    ask('update', 'u:1', 'ada');
    w.engine.at(2_000 * US, () => {
      ask('select', 'u:1');
      ask('select', 'u:1');
    });
    w.engine.at(2_005 * US, () => pg.crash());
    w.engine.at(3_000 * US, () => pg.restart());
    w.engine.at(4_000 * US, () => ask('select', 'u:1'));
    w.engine.run();
    expect(done.map(([, r]) => r)).toEqual([
      { row: 'ada' },
      { row: null, error: 'connection reset' },
      { row: null, error: 'connection reset' },
      { row: 'ada' },
    ]);
  });
});
