import {
  Actor,
  fixed,
  quote,
  say,
  Trace,
  type Quote,
  msToNs,
  RedisNode,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type World,
} from '../sim';
import type { Reply } from '../sim/redis';
import { argvOf, exchanges, replyOf } from './measure';
import { redisCall } from './redisCall';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
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
      `The same user is about to be stored twice: as a hash, field by field, and as one JSON string.`,
      STEP(1, 'Store the user'),
    );

    function* store(): Proc<void> {
      const hset = yield* redisCall(world, web, 'redis', ['HSET', HASH, ...profile.flat()]);
      const n = scalar(hset.reply);
      const got = { packet: hset.packet?.id ?? -1, delivered: true };
      world.narrate(
        'hset',
        say`HSET ${HASH} replied ${quote(`(integer) ${n}`, got)}: that many new fields, each stored under its own name.`,
        STEP(1, 'Store the user'),
      );
      const set = yield* redisCall(world, web, 'redis', ['SET', BLOB, json]);
      world.narrate(
        'set',
        say`SET ${BLOB} replied ${quote(scalar(set.reply), { packet: set.packet?.id ?? -1, delivered: true })}: the whole profile is now one opaque string. Redis cannot see inside it.`,
        STEP(1, 'Store the user'),
      );
    }
    function* reads(): Proc<void> {
      yield* browser.http('web-1', { method: 'GET', path: '/users/123/name', body: 'hash' });
      yield* browser.http('web-1', { method: 'GET', path: '/users/123/name', body: 'json' });
      yield* browser.http('web-1', { method: 'POST', path: '/users/123/visit' });
      const at = (label: string): Quote => quote(boardText(world, label), { score: label });
      world.narrate(
        'summary',
        say`To read one field, HGET brought back ${at('HGET reply')}; GET of the JSON brought back ${at('GET JSON reply')} and cost ${at('JSON parse')} of parsing. Bumping the counter took ${at('HINCRBY trips')} round trip.`,
        'Summary',
      );
    }
    web.run(store(), () => browser.run(reads()));
    return { measure: (trace) => measure(trace) };
  },
  scoreboard(trace, tNs) {
    return board(measure(traceUpTo(trace, tNs)) as unknown as Measured);
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
    const argv = ['HINCRBY', HASH, 'visits', '1'];
    const { reply, packet } = yield* redisCall(world, web, 'redis', argv);
    const v = scalar(reply);
    world.narrate(
      'hincrby',
      say`"${quote(argv.join(' '), { packet: requestOf(world, packet) })}" replied ${quote(`(integer) ${v}`, { packet: packet?.id ?? -1, delivered: true })}. One atomic command: no GET, no parse, no rewrite of the other fields, no lost update if two servers count at once.`,
      STEP(4, 'Bump a counter'),
    );
    return {
      status: 200,
      label: `200 OK (visits ${v})`,
      payload: { status: 200, body: Number(v) },
    };
  }
  if (body === 'hash') {
    const { reply, packet } = yield* redisCall(world, web, 'redis', ['HGET', HASH, 'name']);
    world.narrate(
      'hget',
      say`HGET ${HASH} name: Redis sends back just "${scalar(reply)}", ${quote(`${packet?.bytes ?? 0} B`, { packet: packet?.id ?? -1, delivered: true })} on the wire. Nothing to parse.`,
      STEP(2, 'Read one field'),
    );
    return {
      status: 200,
      label: `200 OK "${scalar(reply)}" (hash)`,
      payload: { status: 200, body: scalar(reply) },
    };
  }
  const { reply, packet } = yield* redisCall(world, web, 'redis', ['GET', BLOB]);
  const text = reply.type === 'bulk' && reply.value !== null ? reply.value : '{}';
  world.narrate(
    'get-json',
    say`GET ${BLOB}: to show one name, Redis sends the whole profile, ${quote(`${packet?.bytes ?? 0} B`, { packet: packet?.id ?? -1, delivered: true })} on the wire, and web-1 must now parse it.`,
    STEP(3, 'Read the JSON blob'),
  );
  // Parsing is CPU on the web server, proportional to the bytes.
  yield* web.sleep(text.length * p.parseNsPerByte);
  const name = (JSON.parse(text) as { name?: string }).name ?? '';
  // The answer leaves now; the board's parse time is measured up to it.
  world.engine.schedule(0, () =>
    world.narrate(
      'parsed',
      say`Parsed at ${quote(p.parseNsPerByte, { param: 'parseNsPerByte' })} ns/B, the whole blob took ${quote(boardText(world, 'JSON parse'), { score: 'JSON parse' })} to pick out one field. Cheap once; paid on every request, by every server.`,
      STEP(3, 'Read the JSON blob'),
    ),
  );
  return { status: 200, label: `200 OK "${name}" (json)`, payload: { status: 200, body: name } };
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

const isBulk = (r: Reply | null): boolean => r?.type === 'bulk';
/** A one-value reply (integer, bulk, simple) as text; '' for anything else. */
function scalar(r: Reply): string {
  if (r.type === 'integer' || r.type === 'simple') return r.value;
  return r.type === 'bulk' ? (r.value ?? '') : '';
}

interface Measured {
  hgetBytes: number | null;
  getJsonBytes: number | null;
  parseMs: number | null;
  parseUs: number | null;
  counterRoundTrips: number | null;
}

/** The board for a measured run (or the run so far). */
function board(o: Measured): Scoreboard {
  return {
    title: 'Read one field, bump one counter',
    rows: [
      {
        label: 'HGET reply',
        tone: 'good',
        cells: [{ v: o.hgetBytes, unit: 'B', of: 'hgetBytes' }],
      },
      {
        label: 'GET JSON reply',
        tone: 'bad',
        cells: [{ v: o.getJsonBytes, unit: 'B', of: 'getJsonBytes' }],
      },
      {
        label: 'JSON parse',
        tone: 'warn',
        cells: [{ v: o.parseUs, unit: 'µs', digits: 1, of: 'parseUs' }],
      },
      {
        label: 'HINCRBY trips',
        tone: 'good',
        cells: [{ v: o.counterRoundTrips, of: 'counterRoundTrips' }],
      },
    ],
  };
}

/** A scoreboard cell as shown, measured off the world's entries so far (for a quote). */
function boardText(world: World, label: string): string {
  const b = board(measure(new Trace(world.entries.slice())) as unknown as Measured);
  const row = b.rows.find((r) => r.label === label);
  return row ? formatCell(row.cells[0]) : '';
}

/**
 * The outcome, from the reply packets' sizes (once each reply has reached
 * web-1), the web server's parse pause, and the Redis round trips web-1 made
 * while serving the counter bump.
 */
function measure(trace: Trace): Json {
  const calls = exchanges(trace, { from: 'web-1', to: 'redis' }).filter((x) => x.doneNs !== null);
  const hget = calls.find((x) => argvOf(x.req)[0] === 'HGET' && isBulk(replyOf(x.reply)));
  const get = calls.find((x) => argvOf(x.req)[0] === 'GET' && isBulk(replyOf(x.reply)));
  const http = exchanges(trace, { from: 'browser', to: 'web-1' });
  // The JSON read's response leaves web-1 once parsing is done: the gap is the parse.
  const jsonRead = http.find((x) => (x.req.payload as { body?: string }).body === 'json');
  // Sub-microsecond parses are real: keep whole nanoseconds rather than spanMs's µs rounding.
  const parseMs =
    get?.doneNs != null && jsonRead?.reply ? (jsonRead.reply.sentNs - get.doneNs) / 1e6 : null;
  const bump = http.find((x) => (x.req.payload as { method?: string }).method === 'POST');
  const bumpEnd = bump?.reply?.sentNs ?? Infinity;
  return {
    hgetBytes: hget?.reply?.bytes ?? null,
    getJsonBytes: get?.reply?.bytes ?? null,
    parseMs,
    parseUs: parseMs === null ? null : Math.round(parseMs * 1e4) / 10,
    counterRoundTrips: bump
      ? calls.filter((x) => x.req.sentNs >= bump.req.deliverNs && x.req.sentNs <= bumpEnd).length
      : null,
  };
}
