import {
  Actor,
  fixed,
  quote,
  say,
  Trace,
  type Quote,
  msToNs,
  PostgresNode,
  POSTGRES_DEFAULTS,
  RedisNode,
  secToNs,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type World,
} from '../sim';
import { argvOf, exchanges, quantile, replyOf, spanMs } from './measure';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, REDIS_CMD_US, RTT_US } from './commonParams';

const KEY = 'user:123';
const ROW = { id: 123, name: 'Ada', plan: 'pro' };
/** One numbering for the whole story: the lesson's six steps, then expiry and invalidation. */
const STEP_TITLES = [
  'Ask Redis',
  'Cache miss',
  'Ask Postgres',
  'Postgres answers',
  'Remember it',
  'Cache hit',
  'TTL expiry',
  'Invalidation',
];
/** The app's own work between steps (parse a reply, decide): it also gives each beat its own instant. */
const APP_CPU_NS = 20_000;

/**
 * Lesson §4, cache-aside: "Do you have User 123?" The six steps, then repeated
 * reads, a TTL expiry, and a write that invalidates the key.
 */
export const cacheAside: ScenarioSpec = {
  id: 'cache-aside',
  title: 'Do you have User 123?',
  lessonSection: '§4 Redis vs the world',
  teaches:
    'Cache-aside: ask Redis first, fall back to Postgres on a miss, and remember the answer.',
  params: [
    {
      name: 'ttlSec',
      label: 'Key TTL',
      type: 'number',
      default: 30,
      min: 1,
      max: 300,
      step: 1,
      unit: 's',
    },
    {
      name: 'requests',
      label: 'Reads of user 123',
      type: 'number',
      default: 5,
      min: 2,
      max: 20,
      step: 1,
    },
    {
      name: 'gapMs',
      label: 'Pause between reads',
      type: 'number',
      default: 500,
      min: 10,
      max: 5000,
      step: 10,
      unit: 'ms',
    },
    {
      name: 'persistence',
      label: 'Redis persistence',
      type: 'choice',
      default: 'rdb',
      choices: ['rdb', 'aof-everysec', 'aof-always'],
      group: 'advanced',
      help: 'What a crash keeps: rdb = the last snapshot (default save points; BGSAVE from the console takes one now); aof = the append-only log',
    },
    {
      name: 'dbQueryMs',
      label: 'Postgres query time',
      type: 'number',
      default: 10,
      min: 0.1,
      max: 200,
      step: 0.1,
      unit: 'ms',
      group: 'latency',
    },
    RTT_US,
    REDIS_CMD_US,
    CLIENT_RTT_MS,
    {
      name: 'fsyncMs',
      label: 'Disk fsync (AOF)',
      type: 'number',
      default: 1,
      min: 0.1,
      max: 20,
      step: 0.1,
      unit: 'ms',
      group: 'latency',
      help: 'How long an fsync of the AOF takes; under appendfsync always every write waits for it',
    },
  ],
  layout: { browser: [0, 0], 'web-1': [1, 0], redis: [2, 0], postgres: [2, 1] },
  build(world, params) {
    const p = params as Record<string, number>;
    const mode = String(params.persistence);
    const config: Record<string, string> =
      mode === 'rdb'
        ? { appendonly: 'no' }
        : { appendonly: 'yes', appendfsync: mode === 'aof-always' ? 'always' : 'everysec' };
    const redis = world.add(
      new RedisNode(world, 'redis', {
        commandCostNs: usToNs(p.redisCmdUs),
        config,
        disk: { fsyncNs: msToNs(p.fsyncMs) },
      }),
    );
    const pg = world.add(
      new PostgresNode(world, 'postgres', {
        ...POSTGRES_DEFAULTS,
        queryCostNs: msToNs(p.dbQueryMs),
        bufferHitRatio: 1,
      }),
    );
    // Per-run narration memory: lives in this closure, never in the module.
    const told: Told = { asked: false, missed: false, step: 1 };
    const web: Actor = world.add(
      new Actor(world, 'web-1', 'webServer', {
        handler: (req) => handle(world, web, req, p, told),
      }),
    );
    const browser = world.add(new Actor(world, 'browser', 'client'));
    const half = usToNs(p.rttUs) / 2;
    // Backend links jitter ±10% (seeded); the browser link is fixed so latencies compare cleanly.
    const jitter = { kind: 'uniform', minNs: half * 0.9, maxNs: half * 1.1 } as const;
    world.link('browser', 'web-1', fixed(msToNs(p.clientRttMs) / 2));
    world.link('web-1', 'redis', jitter);
    world.link('web-1', 'postgres', jitter);
    pg.seed(KEY, ROW);
    redis.onExpired = (keys) => {
      if (keys.includes(KEY))
        world.narrate(
          'expired',
          say`⏱ ${KEY} expired: its ${quote(p.ttlSec, { param: 'ttlSec' })} s TTL ran out, so Redis deleted it. The next read will miss.`,
          stepOf(told, 7),
        );
    };

    world.narrate(
      'intro',
      `A browser asks web-1 for ${KEY}. Redis is empty; Postgres has the row. Watch the six steps of cache-aside, then an expiry and an invalidation.`,
      stepOf(told, 1),
    );
    browser.run(drive(world, browser, p, told));
    return { measure: (trace) => measure(trace) };
  },
  scoreboard(trace, tNs) {
    return board(measure(traceUpTo(trace, tNs)) as Record<string, number | null>);
  },
};

/** Per-run narration memory (lives in build's closure, never in the module). */
interface Told {
  asked: boolean;
  missed: boolean;
  /** The step the story has reached: beats never go back to an earlier one. */
  step: number;
}

/**
 * "Step n of 8 · Title" for a beat of step `n`, or of the step the story is
 * already in when it is further along (a miss after the TTL is part of the
 * expiry, not the lesson's step 2 again).
 */
function stepOf(told: Told, n: number): string {
  told.step = Math.max(told.step, n);
  return `Step ${told.step} of ${STEP_TITLES.length} · ${STEP_TITLES[told.step - 1]}`;
}

/** The board for a measured run (or the run so far). */
function board(o: Record<string, number | null>): Scoreboard {
  return {
    title: 'Reads of user 123',
    columns: ['reads', 'p50 ms', 'p99 ms'],
    rows: [
      {
        label: 'Hits',
        tone: 'good',
        cells: [
          { v: o.hits, of: 'hits' },
          { v: o.hitP50Ms, digits: 1, of: 'hitP50Ms' },
          { v: o.hitP99Ms, digits: 1, of: 'hitP99Ms' },
        ],
      },
      {
        label: 'Misses',
        tone: 'bad',
        cells: [
          { v: o.misses, of: 'misses' },
          { v: o.missP50Ms, digits: 1, of: 'missP50Ms' },
          { v: o.missP99Ms, digits: 1, of: 'missP99Ms' },
        ],
      },
      {
        label: 'Hit ratio',
        cells: [
          { v: o.hitRatioPct, unit: '%', digits: 0, of: 'hitRatioPct' },
          { v: '' },
          { v: '' },
        ],
      },
      {
        label: 'DB queries',
        tone: 'muted',
        cells: [{ v: o.dbQueries, of: 'dbQueries' }, { v: '' }, { v: '' }],
      },
    ],
  };
}

/** A board cell as shown, measured off the world's entries so far, quoted as its source. */
function cell(world: World, label: string, col = 0): Quote {
  const b = board(measure(new Trace(world.entries.slice())) as Record<string, number | null>);
  const row = b.rows.find((r) => r.label === label);
  return quote(row ? formatCell(row.cells[col]) : '', { score: label, col });
}

function* drive(world: World, browser: Actor, p: Record<string, number>, told: Told): Proc<void> {
  let unanswered = 0;
  // Said from what came back: a crashed or stopped web-1 answers nothing.
  const get = function* (): Proc<void> {
    const res = yield* browser.http('web-1', { method: 'GET', path: '/users/123' });
    if (res.status === 0) {
      unanswered++;
      world.narrate(
        'no-answer',
        refused(world)
          ? `The browser got no answer: web-1 is down and its host refused the connection. Neither Redis nor Postgres was asked for this read.`
          : `The browser got no answer: web-1 died while serving this read and the connection was reset.`,
        stepOf(told, told.step),
      );
    }
  };
  for (let i = 0; i < p.requests; i++) {
    if (i > 0) yield* browser.sleep(msToNs(p.gapMs));
    yield* get();
  }
  const waitedSec = p.ttlSec + 1;
  yield* browser.sleep(secToNs(waitedSec));
  // The wait is on the trace, so the narration can quote it.
  world.metric('waitedSec', waitedSec);
  world.narrate(
    'after-ttl',
    say`${quote(waitedSec, { metric: 'waitedSec' })} s later, past the ${quote(p.ttlSec, { param: 'ttlSec' })} s TTL, the browser asks again.`,
    stepOf(told, 7),
  );
  yield* get();
  yield* browser.sleep(msToNs(p.gapMs));
  world.narrate(
    'write',
    `Ada renames herself: the browser sends the update to web-1. The write must go to Postgres, the source of truth.`,
    stepOf(told, 8),
  );
  const put = yield* browser.http('web-1', {
    method: 'PUT',
    path: '/users/123',
    body: { name: 'Ada Lovelace' },
  });
  if (put.status === 0) {
    unanswered++;
    world.narrate(
      'no-answer',
      `The update got no answer: the connection to web-1 was reset, so nothing was written and nothing was deleted from the cache.`,
      stepOf(told, 8),
    );
  }
  yield* browser.sleep(msToNs(p.gapMs));
  yield* get();
  const head = say`${cell(world, 'Hits')} hits at ${cell(world, 'Hits', 2)} ms p99 against ${cell(world, 'Misses')} misses at ${cell(world, 'Misses', 2)} ms p99, each miss one of the ${cell(world, 'DB queries')} Postgres queries: a hit ratio of ${cell(world, 'Hit ratio')}.`;
  world.narrate(
    'done',
    unanswered
      ? {
          text: `${head.text} Some requests got no answer at all: web-1 was down.`,
          quotes: head.quotes,
        }
      : head,
    'Summary',
  );
  // The story ends here; background work (a save point an hour away) would only stretch the timeline.
  world.engine.stop();
}

/** Whether web-1's latest answer to the browser was a refused connection (it was down), not a reset mid-request. */
function refused(world: World): boolean {
  for (let i = world.entries.length - 1; i >= 0; i--) {
    const e = world.entries[i];
    if (e.k === 'send' && e.p.from === 'web-1' && e.p.to === 'browser')
      return e.p.label.includes('refused');
  }
  return false;
}

function* handle(
  world: World,
  web: Actor,
  req: Packet,
  p: Record<string, number>,
  told: Told,
): Proc<{ status: number; label: string; payload: Json }> {
  const { method, body } = req.payload as { method: string; body?: { name: string } };
  if (method === 'PUT') {
    const row = { ...ROW, name: body?.name ?? ROW.name };
    const updated = yield* web.pg('postgres', {
      sql: `UPDATE users SET name=… WHERE id=123`,
      op: 'update',
      key: KEY,
      value: row,
    });
    if (updated.error) return unavailable(world, updated.error, told);
    const del = yield* web.redis('redis', ['DEL', KEY]);
    world.narrate(
      'invalidated',
      del.type === 'error'
        ? `Postgres committed the update, but DEL ${KEY} failed: Redis could not answer. A copy, if one survived, may now be stale until its TTL ends.`
        : `Postgres committed the update and web-1 sent DEL ${KEY}: the stale copy is gone.`,
      stepOf(told, 8),
    );
    return { status: 200, label: '200 OK (updated)', payload: { status: 200, body: row } };
  }
  const first = !told.asked;
  told.asked = true;
  if (first)
    world.narrate('step1', `web-1 asks Redis: "Do you have ${KEY}?" (GET ${KEY})`, stepOf(told, 1));
  const cached = yield* web.redis('redis', ['GET', KEY]);
  if (cached.type === 'error') {
    // The cache is an optimisation: when it is down or loading, serve from the database.
    world.narrate(
      'cache-down',
      `Redis answered "${cached.value}". Cache-aside degrades gracefully: web-1 goes straight to Postgres.`,
      stepOf(told, told.step),
    );
    const res = yield* web.pg('postgres', {
      sql: 'SELECT * FROM users WHERE id=123',
      op: 'select',
      key: KEY,
    });
    if (res.error) return unavailable(world, res.error, told);
    return {
      status: 200,
      label: '200 OK (from Postgres)',
      payload: { status: 200, body: res.row },
    };
  }
  if (cached.type === 'bulk' && cached.value !== null) {
    // Said as the reply lands: the hit is Redis's answer, whatever becomes of web-1 next.
    world.narrate(
      'hit',
      `Redis: "Yes!" Cache hit: one round trip, Postgres untouched.`,
      stepOf(told, 6),
    );
    yield* web.sleep(APP_CPU_NS);
    return {
      status: 200,
      label: '200 OK (from cache)',
      payload: { status: 200, body: JSON.parse(cached.value) as Json },
    };
  }
  // Said as the reply lands, like the hit.
  world.narrate(
    'miss',
    !told.missed
      ? `Redis: "No." (nil) A cache miss.`
      : `Redis: (nil). Another miss: the key is gone.`,
    stepOf(told, 2),
  );
  told.missed = true;
  // The app's work after the miss, as long as before (the run's timing is unchanged).
  yield* web.sleep(2 * APP_CPU_NS);
  world.narrate('step3', `web-1 asks Postgres: "Give me ${KEY}."`, stepOf(told, 3));
  const res = yield* web.pg('postgres', {
    sql: 'SELECT * FROM users WHERE id=123',
    op: 'select',
    key: KEY,
  });
  // Never cache a failure: with the database down there is nothing true to remember.
  if (res.error) return unavailable(world, res.error, told);
  const row = res.row;
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'step4',
    say`Postgres: "Here." The slow part: a ${quote(p.dbQueryMs, { param: 'dbQueryMs' })} ms query on the database.`,
    stepOf(told, 4),
  );
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'step5-send',
    say`web-1 tells Redis to remember it for ${quote(p.ttlSec, { param: 'ttlSec' })} s: SET ${KEY} … EX ${quote(p.ttlSec, { param: 'ttlSec' })}.`,
    stepOf(told, 5),
  );
  const set = yield* web.redis('redis', ['SET', KEY, JSON.stringify(row), 'EX', String(p.ttlSec)]);
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'step5',
    set.type === 'error'
      ? `Redis could not store it ("${set.value}"): the next read will miss again.`
      : say`Redis: OK. The next read of ${KEY} will be a hit, for ${quote(p.ttlSec, { param: 'ttlSec' })} s.`,
    stepOf(told, 5),
  );
  return { status: 200, label: '200 OK (from Postgres)', payload: { status: 200, body: row } };
}

/** The answer when Postgres cannot: 503, and nothing is cached. */
function unavailable(
  world: World,
  error: string,
  told: Told,
): { status: number; label: string; payload: Json } {
  world.narrate(
    'db-down',
    `Postgres failed (${error}). web-1 answers Service Unavailable and caches nothing: a cache must never remember an error as if it were data.`,
    stepOf(told, told.step),
  );
  return { status: 503, label: '503 Service Unavailable', payload: { status: 503, body: error } };
}

/** The outcome, read off the trace's packets. */
function measure(trace: Trace): Json {
  const reads = exchanges(trace, { from: 'browser', to: 'web-1' }).filter(
    (x) => (x.req.payload as { method: string }).method === 'GET',
  );
  const redisCalls = exchanges(trace, { from: 'web-1', to: 'redis' });
  const gets = redisCalls.filter((x) => argvOf(x.req)[0] === 'GET');
  const dbQueries = exchanges(trace, { from: 'web-1', to: 'postgres' }).filter(
    (x) => (x.req.payload as { op: string }).op === 'select',
  ).length;
  const crashes = trace.ofKind('state').filter((e) => e.node === 'redis' && e.value === 'crashed');
  let hits = 0;
  let misses = 0;
  let expiredMisses = 0;
  let invalidatedMisses = 0;
  let crashMisses = 0;
  let unavailableMisses = 0;
  const hitMs: number[] = [];
  const missMs: number[] = [];
  for (const read of reads) {
    // The GET web-1 sent while serving this read (reads are one at a time).
    const end = read.reply?.sentNs ?? Infinity;
    const g = gets.find((x) => x.req.sentNs >= read.req.deliverNs && x.req.sentNs <= end);
    // web-1 died before it could ask Redis, or before Redis's answer reached it.
    if (!g || g.doneNs === null) continue;
    const r = replyOf(g.reply);
    const latency = read.doneNs !== null ? spanMs(read.req.sentNs, read.doneNs) : null;
    if (r?.type === 'bulk' && r.value !== null) {
      hits++;
      if (latency !== null) hitMs.push(latency);
      continue;
    }
    misses++;
    if (latency !== null) missMs.push(latency);
    if (r?.type === 'error') {
      unavailableMisses++; // refused or -LOADING: Redis could not answer at all
      continue;
    }
    // Why was the key gone? The last command that touched it, unless Redis crashed since.
    const last = redisCalls
      .filter((x) => x.req.sentNs < g.req.sentNs && argvOf(x.req)[1] === KEY)
      .filter((x) => argvOf(x.req)[0] !== 'GET')
      .pop();
    if (last && crashes.some((c) => c.t > last.req.sentNs && c.t < g.req.sentNs)) crashMisses++;
    else if (last && argvOf(last.req)[0] === 'DEL') invalidatedMisses++;
    else if (last && argvOf(last.req)[0] === 'SET') expiredMisses++;
  }
  return {
    misses,
    hits,
    dbQueries,
    missLatencyMs: missMs[0] ?? null,
    hitLatencyMs: hitMs[0] ?? null,
    hitP50Ms: quantile(hitMs, 0.5),
    hitP99Ms: quantile(hitMs, 0.99),
    missP50Ms: quantile(missMs, 0.5),
    missP99Ms: quantile(missMs, 0.99),
    hitRatioPct: hits + misses ? Math.round((100 * hits) / (hits + misses)) : null,
    expiredMisses,
    invalidatedMisses,
    crashMisses,
    unavailableMisses,
  };
}
