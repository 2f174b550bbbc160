import {
  Actor,
  fixed,
  msToNs,
  RedisNode,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type Trace,
  type World,
} from '../sim';
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

    world.narrate(
      'intro',
      `Alice has ${friends(listA.length)} and Bob has ${listB.length}. Store each list as a Redis Set, then ask which friends they share.` +
        capNote(p.overlap, listA.length, listB.length),
      'Mutual friends',
    );
    web.run(store(world, web, browser, listA, listB));
    return { measure };
  },
};

/** web-1 saves both friend lists, shows that a Set ignores repeats, then the browser asks for mutual friends. */
function* store(
  world: World,
  web: Actor,
  browser: Actor,
  listA: string[],
  listB: string[],
): Proc<void> {
  const a = yield* web.redis('redis', ['SADD', KEY_A, ...listA]);
  world.narrate(
    'sadd-a',
    `SADD ${KEY_A} with ${listA.length} names. Redis says ${int(a)}: that many were new.`,
    'SADD',
  );
  const b = yield* web.redis('redis', ['SADD', KEY_B, ...listB]);
  world.narrate('sadd-b', `SADD ${KEY_B} with ${listB.length} names: ${int(b)} added.`, 'SADD');
  const again = yield* web.redis('redis', ['SADD', KEY_A, listA[0]]);
  world.narrate(
    'unique',
    `Adding ${listA[0]} to Alice's set again returns ${int(again)}: a Set keeps each member once.`,
    'Members are unique',
  );
  browser.run(ask(world, browser));
}

function* ask(world: World, browser: Actor): Proc<void> {
  // Later, Bob visits: a beat of its own after the SADDs.
  yield* browser.sleep(msToNs(5));
  world.narrate('ask', 'Bob opens Alice’s profile: "friends you have in common".', 'SINTER');
  const res = yield* browser.http('web-1', { method: 'GET', path: '/users/alice/mutual/bob' });
  const mutual = (res.body as { mutual?: string[] }).mutual ?? [];
  world.narrate(
    'answer',
    mutual.length
      ? `${mutual.length} mutual friend${mutual.length > 1 ? 's' : ''}: ${mutual.join(', ')}. Redis did the intersection in memory; web-1 never downloaded either list.`
      : 'No friends in common: SINTER returned an empty set.',
    'SINTER',
  );
}

function* handle(
  world: World,
  web: Actor,
  _req: Packet,
): Proc<{ status: number; label: string; payload: Json }> {
  world.narrate(
    'sinter',
    `web-1 asks Redis for the intersection: SINTER ${KEY_A} ${KEY_B}.`,
    'SINTER',
  );
  const r = yield* web.redis('redis', ['SINTER', KEY_A, KEY_B]);
  const mutual = members(r).sort();
  return {
    status: 200,
    label: `200 OK (${mutual.length} mutual)`,
    payload: { status: 200, body: { mutual } },
  };
}

const friends = (n: number): string => `${n} friend${n === 1 ? '' : 's'}`;

/** Says so when the requested overlap is more than the smaller list can hold (build() caps it). */
function capNote(asked: number, a: number, b: number): string {
  const most = Math.min(a, b);
  if (asked <= most) return '';
  const who =
    a === b
      ? `Alice and Bob have only ${friends(most)} each`
      : `${a < b ? 'Alice' : 'Bob'} has only ${friends(most)}`;
  return ` You asked for ${asked} in common, but ${who}, so at most ${most} can be mutual.`;
}

const int = (r: Reply): string => (r.type === 'integer' ? String(r.value) : '?');

/** The members of an array-of-bulk reply. */
function members(r: Reply | null): string[] {
  if (!r || r.type !== 'array' || r.value === null) return [];
  return r.value.flatMap((m) => (m.type === 'bulk' && m.value !== null ? [m.value] : []));
}

/** The outcome, read off the trace: the members of the SINTER reply, sorted. */
function measure(trace: Trace): Json {
  const x = exchanges(trace, { to: 'redis' }).find((e) => argvOf(e.req)[0] === 'SINTER');
  return { mutual: members(replyOf(x?.reply ?? null)).sort() };
}
