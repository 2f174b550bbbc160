import {
  Actor,
  fixed,
  msToNs,
  RedisNode,
  quote,
  say,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type Quote,
  Trace,
  type World,
} from '../sim';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
import type { Reply } from '../sim/redis';
import { argvOf, exchanges, replyOf } from './measure';
import { REDIS_WITHOUT_SNAPSHOTS } from './redisWithoutSnapshots';
import type { ScenarioSpec } from './spec';
import { RTT_US } from './commonParams';

const KEY_A = 'friends:alice';
const KEY_B = 'friends:bob';
/** Enough distinct names for the largest lists (20 + 20). */
const NAMES = [
  'amir',
  'beth',
  'carlos',
  'dana',
  'eli',
  'fatima',
  'gus',
  'hana',
  'ivan',
  'jade',
  'kofi',
  'lena',
  'mateo',
  'nina',
  'omar',
  'priya',
  'quinn',
  'rosa',
  'sven',
  'tara',
  'umar',
  'vera',
  'wen',
  'xavi',
  'yara',
  'zane',
  'aiko',
  'bruno',
  'chloe',
  'dev',
  'emma',
  'finn',
  'gia',
  'hugo',
  'iris',
  'jon',
  'kira',
  'leo',
  'maya',
  'noor',
  'otto',
  'pia',
  'raj',
  'sara',
];

/**
 * Lesson §3, Set: mutual friends. Alice's and Bob's friend lists are stored as
 * Sets with SADD (a repeated member is ignored), then SINTER asks Redis for the
 * friends they share. The lists are drawn from the run's generator.
 */
export const setMutualFriends: ScenarioSpec = {
  id: 'set-mutual-friends',
  title: 'Mutual friends',
  lessonSection: '§3 Redis data structures',
  teaches:
    'A Set keeps each member once, and SINTER finds what two sets share inside Redis, in one round trip.',
  params: [
    {
      name: 'friendsA',
      label: 'Alice’s friends',
      type: 'number',
      default: 8,
      min: 1,
      max: 20,
      step: 1,
      unit: 'friends',
    },
    {
      name: 'friendsB',
      label: 'Bob’s friends',
      type: 'number',
      default: 8,
      min: 1,
      max: 20,
      step: 1,
      unit: 'friends',
    },
    {
      name: 'overlap',
      label: 'Friends in common',
      type: 'number',
      default: 3,
      min: 0,
      max: 20,
      step: 1,
      unit: 'friends',
      help: 'Capped at the smaller list.',
    },
    RTT_US,
  ],
  layout: { browser: [0, 0], 'web-1': [1, 0], redis: [2, 0] },
  build(world, params) {
    const p = params as Record<string, number>;
    const overlap = Math.min(p.overlap, p.friendsA, p.friendsB);
    const pool = world.rng.shuffle(NAMES);
    const common = pool.slice(0, overlap);
    const onlyA = pool.slice(overlap, p.friendsA);
    const onlyB = pool.slice(p.friendsA, p.friendsA + p.friendsB - overlap);
    // Shuffle each list so the common friends are not simply first.
    const listA = world.rng.shuffle([...common, ...onlyA]);
    const listB = world.rng.shuffle([...common, ...onlyB]);

    world.add(new RedisNode(world, 'redis', REDIS_WITHOUT_SNAPSHOTS));
    const web: Actor = world.add(
      new Actor(world, 'web-1', 'webServer', { handler: (req) => handle(world, web, req) }),
    );
    const browser = world.add(new Actor(world, 'browser', 'client'));
    const half = usToNs(p.rttUs) / 2;
    world.link('web-1', 'redis', { kind: 'uniform', minNs: half * 0.9, maxNs: half * 1.1 });
    world.link('browser', 'web-1', fixed(msToNs(10)));

    const run: Run = {
      board: (row) => {
        const b = board(new Trace(world.entries.slice()), world.nowNs);
        return formatCell(b.rows.find((r) => r.label === row)!.cells[0]);
      },
    };
    const fa = quote(listA.length, { param: 'friendsA' });
    const fb = quote(listB.length, { param: 'friendsB' });
    const intro = say`Alice has ${fa} friend${listA.length === 1 ? '' : 's'} and Bob has ${fb}. Store each list as a Redis Set, then ask which friends they share.`;
    const most = Math.min(listA.length, listB.length);
    const asked = quote(p.overlap, { param: 'overlap' });
    // When the requested overlap cannot fit, the intro says so (build() capped it).
    const cap =
      p.overlap <= most
        ? null
        : listA.length <= listB.length
          ? say` You asked for ${asked} in common, but Alice has only ${fa} friend${most === 1 ? '' : 's'}, so at most ${fa} can be mutual.`
          : say` You asked for ${asked} in common, but Bob has only ${fb} friend${most === 1 ? '' : 's'}, so at most ${fb} can be mutual.`;
    world.narrate(
      'intro',
      cap ? { text: intro.text + cap.text, quotes: [...intro.quotes, ...cap.quotes] } : intro,
      STEP(1, 'Store two Sets'),
    );
    web.run(store(world, web, browser, listA, listB, run));
    return { measure };
  },
  scoreboard: (trace, tNs) => board(trace, tNs),
};

const STEP = (n: number, what: string): string => `Step ${n} of 3 · ${what}`;
const ROW_A = "Alice's set";
const ROW_B = "Bob's set";
const ROW_MUTUAL = 'In common';
const ROW_TRIPS = 'SINTER round trips';

/** Per-run state, made in build(). */
interface Run {
  /** A scoreboard cell (by row label) as it reads now: what a beat quotes. */
  board(row: string): string;
}

/** Set sizes as Redis reported them, the friends SINTER found, and what that cost. */
function board(trace: Trace, tNs: number): Scoreboard {
  const o = measure(traceUpTo(trace, tNs)) as Record<string, number>;
  return {
    title: 'Friends',
    rows: [
      { label: ROW_A, tone: 'muted', cells: [{ v: o.aliceSize, of: 'aliceSize' }] },
      { label: ROW_B, tone: 'muted', cells: [{ v: o.bobSize, of: 'bobSize' }] },
      { label: ROW_MUTUAL, tone: 'good', cells: [{ v: o.mutualCount, of: 'mutualCount' }] },
      { label: ROW_TRIPS, cells: [{ v: o.sinterRoundTrips, of: 'sinterRoundTrips' }] },
    ],
  };
}

/** The reply packet Redis just delivered to `node`, so a beat can quote what the picture shows arriving. */
function justDelivered(world: World, node: string): Packet | null {
  for (let i = world.entries.length - 1; i >= 0; i--) {
    const e = world.entries[i];
    if (e.t < world.nowNs) break;
    if (e.k !== 'deliver') continue;
    const sent = world.entries.find((x) => x.k === 'send' && x.p.id === e.id);
    if (sent?.k === 'send' && sent.p.to === node && sent.p.from === 'redis') return sent.p;
  }
  return null;
}

/** An integer reply, quoted from the packet that carried it (or the error, as said). */
function replied(world: World, web: Actor, r: Reply): Quote | string {
  const got = justDelivered(world, web.id);
  return r.type === 'integer' && got
    ? quote(String(r.value), { packet: got.id, delivered: true })
    : `"${r.type === 'error' ? r.value : r.type}"`;
}

/** web-1 saves both friend lists, shows that a Set ignores repeats, then the browser asks for mutual friends. */
function* store(
  world: World,
  web: Actor,
  browser: Actor,
  listA: string[],
  listB: string[],
  run: Run,
): Proc<void> {
  const a = yield* web.redis('redis', ['SADD', KEY_A, ...listA]);
  world.narrate(
    'sadd-a',
    say`SADD ${KEY_A} with ${quote(listA.length, { param: 'friendsA' })} names. Redis replied ${replied(world, web, a)}: that many were new.`,
    STEP(1, 'Store two Sets'),
  );
  const b = yield* web.redis('redis', ['SADD', KEY_B, ...listB]);
  world.narrate(
    'sadd-b',
    say`SADD ${KEY_B} with ${quote(listB.length, { param: 'friendsB' })} names: Redis replied ${replied(world, web, b)}.`,
    STEP(1, 'Store two Sets'),
  );
  const again = yield* web.redis('redis', ['SADD', KEY_A, listA[0]]);
  world.narrate(
    'unique',
    say`Adding ${listA[0]} to Alice's set again: Redis replied ${replied(world, web, again)}. A Set keeps each member once.`,
    STEP(2, 'Members are unique'),
  );
  browser.run(ask(world, browser, run));
}

function* ask(world: World, browser: Actor, run: Run): Proc<void> {
  // Later, Bob visits: a beat of its own after the SADDs.
  yield* browser.sleep(msToNs(5));
  world.narrate(
    'ask',
    say`Bob opens Alice’s profile: "friends you have in common".`,
    STEP(3, 'SINTER'),
  );
  const res = yield* browser.http('web-1', { method: 'GET', path: '/users/alice/mutual/bob' });
  const body = res.body as { mutual?: string[] } | null;
  const mutual = body?.mutual ?? [];
  const q = (row: string): Quote => quote(run.board(row), { score: row });
  world.narrate(
    'answer',
    !body?.mutual
      ? say`No answer: ${typeof res.body === 'string' ? res.body : 'the request failed'}.`
      : mutual.length
        ? say`${q(ROW_MUTUAL)} in common: ${mutual.join(', ')}. Redis did the intersection in memory; web-1 never downloaded either list.`
        : say`No friends in common: SINTER returned an empty set.`,
    STEP(3, 'SINTER'),
  );
  // The summary gets a frame of its own.
  yield* browser.sleep(msToNs(5));
  world.narrate(
    'summary',
    say`Alice's set holds ${q(ROW_A)} and Bob's ${q(ROW_B)}; SINTER found the ${q(ROW_MUTUAL)} they share in ${q(ROW_TRIPS)} round trip, without either list leaving Redis.`,
    'Summary',
  );
}

function* handle(
  world: World,
  web: Actor,
  _req: Packet,
): Proc<{ status: number; label: string; payload: Json }> {
  world.narrate(
    'sinter',
    say`web-1 asks Redis for the intersection: SINTER ${KEY_A} ${KEY_B}.`,
    STEP(3, 'SINTER'),
  );
  const r = yield* web.redis('redis', ['SINTER', KEY_A, KEY_B]);
  if (r.type === 'error') {
    world.narrate('sinter-failed', say`SINTER failed: "${r.value}".`, STEP(3, 'SINTER'));
    return {
      status: 503,
      label: '503 Service Unavailable',
      payload: { status: 503, body: r.value },
    };
  }
  const mutual = members(r).sort();
  return {
    status: 200,
    label: `200 OK (${mutual.length} mutual)`,
    payload: { status: 200, body: { mutual } },
  };
}

/** The members of an array-of-bulk reply. */
function members(r: Reply | null): string[] {
  if (!r || r.type !== 'array' || r.value === null) return [];
  return r.value.flatMap((m) => (m.type === 'bulk' && m.value !== null ? [m.value] : []));
}

/**
 * The outcome, read off the trace: the members of the SINTER reply, sorted;
 * each set's size as Redis counted it (the sum of its SADD replies that reached
 * web-1); and how many SINTER round trips that took.
 */
function measure(trace: Trace): Json {
  const calls = exchanges(trace, { to: 'redis' });
  const x = calls.find((e) => argvOf(e.req)[0] === 'SINTER');
  const added = (key: string): number =>
    calls
      .filter((e) => argvOf(e.req)[0] === 'SADD' && argvOf(e.req)[1] === key && e.doneNs !== null)
      .reduce((n, e) => {
        const r = replyOf(e.reply);
        return n + (r?.type === 'integer' ? Number(r.value) : 0);
      }, 0);
  const done = x && x.doneNs !== null ? x : null;
  const mutual = members(replyOf(done?.reply ?? null)).sort();
  return {
    mutual,
    aliceSize: added(KEY_A),
    bobSize: added(KEY_B),
    mutualCount: mutual.length,
    sinterRoundTrips: calls.filter((e) => argvOf(e.req)[0] === 'SINTER' && e.doneNs !== null)
      .length,
  };
}
