import { describe, expect, it } from 'vitest';
import { runScenario, scenarios } from '../../src/scenarios';
import { World } from '../../src/sim';

describe('the run progress hook', () => {
  it('leaves every scenario trace byte-identical and reports monotone progress', () => {
    for (const s of scenarios) {
      const plain = runScenario(s.id);
      const seen: { simNs: number; events: number }[] = [];
      const hooked = runScenario(s.id, { onProgress: (p) => seen.push(p) });
      expect(JSON.stringify(hooked.trace), s.id).toBe(JSON.stringify(plain.trace));
      expect(JSON.stringify(hooked.outcome), s.id).toBe(JSON.stringify(plain.outcome));
      expect(seen.length, s.id).toBeGreaterThan(0);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i].simNs).toBeGreaterThanOrEqual(seen[i - 1].simNs);
        expect(seen[i].events).toBeGreaterThanOrEqual(seen[i - 1].events);
      }
    }
  });

  it('is identical at every slice size, including with interventions and an event cap', () => {
    const ivs = [{ tNs: 5e9, kind: 'crash' as const, node: 'rdb' }];
    const base = JSON.stringify(
      runScenario('persistence-rdb-vs-aof', { interventions: ivs }).trace,
    );
    const hooked = JSON.stringify(
      runScenario('persistence-rdb-vs-aof', { interventions: ivs, onProgress: () => {} }).trace,
    );
    expect(hooked).toBe(base);
    const spec = scenarios.find((s) => s.id === 'cache-aside')!;
    const run = (every?: number, max = 100) => {
      const w = new World(1);
      const b = spec.build(w, Object.fromEntries(spec.params.map((p) => [p.name, p.default])));
      const t = every ? w.finish(b.untilNs, max, () => {}, every) : w.finish(b.untilNs, max);
      return JSON.stringify({ t, now: w.nowNs, n: w.engine.executed });
    };
    for (const max of [1, 99, 100, 5_000_000]) {
      const want = run(undefined, max);
      for (const every of [1, 7, 50, 100, 2000])
        expect(run(every, max), `${every}/${max}`).toBe(want);
    }
  });
});
