import { formatCell, outcomeAt, runScenario, scenarios } from '../../../src/scenarios';

describe('scoreboard(trace, tNs, params)', () => {
  it('every scenario of the catalog declares one', () => {
    expect(scenarios.filter((s) => !s.scoreboard).map((s) => s.id)).toEqual([]);
  });
  for (const spec of scenarios.filter((s) => s.scoreboard))
    it(`${spec.id}: equals the outcome at the last frame, keeps its shape, counts up`, () => {
      const run = runScenario(spec.id, { seed: 3 });
      const board = (trace: typeof run.trace, tNs: number, params: typeof run.params) =>
        spec.scoreboard!(trace, tNs, params);
      const end = board(run.trace, run.trace.endNs, run.params);
      const checked = end.rows.flatMap((r) => r.cells.filter((c) => c.of !== undefined));
      expect(checked.length).toBeGreaterThan(0);
      for (const c of checked) expect(c.v).toEqual(outcomeAt(run.outcome, c.of!));
      const start = board(run.trace, 0, run.params);
      const shape = (b: typeof end): unknown => [
        b.title,
        b.columns,
        b.rows.map((r) => [r.label, r.cells.length]),
      ];
      expect(shape(start)).toEqual(shape(end));
      // It counts up: some cell reads differently at the start than at the end.
      const text = (b: typeof end): string[] => b.rows.flatMap((r) => r.cells.map(formatCell));
      expect(text(start)).not.toEqual(text(end));
    });
});

describe('formatCell', () => {
  it.each([
    [{ v: 1234 }, '1,234'],
    [{ v: 2.345, unit: 'ms' }, '2.3 ms'],
    [{ v: 2.345, unit: 'ms', digits: 2 }, '2.35 ms'],
    [{ v: 83, unit: '%', digits: 0 }, '83%'],
    // Formatters are cached per digit count: each must keep its own options.
    [{ v: 1234567.891, digits: 2 }, '1,234,567.89'],
    [{ v: 2.5, digits: 0 }, '3'],
    [{ v: -1234.5 }, '-1,234.5'],
    [{ v: null }, '–'],
    [{ v: 'yes' }, 'yes'],
  ])('formatCell(%j) is %s', (cell, text) => expect(formatCell(cell)).toBe(text));
});
