import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { argvOf, exchanges } from '../../../src/scenarios/measure';

interface Outcome {
  mutual: string[];
}

const params = fc
  .record({ friendsA: fc.integer({ min: 1, max: 20 }), friendsB: fc.integer({ min: 1, max: 20 }) })
  .chain((p) =>
    fc.record({
      friendsA: fc.constant(p.friendsA),
      friendsB: fc.constant(p.friendsB),
      overlap: fc.integer({ min: 0, max: Math.min(p.friendsA, p.friendsB) }),
    }),
  );

describe('runScenario("set-mutual-friends")', () => {
  it('runScenario("set-mutual-friends") at defaults finds 3 mutual friends, sorted', () => {
    const o = runScenario('set-mutual-friends', { seed: 1 }).outcome as unknown as Outcome;
    expect(o.mutual).toHaveLength(3);
    expect(o.mutual).toEqual([...o.mutual].sort());
  });

  it('runScenario("set-mutual-friends") returns exactly the generated intersection, of length overlap', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const { trace, outcome } = runScenario('set-mutual-friends', { params: p, seed });
        const o = outcome as unknown as Outcome;
        const sadds = exchanges(trace, { to: 'redis' }).filter((x) => argvOf(x.req)[0] === 'SADD');
        const listA = argvOf(sadds[0].req).slice(2);
        const listB = argvOf(sadds[1].req).slice(2);
        expect(listA).toHaveLength(p.friendsA);
        expect(listB).toHaveLength(p.friendsB);
        expect(new Set(listA).size).toBe(p.friendsA);
        const expected = listA.filter((m) => listB.includes(m)).sort();
        expect(o.mutual).toEqual(expected);
        expect(o.mutual).toHaveLength(p.overlap);
      }),
      { numRuns: 40 },
    );
  });

  it('runScenario("set-mutual-friends") draws different friends for different seeds, the same for the same seed', () => {
    const a = runScenario('set-mutual-friends', { seed: 11 });
    const b = runScenario('set-mutual-friends', { seed: 11 });
    const c = runScenario('set-mutual-friends', { seed: 12 });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(JSON.stringify(a.trace)).not.toBe(JSON.stringify(c.trace));
  });

  it('runScenario("set-mutual-friends") keeps both sets as data and narrates at least 4 changing beats', () => {
    const { trace } = runScenario('set-mutual-friends', { seed: 4 });
    const end = trace.stateAtIndex(trace.entries.length - 1);
    expect(end.data.redis['friends:alice']).toBeDefined();
    expect(end.data.redis['friends:bob']).toBeDefined();
    expect(trace.ofKind('narrate').length).toBeGreaterThanOrEqual(4);
    const seen = new Set(trace.frames.map((_, i) => trace.stateAtFrame(i).narration?.text));
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });
});
