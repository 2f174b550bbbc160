import {
  Actor,
  fixed,
  msToNs,
  PostgresNode,
  POSTGRES_DEFAULTS,
  RedisNode,
  secToNs,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type Trace,
  type World,
} from '../sim';
import { argvOf, exchanges, quantile, replyOf, spanMs } from './measure';
import { traceUpTo } from './scoreboard';
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, REDIS_CMD_US, RTT_US } from './commonParams';

const KEY = 'user:123';
const ROW = { id: 123, name: 'Ada', plan: 'pro' };
const STEP = (n: number, what: string): string => `Step ${n} of 6 · ${what}`;
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
    const told = { asked: false, missed: false };
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
          `⏱ ${KEY} expired: its ${p.ttlSec} s TTL ran out, so Redis deleted it. The next read will miss.`,
          'TTL expiry',
        );
    };

    world.narrate(
      'intro',
      `A browser asks web-1 for user 123. Redis is empty; Postgres has the row. Watch the six steps of cache-aside.`,
      'Cache-aside',
    );
    browser.run(drive(world, browser, p));
    return { measure: (trace) => measure(trace) };
  },
  scoreboard(trace, tNs) {
    const o = measure(traceUpTo(trace, tNs)) as Record<string, number | null>;
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
  },
};

function* drive(world: World, browser: Actor, p: Record<string, number>): Proc<void> {
  for (let i = 0; i < p.requests; i++) {
    if (i > 0) yield* browser.sleep(msToNs(p.gapMs));
    yield* browser.http('web-1', { method: 'GET', path: '/users/123' });
  }
  yield* browser.sleep(secToNs(p.ttlSec + 1));
  world.narrate(
    'after-ttl',
    `${p.ttlSec + 1} s later, past the TTL, the browser asks again.`,
    'TTL expiry',
  );
  yield* browser.http('web-1', { method: 'GET', path: '/users/123' });
  yield* browser.sleep(msToNs(p.gapMs));
  world.narrate(
    'write',
    `Ada renames herself. The write goes to Postgres, the source of truth; then the app deletes the cached copy.`,
    'Invalidation',
  );
  yield* browser.http('web-1', {
    method: 'PUT',
    path: '/users/123',
    body: { name: 'Ada Lovelace' },
  });
  yield* browser.sleep(msToNs(p.gapMs));
  yield* browser.http('web-1', { method: 'GET', path: '/users/123' });
  world.narrate(
    'done',
    'Every miss cost a trip to Postgres; every hit was one Redis round trip. That is the whole trick.',
    'Summary',
  );
  // The story ends here; background work (a save point an hour away) would only stretch the timeline.
  world.engine.stop();
}

function* handle(
  world: World,
  web: Actor,
  req: Packet,
  p: Record<string, number>,
  told: { asked: boolean; missed: boolean },
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
    if (updated.error) return unavailable(world, updated.error);
    yield* web.redis('redis', ['DEL', KEY]);
    world.narrate(
      'invalidated',
      `Postgres committed the update and web-1 sent DEL ${KEY}: the stale copy is gone.`,
      'Invalidation',
    );
    return { status: 200, label: '200 OK (updated)', payload: { status: 200, body: row } };
  }
  const first = !told.asked;
  told.asked = true;
  if (first)
    world.narrate(
      'step1',
      `web-1 asks Redis: "Do you have user 123?" (GET ${KEY})`,
      STEP(1, 'Ask Redis'),
    );
  const cached = yield* web.redis('redis', ['GET', KEY]);
  if (cached.type === 'error') {
    // The cache is an optimisation: when it is down or loading, serve from the database.
    world.narrate(
      'cache-down',
      `Redis answered "${cached.value}". Cache-aside degrades gracefully: web-1 goes straight to Postgres.`,
      'Redis unavailable',
    );
    const res = yield* web.pg('postgres', {
      sql: 'SELECT * FROM users WHERE id=123',
      op: 'select',
      key: KEY,
    });
    if (res.error) return unavailable(world, res.error);
    return {
      status: 200,
      label: '200 OK (from Postgres)',
      payload: { status: 200, body: res.row },
    };
  }
  if (cached.type === 'bulk' && cached.value !== null) {
    yield* web.sleep(APP_CPU_NS);
    world.narrate(
      'hit',
      `Redis: "Yes!" Cache hit: one round trip, Postgres untouched.`,
      STEP(6, 'Cache hit'),
    );
    return {
      status: 200,
      label: '200 OK (from cache)',
      payload: { status: 200, body: JSON.parse(cached.value) as Json },
    };
  }
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'miss',
    !told.missed
      ? `Redis: "No." (nil) A cache miss.`
      : `Redis: (nil). Another miss: the key is gone.`,
    STEP(2, 'Cache miss'),
  );
  told.missed = true;
  yield* web.sleep(APP_CPU_NS);
  world.narrate('step3', `web-1 asks Postgres: "Give me user 123."`, STEP(3, 'Ask Postgres'));
  const res = yield* web.pg('postgres', {
    sql: 'SELECT * FROM users WHERE id=123',
    op: 'select',
    key: KEY,
  });
  // Never cache a failure: with the database down there is nothing true to remember.
  if (res.error) return unavailable(world, res.error);
  const row = res.row;
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'step4',
    `Postgres: "Here." The slow part: a query on the database.`,
    STEP(4, 'Postgres answers'),
  );
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'step5-send',
    `web-1 tells Redis to remember it for ${p.ttlSec} s: SET ${KEY} … EX ${p.ttlSec}.`,
    STEP(5, 'Remember it'),
  );
  yield* web.redis('redis', ['SET', KEY, JSON.stringify(row), 'EX', String(p.ttlSec)]);
  yield* web.sleep(APP_CPU_NS);
  world.narrate(
    'step5',
    `Redis: OK. The next read of user 123 will be a hit, for ${p.ttlSec} s.`,
    STEP(5, 'Remember it'),
  );
  return { status: 200, label: '200 OK (from Postgres)', payload: { status: 200, body: row } };
}

/** The answer when Postgres cannot: 503, and nothing is cached. */
function unavailable(
  world: World,
  error: string,
): { status: number; label: string; payload: Json } {
  world.narrate(
    'db-down',
    `Postgres failed (${error}). web-1 answers 503 and caches nothing: a cache must never remember an error as if it were data.`,
    'Database unavailable',
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
    if (!g) continue; // web-1 died before it could ask Redis
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
