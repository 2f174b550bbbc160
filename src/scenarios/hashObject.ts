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
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, REDIS_CMD_US, RTT_US } from './commonParams';

const HASH = 'user:123';
const BLOB = 'user:123:json';
/** Profile fields in the order they are stored; `name` first, `visits` is the counter. */
const FIELDS: [string, string][] = [
  ['name', 'Ada'],
  ['email', 'ada@example.com'],
  ['plan', 'pro'],
  ['city', 'London'],
  ['country', 'GB'],
  ['lang', 'en'],
  ['theme', 'dark'],
  ['tz', 'Europe/London'],
  ['company', 'Analytical Engines Ltd'],
  ['title', 'Programmer'],
  ['phone', '+44 20 7946 0000'],
  ['joined', '2015-12-10'],
  ['avatar', 'https://cdn.example.com/u/123.png'],
  ['twitter', '@ada'],
  ['website', 'https://ada.example.com'],
  ['newsletter', 'yes'],
];
const WORDS = [
  'poetical',
  'science',
  'engine',
  'numbers',
  'loops',
  'cards',
  'notes',
  'music',
  'symbols',
  'bernoulli',
];
const STEP = (n: number, what: string): string => `Step ${n} of 4 · ${what}`;

/**
 * Lesson §3, Hash: "Objects without JSON". The same user stored as a hash and
 * as a JSON string; one field read with HGET versus GET of the whole blob that
 * the web server must parse; then HINCRBY bumps a counter in place.
 */
export const hashObject: ScenarioSpec = {
  id: 'hash-object',
  title: 'Objects without JSON',
  lessonSection: '§3 Redis data structures',
  teaches:
    'A hash stores an object field by field: read or bump one field without fetching and parsing the whole JSON.',
  params: [
    {
      name: 'fields',
      label: 'Profile fields',
      type: 'number',
      default: 8,
      min: 3,
      max: FIELDS.length,
      step: 1,
    },
    {
      name: 'bioChars',
      label: 'Bio length',
      type: 'number',
      default: 400,
      min: 0,
      max: 4000,
      step: 10,
      unit: 'chars',
    },
    {
      name: 'parseNsPerByte',
      label: 'JSON parse cost',
      type: 'number',
      default: 20,
      min: 1,
      max: 200,
      step: 1,
      unit: 'ns/B',
      group: 'latency',
      help: 'Python json.loads runs at roughly 50–100 MB/s: 10–20 ns per byte.',
    },
    RTT_US,
    REDIS_CMD_US,
    CLIENT_RTT_MS,
  ],
  layout: { browser: [0, 0], 'web-1': [1, 0], redis: [2, 0] },
  build(world, params) {
    // The lesson's point is size on the wire: every packet label shows its bytes.
    world.labelBytes = true;
    const p = params as Record<string, number>;
    world.add(
      new RedisNode(world, 'redis', {
        commandCostNs: usToNs(p.redisCmdUs),
        // No RDB save points: an hourly snapshot is not this lesson.
        config: { save: '' },
      }),
    );
    const web: Actor = world.add(
      new Actor(world, 'web-1', 'webServer', { handler: (req) => handle(world, web, req, p) }),
    );
    const browser = world.add(new Actor(world, 'browser', 'client'));
    world.link('browser', 'web-1', fixed(msToNs(p.clientRttMs) / 2));
    world.link('web-1', 'redis', fixed(usToNs(p.rttUs) / 2));

    // The profile: the first `fields` fields, a seeded bio, and the counter.
    const bio = makeBio(world, p.bioChars);
    const profile: [string, string][] = [
      ...FIELDS.slice(0, p.fields),
      ...(bio ? [['bio', bio] as [string, string]] : []),
      ['visits', '0'],
    ];
    const json = JSON.stringify(
      Object.fromEntries(profile.map(([k, v]) => [k, k === 'visits' ? 0 : v])),
    );

    world.narrate(
      'intro',
      `The same user is about to be stored twice: as a hash (${profile.length} fields) and as one JSON string of ${json.length} characters.`,
      STEP(1, 'Store the user'),
    );

    function* store(): Proc<void> {
      const n = yield* web.redis('redis', ['HSET', HASH, ...profile.flat()]);
      world.narrate(
        'hset',
        `HSET ${HASH} replied (integer) ${scalar(n)}: ${scalar(n)} new fields, each stored under its own name.`,
        STEP(1, 'Store the user'),
      );
      yield* web.redis('redis', ['SET', BLOB, json]);
      world.narrate(
        'set',
        `SET ${BLOB}: the whole profile as one opaque string. Redis cannot see inside it.`,
        STEP(1, 'Store the user'),
      );
    }
    function* reads(): Proc<void> {
      yield* browser.http('web-1', { method: 'GET', path: '/users/123/name', body: 'hash' });
      yield* browser.http('web-1', { method: 'GET', path: '/users/123/name', body: 'json' });
      yield* browser.http('web-1', { method: 'POST', path: '/users/123/visit' });
      world.narrate(
        'summary',
        'A hash answers for one field and changes one field in place. A JSON string always travels, and is parsed, whole.',
        'Summary',
      );
    }
    web.run(store(), () => browser.run(reads()));
    return { measure: (trace) => measure(trace) };
  },
};

/** A bio of `chars` characters drawn from the run's generator. */
function makeBio(world: World, chars: number): string {
  let s = '';
  while (s.length < chars) s += (s ? ' ' : '') + world.rng.pick(WORDS);
  return s.slice(0, chars);
}

function* handle(
  world: World,
  web: Actor,
  req: Packet,
  p: Record<string, number>,
): Proc<{ status: number; label: string; payload: Json }> {
  const { method, body } = req.payload as { method: string; body?: string };
  if (method === 'POST') {
    const r = yield* web.redis('redis', ['HINCRBY', HASH, 'visits', '1']);
    world.narrate(
      'hincrby',
      `HINCRBY ${HASH} visits 1 replied ${scalar(r)}. One atomic command: no GET, no parse, no rewrite of the other fields, no lost update if two servers count at once.`,
      STEP(4, 'Bump a counter'),
    );
    return {
      status: 200,
      label: `200 OK (visits ${scalar(r)})`,
      payload: { status: 200, body: Number(scalar(r)) },
    };
  }
  if (body === 'hash') {
    const r = yield* web.redis('redis', ['HGET', HASH, 'name']);
    world.narrate(
      'hget',
      `HGET ${HASH} name: Redis sends back just "${scalar(r)}". Nothing to parse.`,
      STEP(2, 'Read one field'),
    );
    return {
      status: 200,
      label: `200 OK "${scalar(r)}" (hash)`,
      payload: { status: 200, body: scalar(r) },
    };
  }
  const r = yield* web.redis('redis', ['GET', BLOB]);
  const text = r.type === 'bulk' && r.value !== null ? r.value : '{}';
  world.narrate(
    'get-json',
    `GET ${BLOB}: to show one name, Redis sends all ${text.length} characters, and web-1 must now parse them.`,
    STEP(3, 'Read the JSON blob'),
  );
  // Parsing is CPU on the web server, proportional to the bytes.
  yield* web.sleep(text.length * p.parseNsPerByte);
  const name = (JSON.parse(text) as { name?: string }).name ?? '';
  world.narrate(
    'parsed',
    `Parsed ${text.length} bytes at ${p.parseNsPerByte} ns/B to pick out one field. Cheap once; paid on every request, by every server.`,
    STEP(3, 'Read the JSON blob'),
  );
  return { status: 200, label: `200 OK "${name}" (json)`, payload: { status: 200, body: name } };
}

const isBulk = (r: Reply | null): boolean => r?.type === 'bulk';
/** A one-value reply (integer, bulk, simple) as text; '' for anything else. */
function scalar(r: Reply): string {
  if (r.type === 'integer' || r.type === 'simple') return r.value;
  return r.type === 'bulk' ? (r.value ?? '') : '';
}

/** The outcome, from the reply packets' sizes and the web server's parse pause. */
function measure(trace: Trace): Json {
  const calls = exchanges(trace, { from: 'web-1', to: 'redis' });
  const hget = calls.find((x) => argvOf(x.req)[0] === 'HGET' && isBulk(replyOf(x.reply)));
  const get = calls.find((x) => argvOf(x.req)[0] === 'GET' && isBulk(replyOf(x.reply)));
  // The JSON read's response leaves web-1 once parsing is done: the gap is the parse.
  const jsonRead = exchanges(trace, { from: 'browser', to: 'web-1' }).find(
    (x) => (x.req.payload as { body?: string }).body === 'json',
  );
  // Sub-microsecond parses are real: keep whole nanoseconds rather than spanMs's µs rounding.
  const parseMs =
    get?.doneNs != null && jsonRead?.reply ? (jsonRead.reply.sentNs - get.doneNs) / 1e6 : null;
  return {
    hgetBytes: hget?.reply?.bytes ?? null,
    getJsonBytes: get?.reply?.bytes ?? null,
    parseMs,
  };
}
