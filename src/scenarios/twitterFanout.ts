import {
  Actor,
  fixed,
  msToNs,
  POSTGRES_DEFAULTS,
  quote,
  say,
  usToNs,
  type Json,
  Trace,
  type World,
} from '../sim';
import { REDIS_CMD_US, RTT_US } from './commonParams';
import { FlowPostgres, FlowRedis, type FanoutFlow, type ReadFlow } from './fanoutNodes';
import { argvOf, exchanges, quantile, replyOf, spanMs } from './measure';
import { traceUpTo, type Scoreboard } from './scoreboard';
import type { ParamValues, ScenarioSpec } from './spec';

const STEP = (n: number, what: string): string => `Step ${n} of 4 · ${what}`;
const TWEET = 'tweet:9001';
/** Flows of alike messages per phase: keeps the frames near 200 at any follower count. */
const CHUNKS = 20;
/** At or below this many followers every packet is drawn (auto mode). */
const AUTO_INDIVIDUAL_MAX = 20;
/** 'individual' is honoured up to here: beyond it a run would draw too many packets. */
const INDIVIDUAL_MAX = 5_000;
/** With `hybrid`, accounts with at least this many followers are merged at read time. */
export const HYBRID_THRESHOLD = 10_000;
/** A quiet pause between the two ways, so each reads as its own act. */
const ACT_GAP_NS = msToNs(100);

/**
 * Lesson §6, "the Justin Bieber problem": followers open their timelines. The
 * SQL way asks Postgres for every timeline read and runs out of connections;
 * the Redis way fans the tweet out on write (LPUSH + LTRIM into each
 * follower's list) so that a read is one LRANGE. Above a handful of followers
 * the alike messages travel as flows (DESIGN.md §5): counts with exact metrics.
 */
export const twitterFanout: ScenarioSpec = {
  id: 'twitter-fanout',
  title: 'The Justin Bieber problem',
  lessonSection: '§6 Fan-out on write',
  teaches:
    'Fan-out on write: push each tweet into every follower’s Redis list once, and a timeline read is one LRANGE instead of a database query.',
  params: [
    {
      name: 'followers',
      label: 'Followers',
      type: 'number',
      default: 1_000,
      min: 10,
      max: 1_000_000,
      step: 1,
      scale: 'log',
    },
    {
      name: 'readsPerSec',
      label: 'Timeline reads per second',
      type: 'number',
      default: 5_000,
      min: 100,
      max: 100_000,
      step: 100,
      unit: 'req/s',
      help: 'Followers open the app at this rate, each once, for up to one second',
    },
    {
      name: 'dbMaxConnections',
      label: 'Postgres max_connections',
      type: 'number',
      default: 100,
      min: 5,
      max: 1_000,
      step: 5,
    },
    {
      name: 'dbQueryMs',
      label: 'Timeline query',
      type: 'number',
      default: 50,
      min: 1,
      max: 500,
      step: 1,
      unit: 'ms',
      group: 'latency',
      help: 'A timeline query joins follows and tweets and sorts them: tens of ms',
    },
    {
      name: 'hybrid',
      label: 'Hybrid: merge celebrities at read time',
      type: 'boolean',
      default: false,
      group: 'advanced',
      help: `Accounts with ${HYBRID_THRESHOLD.toLocaleString('en-US')}+ followers are not fanned out; each read also fetches their tweets (two commands instead of one)`,
    },
    {
      name: 'packets',
      label: 'Packets',
      type: 'choice',
      default: 'auto',
      choices: ['auto', 'individual'],
      group: 'advanced',
      help: `auto: flows above ${AUTO_INDIVIDUAL_MAX} followers; individual: every packet drawn (up to ${INDIVIDUAL_MAX.toLocaleString('en-US')} followers)`,
    },
    RTT_US,
    REDIS_CMD_US,
  ],
  layout: { 'web-1': [0, 0], postgres: [1, 0], redis: [1, 1] },
  build(world, params) {
    const p = params as Record<string, number>;
    const followers = p.followers;
    const individual =
      followers <= AUTO_INDIVIDUAL_MAX ||
      (params.packets === 'individual' && followers <= INDIVIDUAL_MAX);
    const hybrid = params.hybrid === true && followers >= HYBRID_THRESHOLD;
    const reads = Math.min(followers, p.readsPerSec);
    const gapNs = Math.round(1e9 / p.readsPerSec);
    world.add(
      new FlowPostgres(world, 'postgres', {
        ...POSTGRES_DEFAULTS,
        maxConnections: p.dbMaxConnections,
        queryCostNs: msToNs(p.dbQueryMs),
        // Equal query costs: a flow's reads then meet exactly what single packets meet.
        bufferHitRatio: 1,
      }),
    );
    world.add(new FlowRedis(world, 'redis', { commandCostNs: usToNs(p.redisCmdUs) }));
    const web: Actor = world.add(new Actor(world, 'web-1', 'webServer'));
    const link = fixed(Math.round(usToNs(p.rttUs) / 2));
    world.link('web-1', 'postgres', link);
    world.link('web-1', 'redis', link);
    const ctx: Ctx = { world, web, p, params, individual, hybrid, reads, gapNs };

    world.narrate(
      'intro',
      say`A celebrity with ${quote(followers.toLocaleString('en-US'), { param: 'followers' })} followers tweets, and they open their timelines, ${quote(p.readsPerSec.toLocaleString('en-US'), { param: 'readsPerSec' })} reads a second. The SQL way first: every read is a timeline query on Postgres.`,
      STEP(1, 'The SQL way'),
    );
    sqlWay(ctx, () => {
      world.engine.schedule(ACT_GAP_NS, () => fanout(ctx, () => redisReads(ctx)));
    });
    return { measure };
  },
  scoreboard(trace, tNs) {
    return board(measure(traceUpTo(trace, tNs)) as unknown as Outcome);
  },
};

interface Ctx {
  world: World;
  web: Actor;
  p: Record<string, number>;
  params: ParamValues;
  individual: boolean;
  hybrid: boolean;
  reads: number;
  gapNs: number;
}

/** Sizes of `n` items cut into at most CHUNKS nearly equal chunks. */
function chunks(n: number): number[] {
  const k = Math.min(n, CHUNKS);
  return Array.from(
    { length: k },
    (_, i) => Math.floor(((i + 1) * n) / k) - Math.floor((i * n) / k),
  );
}

/** Runs `start(i, done)` for reads 0..n-1 at their send instants, then `then` once all are done. */
function readsAt(
  ctx: Ctx,
  t0: number,
  sizes: number[],
  start: (first: number, count: number, last: boolean, done: () => void) => void,
  then: () => void,
): void {
  let left = sizes.length;
  let first = 0;
  sizes.forEach((count, q) => {
    const at = first;
    ctx.world.engine.at(t0 + at * ctx.gapNs, () =>
      start(at, count, q === sizes.length - 1, () => {
        if (--left === 0) then();
      }),
    );
    first += count;
  });
}

/** Act one: every timeline read is a query on Postgres. */
function sqlWay(ctx: Ctx, then: () => void): void {
  const { world, web } = ctx;
  const sizes = ctx.individual ? Array<number>(ctx.reads).fill(1) : chunks(ctx.reads);
  readsAt(
    ctx,
    world.nowNs,
    sizes,
    (first, count, last, done) => {
      if (ctx.individual) {
        web.run(
          web.pg('postgres', {
            sql: `SELECT … FROM tweets JOIN follows … WHERE follower=${first + 1}`,
            op: 'select',
            key: `timeline:${first + 1}`,
          }),
          done,
        );
        return;
      }
      const flow: Omit<ReadFlow, 'rid'> = { flow: 'reads', count, gapNs: ctx.gapNs, last };
      web.run(web.call('postgres', `SELECT timeline ×${count}`, { ...flow }), done);
    },
    () => {
      const o = measure(new Trace(world.entries.slice())) as unknown as Outcome;
      const b = board(o);
      world.narrate(
        'sql-done',
        say`Postgres has ${quote(ctx.p.dbMaxConnections.toLocaleString('en-US'), { param: 'dbMaxConnections' })} connections and each timeline query holds one. Reads queued, then were refused: ${quote(cell(b, 'SQL way', 0), { score: 'SQL way', col: 0 })} failed, p99 ${quote(cell(b, 'SQL way', 1), { score: 'SQL way', col: 1 })} ms.`,
        STEP(2, 'Postgres overloaded'),
      );
      then();
    },
  );
}

/** Act two: the tweet is pushed into every follower's list (or, hybrid, into none). */
function fanout(ctx: Ctx, then: () => void): void {
  const { world, web, p } = ctx;
  if (ctx.hybrid) {
    world.narrate(
      'hybrid',
      say`Hybrid: the celebrity is above the fan-out threshold, so the tweet is not fanned out; each read will merge the celebrity's own list at read time.`,
      STEP(3, 'Fan-out on write'),
    );
    world.engine.schedule(ACT_GAP_NS, then);
    return;
  }
  world.narrate(
    'fanout',
    say`The Redis way: when the tweet is written, web-1 pushes ${TWEET} into each follower's timeline list (LPUSH, then LTRIM to cap it), pipelined.`,
    STEP(3, 'Fan-out on write'),
  );
  const n = p.followers;
  let left = 0;
  const finished = (): void => {
    if (--left > 0) return;
    const b = board(measure(new Trace(world.entries.slice())) as unknown as Outcome);
    const written = cell(b, 'Redis way', 2);
    world.narrate(
      'fanout-done',
      written === n.toLocaleString('en-US')
        ? say`Every timeline has the tweet: ${quote(written, { score: 'Redis way', col: 2 })} lists written, once, at tweet time.`
        : say`The fan-out is over, but only ${quote(written, { score: 'Redis way', col: 2 })} timelines got the tweet: Redis refused the rest.`,
      STEP(3, 'Fan-out on write'),
    );
    world.engine.schedule(ACT_GAP_NS, then);
  };
  if (ctx.individual) {
    left = 2 * n;
    for (let k = 1; k <= n; k++) {
      web.run(web.redis('redis', ['LPUSH', `timeline:${k}`, TWEET]), finished);
      web.run(web.redis('redis', ['LTRIM', `timeline:${k}`, '0', '799']), finished);
    }
    return;
  }
  const sizes = chunks(n);
  left = sizes.length;
  let first = 1;
  for (const count of sizes) {
    const flow: Omit<FanoutFlow, 'rid'> = {
      flow: 'fanout',
      first,
      last: first + count - 1,
      tweet: TWEET,
      of: n,
    };
    web.run(
      web.call('redis', `LPUSH+LTRIM ×${count} timeline:${first}…${first + count - 1}`, {
        ...flow,
      }),
      finished,
    );
    first += count;
  }
}

/** Act three: the same reads, each one LRANGE on Redis. */
function redisReads(ctx: Ctx): void {
  const { world, web } = ctx;
  world.narrate(
    'redis-reads',
    say`Followers open their timelines again. Each read is one LRANGE on the follower's list: no query, no connection pool.`,
    STEP(4, 'Reads from Redis'),
  );
  const sizes = ctx.individual ? Array<number>(ctx.reads).fill(1) : chunks(ctx.reads);
  readsAt(
    ctx,
    world.nowNs,
    sizes,
    (first, count, last, done) => {
      if (ctx.individual) {
        web.run(web.redis('redis', ['LRANGE', `timeline:${first + 1}`, '0', '49']), done);
        return;
      }
      const flow: Omit<ReadFlow, 'rid'> = {
        flow: 'reads',
        count,
        gapNs: ctx.gapNs,
        last,
        commands: ctx.hybrid ? 2 : 1,
      };
      web.run(web.call('redis', `LRANGE timeline ×${count}`, { ...flow }), done);
    },
    () => {
      const b = board(measure(new Trace(world.entries.slice())) as unknown as Outcome);
      world.narrate(
        'summary',
        say`Same reads, two ways: Postgres failed ${quote(cell(b, 'SQL way', 0), { score: 'SQL way', col: 0 })} with p99 ${quote(cell(b, 'SQL way', 1), { score: 'SQL way', col: 1 })} ms; Redis failed ${quote(cell(b, 'Redis way', 0), { score: 'Redis way', col: 0 })} with p99 ${quote(cell(b, 'Redis way', 1), { score: 'Redis way', col: 1 })} ms, after ${quote(cell(b, 'Redis way', 2), { score: 'Redis way', col: 2 })} writes at tweet time.`,
        'Summary',
      );
      world.engine.stop();
    },
  );
}

interface Outcome {
  sqlWay: {
    failedReads: number;
    p99ReadMs: number | null;
    dbPeakQueue: number;
    dbOverloaded: boolean;
  };
  redisWay: { fanoutWrites: number; failedReads: number; p99ReadMs: number | null };
}

/** A cell's text as the board shows it. */
function cell(b: Scoreboard, row: string, col: number): string {
  const c = b.rows.find((r) => r.label === row)?.cells[col];
  if (!c || c.v === null) return '–';
  return typeof c.v === 'number'
    ? Number.isInteger(c.v)
      ? c.v.toLocaleString('en-US')
      : c.v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    : c.v;
}

function board(o: Outcome): Scoreboard {
  return {
    title: 'Timeline reads',
    columns: ['failed', 'p99 ms', 'writes'],
    rows: [
      {
        label: 'SQL way',
        tone: 'bad',
        cells: [
          { v: o.sqlWay.failedReads, of: 'sqlWay.failedReads' },
          { v: o.sqlWay.p99ReadMs, digits: 1, of: 'sqlWay.p99ReadMs' },
          { v: null },
        ],
      },
      {
        label: 'Redis way',
        tone: 'good',
        cells: [
          { v: o.redisWay.failedReads, of: 'redisWay.failedReads' },
          { v: o.redisWay.p99ReadMs, digits: 1, of: 'redisWay.p99ReadMs' },
          { v: o.redisWay.fanoutWrites, of: 'redisWay.fanoutWrites' },
        ],
      },
    ],
  };
}

/** The last value of a metric in the trace, or null. */
function lastMetric(trace: Trace, name: string): number | null {
  let v: number | null = null;
  for (const e of trace.ofKind('metric')) if (e.name === name) v = e.value;
  return v;
}

/** One way's reads, single packets and flows alike: failures and the p99 of answered reads. */
function readsOf(
  trace: Trace,
  to: string,
  failed: (reply: Json) => boolean,
): { failedReads: number; p99ReadMs: number | null } {
  let failedReads = 0;
  const ms: number[] = [];
  let flows = false;
  for (const x of exchanges(trace, { from: 'web-1', to })) {
    const req = x.req.payload as { flow?: string };
    if (req.flow === 'fanout') continue;
    if (to === 'redis' && !req.flow && argvOf(x.req)[0] !== 'LRANGE') continue;
    if (!x.reply) continue;
    const r = x.reply.payload as { flow?: string; failed?: number };
    if (req.flow === 'reads') {
      flows = true;
      // A down host's kernel resets the connection: the whole flow failed.
      failedReads += r.failed ?? (req as { count?: number }).count ?? 0;
      continue;
    }
    if (failed(x.reply.payload)) failedReads++;
    else if (x.doneNs !== null) ms.push(spanMs(x.req.sentNs, x.doneNs));
  }
  const m = lastMetric(trace, to === 'redis' ? 'redis.p99ReadMs' : 'sql.p99ReadMs');
  const p99ReadMs = flows ? (m === null || m < 0 ? null : m) : quantile(ms, 0.99);
  return { failedReads, p99ReadMs };
}

/** The outcome, read off the trace: packets, and the metrics flows record. */
function measure(trace: Trace): Json {
  const sql = readsOf(
    trace,
    'postgres',
    (r) => typeof (r as { error?: string }).error === 'string',
  );
  const red = readsOf(trace, 'redis', (r) => replyOf({ payload: r } as never)?.type === 'error');
  let dbPeakQueue = 0;
  for (const e of trace.ofKind('metric'))
    if (e.name === 'postgres.queue') dbPeakQueue = Math.max(dbPeakQueue, e.value);
  let fanoutWrites = 0;
  for (const x of exchanges(trace, { from: 'web-1', to: 'redis' })) {
    if (!x.reply) continue;
    const req = x.req.payload as { flow?: string };
    if (req.flow === 'fanout')
      fanoutWrites += (x.reply.payload as { written?: number }).written ?? 0;
    else if (!req.flow && argvOf(x.req)[0] === 'LPUSH' && replyOf(x.reply)?.type === 'integer')
      fanoutWrites++;
  }
  return {
    sqlWay: {
      failedReads: sql.failedReads,
      p99ReadMs: sql.p99ReadMs,
      dbPeakQueue,
      dbOverloaded: dbPeakQueue > 0 || sql.failedReads > 0,
    },
    redisWay: { fanoutWrites, failedReads: red.failedReads, p99ReadMs: red.p99ReadMs },
  };
}
