import {
  Actor,
  fixed,
  msToNs,
  RedisNode,
  usToNs,
  type Json,
  type Op,
  type Proc,
  type Trace,
  type World,
} from '../sim';
import type { Reply } from '../sim/redis';
import { argvOf, exchanges, replyOf } from './measure';
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, REDIS_CMD_US, RTT_US } from './commonParams';

const KEY = 'lb';
/** Short, distinct names: ties between them sort visibly (reverse alphabetical under REV). */
const NAMES = [
  'ada',
  'bo',
  'cy',
  'dee',
  'eli',
  'fay',
  'gus',
  'hal',
  'ivy',
  'jo',
  'kai',
  'lu',
  'max',
  'ned',
  'oz',
  'pia',
  'quin',
  'rex',
  'sol',
  'tess',
  'uma',
  'vic',
  'wes',
  'xia',
  'yul',
  'zed',
];
/** Games that finish together and report at once (one round of matches). */
const ROUND = 10;
const STEP = (n: number, what: string): string => `Step ${n} of 4 · ${what}`;

/**
 * Lesson §3, Sorted Set: "Top 10 players". Rounds of games finish and ZINCRBY
 * the winners' scores; the leaderboard is one ZRANGE … REV WITHSCORES away,
 * already sorted by Redis.
 */
export const sortedSetLeaderboard: ScenarioSpec = {
  id: 'sorted-set-leaderboard',
  title: 'Top 10 players',
  lessonSection: '§3 Redis data structures',
  teaches:
    'A sorted set keeps members ordered by score: ZINCRBY to score, ZRANGE … REV to read the top ten.',
  params: [
    {
      name: 'players',
      label: 'Players',
      type: 'number',
      default: 20,
      min: 2,
      max: NAMES.length,
      step: 1,
    },
    {
      name: 'games',
      label: 'Games played',
      type: 'number',
      default: 60,
      min: 1,
      max: 200,
      step: 1,
    },
    {
      name: 'gapMs',
      label: 'Pause between rounds',
      type: 'number',
      default: 1000,
      min: 10,
      max: 10_000,
      step: 10,
      unit: 'ms',
    },
    RTT_US,
    REDIS_CMD_US,
    CLIENT_RTT_MS,
  ],
  layout: { 'game-1': [0, 0], browser: [0, 1], 'web-1': [1, 1], redis: [2, 0] },
  build(world, params) {
    const p = params as Record<string, number>;
    world.add(
      new RedisNode(world, 'redis', {
        commandCostNs: usToNs(p.redisCmdUs),
        // No RDB save points: an hourly snapshot is not this lesson.
        config: { save: '' },
      }),
    );
    // Per-run memory for narration only (the outcome is read off the trace).
    const seen = { leader: '', firstScore: false, reads: 0 };
    const tally = new Map<string, number>();
    const game: Actor = world.add(new Actor(world, 'game-1', 'webServer'));
    const web: Actor = world.add(
      new Actor(world, 'web-1', 'webServer', { handler: () => readBoard(world, web, seen) }),
    );
    const browser = world.add(new Actor(world, 'browser', 'client'));
    // Fixed links: a round's results leave together and arrive together.
    const half = fixed(usToNs(p.rttUs) / 2);
    world.link('game-1', 'redis', half);
    world.link('web-1', 'redis', half);
    world.link('browser', 'web-1', fixed(msToNs(p.clientRttMs) / 2));

    const players = NAMES.slice(0, p.players);
    // The generated results, drawn from the run's seed up front.
    const results = Array.from({ length: p.games }, () => ({
      member: world.rng.pick(players),
      points: world.rng.int(1, 5) * 10,
    }));
    const rounds: (typeof results)[] = [];
    for (let i = 0; i < results.length; i += ROUND) rounds.push(results.slice(i, i + ROUND));
    const midRound = Math.max(0, Math.ceil(rounds.length / 2) - 1);

    world.narrate(
      'intro',
      `${p.players} players, ${p.games} games in rounds of up to ${ROUND}. Each win adds points with ZINCRBY ${KEY} <points> <player>; Redis keeps the set sorted as it goes.`,
      STEP(1, 'Record scores'),
    );

    const score = (member: string, points: number): Proc<void> =>
      (function* () {
        const r = yield* game.redis('redis', ['ZINCRBY', KEY, String(points), member]);
        const total = r.type === 'bulk' ? Number(r.value) : NaN;
        tally.set(member, (tally.get(member) ?? 0) + points);
        if (!seen.firstScore) {
          seen.firstScore = true;
          world.narrate(
            'zincrby',
            `ZINCRBY replied "${total}": ${member}'s new total. A missing member starts at 0, so there is no read-modify-write in the app.`,
            STEP(1, 'Record scores'),
          );
        }
      })();

    function* play(): Proc<void> {
      for (let r = 0; r < rounds.length; r++) {
        if (r > 0) yield* game.sleep(msToNs(p.gapMs));
        world.mark(`round ${r + 1}: ${rounds[r].length} games finish`);
        yield* all(
          game,
          rounds[r].map((g) => score(g.member, g.points)),
        );
        // Announce a new leader only once the round's replies are all in: then the
        // app's tally is what Redis holds, and what the leaderboard shows.
        const best = [...tally.entries()].reduce((a, b) =>
          b[1] > a[1] || (b[1] === a[1] && b[0] > a[0]) ? b : a,
        );
        if (seen.leader !== best[0]) {
          const was = seen.leader;
          seen.leader = best[0];
          world.narrate(
            was ? 'overtake' : 'leader',
            was
              ? `After round ${r + 1}, ${best[0]} leads with ${best[1]}, ahead of ${was}. Redis moved entries in its skip list as each ZINCRBY landed; nobody re-sorted anything.`
              : `After round ${r + 1}, ${best[0]} leads with ${best[1]}. The set is already in order: Redis places each member by score as its ZINCRBY lands.`,
            STEP(2, 'Live re-sort'),
          );
        }
        if (r === midRound && rounds.length > 1) yield* read();
      }
      yield* game.sleep(msToNs(p.gapMs));
      yield* read();
    }
    function* read(): Proc<void> {
      yield* browser.http('web-1', { method: 'GET', path: '/leaderboard' });
    }
    game.run(play());
    return { measure: (trace) => measure(trace) };
  },
};

/** Runs every process on `actor` at once and resumes when the last one ends. */
function* all(actor: Actor, procs: Proc<void>[]): Proc<void> {
  const op: Op = (resume) => {
    let left = procs.length;
    if (left === 0) resume(undefined);
    for (const proc of procs) actor.run(proc, () => (--left === 0 ? resume(undefined) : undefined));
  };
  yield op;
}

function* readBoard(
  world: World,
  web: Actor,
  seen: { reads: number },
): Proc<{ status: number; label: string; payload: Json }> {
  seen.reads++;
  const r = yield* web.redis('redis', ['ZRANGE', KEY, '0', '9', 'REV', 'WITHSCORES']);
  const top = pairs(r);
  const lead = top[0];
  const tie = top.find((x, i) => i > 0 && x.score === top[i - 1].score);
  world.narrate(
    seen.reads === 1 ? 'read-mid' : 'read-final',
    (seen.reads === 1
      ? `Halfway: the page asks for the top 10. One command, ZRANGE ${KEY} 0 9 REV WITHSCORES, and the answer comes back already sorted, highest first.`
      : `Final standings: ${lead ? `${lead.member} leads with ${lead.score}` : 'nobody scored'}. The read costs O(log N + 10): barely more for 20 million players than for 20.`) +
      (tie ? ` Equal scores (${tie.score}) sort in reverse alphabetical order under REV.` : ''),
    STEP(seen.reads === 1 ? 3 : 4, seen.reads === 1 ? 'Read the top 10' : 'Final standings'),
  );
  return {
    status: 200,
    label: `200 OK (top ${top.length})`,
    payload: { status: 200, body: top as unknown as Json },
  };
}

/** A flat WITHSCORES reply as `{ member, score }` rows. */
function pairs(r: Reply | null): { member: string; score: number }[] {
  if (!r || r.type !== 'array' || !r.value) return [];
  const flat = r.value.map((x) => (x.type === 'bulk' ? (x.value ?? '') : ''));
  const out: { member: string; score: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    out.push({ member: flat[i], score: Number(flat[i + 1]) });
  return out;
}

/** The outcome: the last leaderboard read, as Redis answered it. */
function measure(trace: Trace): Json {
  const reads = exchanges(trace, { from: 'web-1', to: 'redis' }).filter(
    (x) => argvOf(x.req)[0] === 'ZRANGE',
  );
  const last = reads[reads.length - 1];
  return { top10: pairs(last ? replyOf(last.reply) : null) };
}
