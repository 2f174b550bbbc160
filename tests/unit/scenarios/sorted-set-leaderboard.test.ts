import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { beatsAcrossFrames } from './helpers';
import { narrationProblems } from './narrationCheck';
import type { Trace } from '../../../src/sim';

const ID = 'sorted-set-leaderboard';

/** An independent tally of the games, read off the ZINCRBY packets in the trace. */
function tally(trace: Trace): { member: string; score: number }[] {
  const totals = new Map<string, number>();
  for (const e of trace.entries) {
    if (e.k !== 'send' || e.p.to !== 'redis') continue;
    const argv = (e.p.payload as { argv?: string[] }).argv;
    if (argv?.[0] !== 'ZINCRBY') continue;
    totals.set(argv[3], (totals.get(argv[3]) ?? 0) + Number(argv[2]));
  }
  // Highest first; equal scores in reverse lexicographic order (Redis under REV).
  return [...totals]
    .map(([member, score]) => ({ member, score }))
    .sort((a, b) => b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0));
}

describe(`runScenario('${ID}')`, () => {
  it('should report as top10 the top ten of an independent tally of the games, ties reverse-lexicographic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 26 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (players, games, seed) => {
          const { trace, outcome } = runScenario(ID, { params: { players, games }, seed });
          const expected = tally(trace);
          const games_ = trace.entries.filter(
            (e) => e.k === 'send' && (e.p.payload as { argv?: string[] }).argv?.[0] === 'ZINCRBY',
          ).length;
          expect(games_).toBe(games);
          expect((outcome as { top10: unknown }).top10).toEqual(expected.slice(0, 10));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('should order equal scores in reverse lexicographic order (a tie happens at some seed)', () => {
    // Many games over few players: ties in the top ten are common; find one and check it.
    let checked = 0;
    for (let seed = 1; seed <= 40 && checked < 3; seed++) {
      const { outcome } = runScenario(ID, { params: { players: 12, games: 30 }, seed });
      const top = (outcome as { top10: { member: string; score: number }[] }).top10;
      for (let i = 1; i < top.length; i++)
        if (top[i].score === top[i - 1].score) {
          expect(top[i].member < top[i - 1].member).toBe(true);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('should keep the zset in state.data.redis (what the view draws) equal to the tally at the end', () => {
    const { trace } = runScenario(ID, { seed: 7 });
    const view = trace.stateAtIndex(trace.entries.length - 1).data.redis?.lb as {
      type: string;
      value: { member: string; score: number }[];
    };
    expect(view.type).toBe('zset');
    const byMember = (a: { member: string }, b: { member: string }) =>
      a.member < b.member ? -1 : 1;
    expect([...view.value].sort(byMember)).toEqual([...tally(trace)].sort(byMember));
  });

  it('should replay a seed byte for byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = JSON.stringify(runScenario(ID, { seed }).trace);
        const b = JSON.stringify(runScenario(ID, { seed }).trace);
        expect(a).toBe(b);
      }),
      { numRuns: 5 },
    );
    expect(JSON.stringify(runScenario(ID, { seed: 1 }).trace)).not.toBe(
      JSON.stringify(runScenario(ID, { seed: 2 }).trace),
    );
  });

  it('should narrate at least four beats, each naming its lesson step, that change across frames', () => {
    const { trace } = runScenario(ID, { seed: 3 });
    expect(beatsAcrossFrames(trace).length).toBeGreaterThanOrEqual(4);
    for (const n of trace.ofKind('narrate')) expect(n.step).toBeTruthy();
    expect(new Set(trace.ofKind('narrate').map((n) => n.beat)).size).toBeGreaterThanOrEqual(4);
  });
});

describe('runScenario("sorted-set-leaderboard") narration', () => {
  it('names as leader exactly who tops the sorted set in Redis at that moment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const { trace } = runScenario('sorted-set-leaderboard', { seed });
        const beats = trace
          .ofKind('narrate')
          .filter((e) => e.beat === 'leader' || e.beat === 'overtake');
        expect(beats.length).toBeGreaterThan(0);
        for (const b of beats) {
          const [, member, score] = /After this round (\S+) leads with ([\d,]+)/.exec(b.text)!;
          const zset = trace.stateAt(b.t).data.redis?.lb as unknown as {
            value: { member: string; score: number }[];
          };
          const top = [...zset.value].sort(
            (x, y) => y.score - x.score || (y.member > x.member ? 1 : -1),
          )[0];
          expect(top).toEqual({ member, score: Number(score.replace(/,/g, '')) });
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('runScenario("sorted-set-leaderboard") scene rules', () => {
  it('quotes every number from the run, numbers its steps once and ends on the Summary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 26 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (players, games, seed) => {
          const run = runScenario(ID, { params: { players, games }, seed });
          expect(narrationProblems(ID, run)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('ends with the board equal to the final ZRANGE: its leader, every game scored, one command per read', () => {
    const run = runScenario(ID, { seed: 5 });
    const o = run.outcome as {
      top10: { member: string; score: number }[];
      games: number;
      leader: string;
      leaderScore: number;
      reads: number;
      commandsPerRead: number;
    };
    expect(o.games).toBe(60);
    expect({ member: o.leader, score: o.leaderScore }).toEqual(o.top10[0]);
    expect(o.reads).toBe(2);
    expect(o.commandsPerRead).toBe(1);
  });
});
