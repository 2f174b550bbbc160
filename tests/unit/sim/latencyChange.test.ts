import { Actor, fixed, PostgresNode, POSTGRES_DEFAULTS, World } from '../../../src/sim';

describe('latency changes in the model', () => {
  it('World.setLinkLatency() retimes packets sent after it and throws for a missing link', () => {
    const w = new World(1);
    w.add(new Actor(w, 'a', 'client'));
    w.add(new Actor(w, 'b', 'client'));
    w.link('a', 'b', fixed(100));
    const first = w.send({ from: 'a', to: 'b', kind: 'request', label: 'x', payload: null });
    w.setLinkLatency('a', 'b', fixed(5_000));
    const second = w.send({ from: 'b', to: 'a', kind: 'request', label: 'y', payload: null });
    expect(first.deliverNs - first.sentNs).toBe(100);
    expect(second.deliverNs - second.sentNs).toBe(5_000);
    expect(() => w.setLinkLatency('a', 'c', fixed(1))).toThrow('no link between a and c');
  });

  it('PostgresNode.setCostNs() changes the cost of queries that arrive after it', () => {
    const w = new World(1);
    const pg = w.add(
      new PostgresNode(w, 'pg', { ...POSTGRES_DEFAULTS, queryCostNs: 1_000, bufferHitRatio: 1 }),
    );
    const app = w.add(new Actor(w, 'app', 'client'));
    w.link('app', 'pg', fixed(0));
    const done: number[] = [];
    const ask = (): void =>
      app.run(app.pg('pg', { sql: 'SELECT', op: 'select', key: 'k' }), () => done.push(w.nowNs));
    ask();
    w.engine.at(10_000, () => {
      pg.setCostNs(7_000);
      ask();
    });
    w.finish();
    expect(done).toEqual([1_000, 17_000]);
  });
});
