import {
  Actor,
  fixed,
  quote,
  say,
  Trace,
  type Packet,
  type Quote,
  msToNs,
  RedisNode,
  usToNs,
  type Json,
  type Op,
  type Proc,
  type World,
} from '../sim';
import type { Reply } from '../sim/redis';
import { argvOf, exchanges, replyOf } from './measure';
import { redisCall } from './redisCall';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
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
const STEP = (n: number, what: string): string => `Step ${n} of 5 · ${what}`;

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
    // Per-run memory for narration only (the outcome is read off the trace):
    // the totals as ZINCRBY replied them, and who was last named leader.
    const seen = { leader: '', firstScore: false, midRead: false };
    const totals = new Map<string, number>();
    const game: Actor = world.add(new Actor(world, 'game-1', 'webServer'));
    const web: Actor = world.add(
      new Actor(world, 'web-1', 'webServer', {
        handler: () => readBoard(world, web, seen, p),
      }),
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
      say`${quote(p.players, { param: 'players' })} players, ${quote(p.games, { param: 'games' })} games in rounds of up to ten. Each win adds points with "ZINCRBY ${KEY} <points> <player>"; Redis keeps the set sorted as it goes.`,
      STEP(1, 'Record scores'),
    );

    const score = (member: string, points: number): Proc<void> =>
      (function* () {
        const argv = ['ZINCRBY', KEY, String(points), member];
        const { reply, packet } = yield* redisCall(world, game, 'redis', argv);
        if (reply.type !== 'bulk' || reply.value === null) return;
        totals.set(member, Number(reply.value));
        if (!seen.firstScore && packet) {
          seen.firstScore = true;
          world.narrate(
            'zincrby',
            say`ZINCRBY replied ${quote(reply.value, { packet: packet.id, delivered: true })}: ${member}'s new total. A missing member starts at zero, so the app never reads, adds and writes back.`,
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
        // totals Redis replied are what it holds, and what the board shows.
        const best = leaderOf(totals);
        if (best && seen.leader !== best.member) {
          const was = seen.leader;
          seen.leader = best.member;
          const who = quote(best.member, { score: 'Leader' });
          // As the board shows it (thousands separated).
          const pts = quote(best.score.toLocaleString('en-US'), { score: 'Leader score' });
          world.narrate(
            was ? 'overtake' : 'leader',
            was
              ? say`After this round ${who} leads with ${pts}, ahead of ${was}. Redis moved entries in its skip list as each ZINCRBY landed; nobody re-sorted anything.`
              : say`After this round ${who} leads with ${pts}. The set is already in order: Redis places each member by score as its ZINCRBY lands.`,
            seen.midRead ? STEP(4, 'More rounds') : STEP(2, 'Live re-sort'),
          );
        }
        if (r === midRound && rounds.length > 1) yield* browser.http('web-1', READ);
      }
      yield* game.sleep(msToNs(p.gapMs));
      yield* browser.http('web-1', READ);
      const at = (label: string): Quote => quote(boardText(world, label), { score: label });
      world.narrate(
        'summary',
        say`${at('Games (ZINCRBY)')} games, one ZINCRBY each, and the app never sorted anything: ${at('Leader')} leads with ${at('Leader score')}. Each of the ${at('Top-10 reads')} reads of the top ten took ${at('Commands/read')} command.`,
        'Summary',
      );
    }
    game.run(play());
    return { measure: (trace) => measure(trace) };
  },
  scoreboard(trace, tNs) {
    return board(measure(traceUpTo(trace, tNs)) as unknown as Measured);
  },
};

const READ = { method: 'GET', path: '/leaderboard' };

interface Measured {
  top10: { member: string; score: number }[];
  games: number;
  leader: string | null;
  leaderScore: number | null;
  reads: number;
  commandsPerRead: number | null;
}

/** The board for a measured run (or a run so far). */
function board(o: Measured): Scoreboard {
  return {
    title: 'One sorted set, always in order',
    rows: [
      { label: 'Games (ZINCRBY)', cells: [{ v: o.games, of: 'games' }] },
      { label: 'Leader', tone: 'good', cells: [{ v: o.leader, of: 'leader' }] },
      { label: 'Leader score', tone: 'good', cells: [{ v: o.leaderScore, of: 'leaderScore' }] },
      { label: 'Top-10 reads', cells: [{ v: o.reads, of: 'reads' }] },
      {
        label: 'Commands/read',
        tone: 'good',
        cells: [{ v: o.commandsPerRead, digits: 0, of: 'commandsPerRead' }],
      },
    ],
  };
}

/** A scoreboard cell as shown, measured off the world's entries so far (for a Summary quote). */
function boardText(world: World, label: string): string {
  const b = board(measure(new Trace(world.entries.slice())) as unknown as Measured);
  const row = b.rows.find((r) => r.label === label);
  return row ? formatCell(row.cells[0]) : '';
}

/** Highest total first; equal totals: the member Redis lists first under REV. */
function leaderOf(totals: ReadonlyMap<string, number>): { member: string; score: number } | null {
  let best: { member: string; score: number } | null = null;
  for (const [member, score] of totals)
    if (!best || score > best.score || (score === best.score && member > best.member))
      best = { member, score };
  return best;
}

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
  seen: { midRead: boolean },
  p: Record<string, number>,
): Proc<{ status: number; label: string; payload: Json }> {
  const first = !seen.midRead;
  const argv = ['ZRANGE', KEY, '0', '9', 'REV', 'WITHSCORES'];
  const { reply, packet } = yield* redisCall(world, web, 'redis', argv);
  seen.midRead = true;
  const top = pairs(reply);
  const lead = top[0];
  const tie = top.find((x, i) => i > 0 && x.score === top[i - 1].score);
  const cmd = quote(argv.join(' '), { packet: requestOf(world, packet) });
  const tieText = tie
    ? say` Equal scores (${quote(tie.score, { data: 'redis', key: KEY })}) sort in reverse alphabetical order under REV.`
    : say``;
  const text = first
    ? say`Halfway: the page asks for the top ten with one command, "${cmd}", and the answer comes back already sorted, highest first.`
    : lead && packet
      ? say`Final standings, in one "${cmd}": ${quote(lead.member, { packet: packet.id, delivered: true })} is on top. The read costs O(log N) plus the ten rows: barely more for millions of players than for ${quote(p.players, { param: 'players' })}.`
      : say`Final standings: nobody has scored yet.`;
  world.narrate(
    first ? 'read-mid' : 'read-final',
    { text: text.text + tieText.text, quotes: [...text.quotes, ...tieText.quotes] },
    first ? STEP(3, 'Read the top ten') : STEP(5, 'Final standings'),
  );
  return {
    status: 200,
    label: `200 OK (top ${top.length})`,
    payload: { status: 200, body: top as unknown as Json },
  };
}

/** The id of the request a reply packet answers (the same connection, the same rid). */
function requestOf(world: World, reply: Packet | null): number {
  const re = (reply?.payload as { re?: number } | null)?.re;
  const e = world.entries.find(
    (x) =>
      x.k === 'send' &&
      x.p.from === reply?.to &&
      x.p.to === reply?.from &&
      (x.p.payload as { rid?: number } | null)?.rid === re,
  );
  return e && e.k === 'send' ? e.p.id : -1;
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

/**
 * The outcome: the last leaderboard read as Redis answered it, plus the games
 * scored (ZINCRBY replies in), the leader by the totals those replies carried,
 * the top-10 reads (ZRANGE replies in) and Redis commands web-1 sent per read.
 */
function measure(trace: Trace): Json {
  const toRedis = exchanges(trace, { to: 'redis' }).filter((x) => x.doneNs !== null);
  const zincrbys = toRedis.filter((x) => argvOf(x.req)[0] === 'ZINCRBY');
  const totals = new Map<string, number>();
  for (const x of zincrbys) {
    const r = replyOf(x.reply);
    if (r?.type === 'bulk' && r.value !== null) totals.set(argvOf(x.req)[3], Number(r.value));
  }
  const leader = leaderOf(totals);
  const web = toRedis.filter((x) => x.req.from === 'web-1');
  const reads = web.filter((x) => argvOf(x.req)[0] === 'ZRANGE');
  const last = reads[reads.length - 1];
  return {
    top10: pairs(last ? replyOf(last.reply) : null),
    games: zincrbys.length,
    leader: leader?.member ?? null,
    leaderScore: leader?.score ?? null,
    reads: reads.length,
    commandsPerRead: reads.length ? web.length / reads.length : null,
  };
}
