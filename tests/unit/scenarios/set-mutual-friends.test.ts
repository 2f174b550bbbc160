import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { narrationProblems } from './narrationCheck';
import { argvOf, exchanges } from '../../../src/scenarios/measure';
import { beatsAcrossFrames } from './helpers';

interface Outcome {
  mutual: string[];
}

/** Every parameter over its whole range: overlap may exceed the smaller list (build() caps it). */
const params = fc.record({
  friendsA: fc.integer({ min: 1, max: 20 }),
  friendsB: fc.integer({ min: 1, max: 20 }),
  overlap: fc.integer({ min: 0, max: 20 }),
});

const CAPPED = /at most \d+ can be mutual/;

describe('runScenario("set-mutual-friends")', () => {
  it('runScenario("set-mutual-friends") at defaults finds 3 mutual friends, sorted', () => {
    const o = runScenario('set-mutual-friends', { seed: 1 }).outcome as unknown as Outcome;
    expect(o.mutual).toHaveLength(3);
    expect(o.mutual).toEqual([...o.mutual].sort());
  });

  it('runScenario("set-mutual-friends") returns exactly the generated intersection, of length min(overlap, friendsA, friendsB)', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const { trace, outcome } = runScenario('set-mutual-friends', { params: p, seed });
        const o = outcome as unknown as Outcome;
        // The generated lists, read off the SADD packets (not the scenario's internals).
        const sadds = exchanges(trace, { to: 'redis' }).filter((x) => argvOf(x.req)[0] === 'SADD');
        const listA = argvOf(sadds[0].req).slice(2);
        const listB = argvOf(sadds[1].req).slice(2);
        expect(listA).toHaveLength(p.friendsA);
        expect(listB).toHaveLength(p.friendsB);
        expect(new Set(listA).size).toBe(p.friendsA);
        expect(new Set(listB).size).toBe(p.friendsB);
        const expected = listA.filter((m) => listB.includes(m)).sort();
        expect(o.mutual).toEqual(expected);
        const most = Math.min(p.friendsA, p.friendsB);
        expect(o.mutual).toHaveLength(Math.min(p.overlap, most));
        // The narration says so exactly when the overlap asked for was capped.
        const intro = trace.ofKind('narrate').find((n) => n.beat === 'intro')!.text;
        if (p.overlap > most) {
          expect(intro).toContain(`You asked for ${p.overlap} in common`);
          expect(intro).toContain(`at most ${most} can be mutual`);
        } else expect(intro).not.toMatch(CAPPED);
      }),
      { numRuns: 60 },
    );
  });

  it('runScenario("set-mutual-friends") says when the overlap was capped: Alice has only 1 friend, so at most 1 can be mutual', () => {
    const { trace, outcome } = runScenario('set-mutual-friends', {
      params: { friendsA: 1, friendsB: 8, overlap: 20 },
      seed: 1,
    });
    expect((outcome as unknown as Outcome).mutual).toHaveLength(1);
    const intro = trace.ofKind('narrate').find((n) => n.beat === 'intro')!.text;
    expect(intro).toContain('Alice has 1 friend and Bob has 8');
    expect(intro).toContain(
      'You asked for 20 in common, but Alice has only 1 friend, so at most 1 can be mutual.',
    );
    const bob = runScenario('set-mutual-friends', {
      params: { friendsA: 9, friendsB: 4, overlap: 6 },
      seed: 1,
    });
    expect(bob.trace.ofKind('narrate')[0].text).toContain(
      'but Bob has only 4 friends, so at most 4 can be mutual.',
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
    expect(new Set(beatsAcrossFrames(trace)).size).toBeGreaterThanOrEqual(4);
  });

  it('runScenario("set-mutual-friends") narrates in step: every number quoted from the run, numbered steps, a Summary last', () => {
    fc.assert(
      fc.property(
        fc.record({
          friendsA: fc.integer({ min: 1, max: 20 }),
          friendsB: fc.integer({ min: 1, max: 20 }),
          overlap: fc.integer({ min: 0, max: 20 }),
        }),
        fc.integer({ min: 0, max: 1e6 }),
        (p, seed) => {
          const run = runScenario('set-mutual-friends', { params: p, seed });
          expect(narrationProblems('set-mutual-friends', run)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('runScenario("set-mutual-friends") scoreboard ends on |A|, |B|, the overlap and one SINTER round trip', () => {
    const { outcome } = runScenario('set-mutual-friends', { seed: 1 });
    expect(outcome).toMatchObject({
      aliceSize: 8,
      bobSize: 8,
      mutualCount: 3,
      sinterRoundTrips: 1,
    });
  });
});
