import { runScenario, scenarios } from '../../../src/scenarios';
import { narrationProblems, unquotedNumbers } from './narrationCheck';

// The rules of "Every scene teaches" for the whole catalog: every scenario has a
// scoreboard, numbers its steps once, quotes every number from the trace, and
// closes on a Summary — at defaults, and after the learner crashes a node mid-run.
describe('narration rules, every scenario', () => {
  for (const spec of scenarios) {
    it(`${spec.id}: at defaults (seeds 1, 2) every beat keeps the rules`, () => {
      for (const seed of [1, 2])
        expect(narrationProblems(spec.id, runScenario(spec.id, { seed }))).toEqual([]);
    });
    it(`${spec.id}: a crash mid-run is narrated without an unsourced number`, () => {
      const base = runScenario(spec.id, { seed: 1 });
      const victim = base.topology.nodes.find((n) =>
        ['redis', 'postgres', 'memcached'].includes(n.kind),
      );
      if (!victim) return expect(base.topology.nodes.length).toBeGreaterThan(0);
      const tNs = base.trace.frames[Math.floor(base.trace.frames.length / 2)].t;
      const run = runScenario(spec.id, {
        seed: 1,
        interventions: [{ tNs, kind: 'crash', node: victim.id }],
      });
      const beats = run.trace.ofKind('narrate').filter((e) => e.t >= tNs);
      expect(beats.length).toBeGreaterThan(0);
      for (const e of beats) expect(unquotedNumbers(e.text, e.q ?? [])).toEqual([]);
    });
  }
});

describe('unquotedNumbers(text, quotes)', () => {
  it.each([
    ['web-1 got job-2 from user:123', [], []],
    ['LPUSH replied 3', [], ['3']],
    ['LPUSH replied 3', [{ text: '3', src: { param: 'x' } }], []],
    ['web-1 saw 1 reply', [{ text: '1', src: { param: 'x' } }], []],
  ] as const)('unquotedNumbers(%j) finds %j', (text, quotes, loose) => {
    expect(unquotedNumbers(text, [...quotes])).toEqual(loose);
  });
});
