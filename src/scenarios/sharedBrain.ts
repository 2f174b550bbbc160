import {
  Actor,
  fixed,
  msToNs,
  PostgresNode,
  POSTGRES_DEFAULTS,
  RedisNode,
  quote,
  say,
  Trace,
  usToNs,
  type HttpResponse,
  type Json,
  type Packet,
  type PgResult,
  type Proc,
  type Quote,
  type Said,
  type World,
} from '../sim';
import { exchanges, type Exchange } from './measure';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
import { REDIS_WITHOUT_SNAPSHOTS } from './redisWithoutSnapshots';
import type { ScenarioSpec } from './spec';
import { RTT_US } from './commonParams';

const KEY = 'user:42';
const PATH = '/profile/42';
const LB = 'lb';
/** Marks that open each phase; measure() finds the phases by them. */
const PHASE_LOCAL = 'Phase 1 · a dict in each server';
const PHASE_REDIS = 'Phase 2 · one shared Redis';

/** A profile row; `v` counts its updates so a stale copy is recognisable. */
interface Profile {
  id: number;
  name: string;
  v: number;
}

type Mode = 'local' | 'redis';

/** Per-run state, made in build(): never at module level. */
interface Run {
  mode: Mode;
  version: number;
  /** Whether this phase's update has happened. */
  updated: boolean;
  rr: number;
  /** The server that took this phase's update. */
  writer: string;
  /** Narration memory, so each teaching beat is said once per phase. */
  told: Set<string>;
  /** A scoreboard cell as it reads now (row label, column): what a beat quotes. */
  board(row: string, col: number): string;
}

const STEP = (n: number, what: string): string => `Step ${n} of 6 · ${what}`;
/** Scoreboard rows, as beats quote them. */
const HITS = 'Warm-up hits';
const MISSES = 'Warm-up misses';
const STALE = 'Stale reads';

const webId = (i: number): string => `web-${i + 1}`;
const NAMES = ['Grace', 'Grace Hopper', 'Rear Admiral Hopper'];

/**
 * Lesson §2, "Why not a Python dictionary?": N web servers behind a round-robin
 * load balancer serve the same profile. First each keeps its own in-process
 * dict (every server misses once, and after an update the others serve stale
 * copies); then they all share one Redis (one miss in total, and a DEL on
 * write fixes every server at once).
 */
export const sharedBrain: ScenarioSpec = {
  id: 'shared-brain',
  title: 'Why not a Python dictionary?',
  lessonSection: '§2 What is Redis?',
  teaches:
    'A dict lives in one server; Redis is one shared brain that every server sees, including its invalidations.',
  params: [
    {
      name: 'servers',
      label: 'Web servers',
      type: 'number',
      default: 3,
      min: 1,
      max: 10,
      step: 1,
      unit: 'servers',
    },
    {
      name: 'requests',
      label: 'Reads per phase before the update',
      type: 'number',
      // 5 reads: each server misses once, then hits show up, in about 116 frames.
      default: 5,
      min: 1,
      max: 30,
      step: 1,
      unit: 'req',
      help: 'After the update, each phase reads once more from every server.',
    },
    {
      name: 'dbQueryMs',
      label: 'Postgres query time',
      type: 'number',
      default: 5,
      min: 0.1,
      max: 200,
      step: 0.1,
      unit: 'ms',
      group: 'latency',
    },
    RTT_US,
  ],
  layout: {
    lb: [0, 1],
    ...Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [webId(i), [1, i] as [number, number]]),
    ),
    redis: [2, 0],
    postgres: [2, 2],
  },
  build(world, params) {
    const p = params as Record<string, number>;
    const run: Run = {
      mode: 'local',
      version: 1,
      updated: false,
      rr: 0,
      writer: '',
      told: new Set(),
      board: (row, col) => {
        const b = board(new Trace(world.entries.slice()), world.nowNs);
        return formatCell(b.rows.find((r) => r.label === row)!.cells[col]);
      },
    };
    world.add(new RedisNode(world, 'redis', REDIS_WITHOUT_SNAPSHOTS));
    const pg = world.add(
      new PostgresNode(world, 'postgres', {
        ...POSTGRES_DEFAULTS,
        queryCostNs: msToNs(p.dbQueryMs),
        bufferHitRatio: 1,
      }),
    );
    const half = usToNs(p.rttUs) / 2;
    const jitter = { kind: 'uniform', minNs: half * 0.9, maxNs: half * 1.1 } as const;
    const webs: Actor[] = [];
    for (let i = 0; i < p.servers; i++) {
      const web: Actor = world.add(
        new Actor(world, webId(i), 'webServer', {
          handler: (req) => handleWeb(world, web, req, run),
        }),
      );
      webs.push(web);
    }
    // Users' requests arrive at the load balancer: it is where this story starts.
    const lb: Actor = world.add(new Actor(world, LB, 'loadBalancer'));
    for (const web of webs) world.link(LB, web.id, fixed(usToNs(50)));
    for (const web of webs) world.link(web.id, 'redis', jitter);
    for (const web of webs) world.link(web.id, 'postgres', jitter);
    pg.seed(KEY, { id: 42, name: NAMES[0], v: 1 } satisfies Profile);

    lb.run(drive(world, lb, webs, run, p));
    return { measure };
  },
  scoreboard: (trace, tNs) => board(trace, tNs),
};

/** Hits, misses and stale reads so far, dicts beside Redis: the lesson's point in numbers. */
function board(trace: Trace, tNs: number): Scoreboard {
  const o = measure(traceUpTo(trace, tNs)) as unknown as Record<'localDict' | 'redis', Tally>;
  const row = (label: string, field: keyof Tally, tone: 'good' | 'bad' | 'warn') => ({
    label,
    tone,
    cells: [
      { v: o.localDict[field], of: `localDict.${field}` },
      { v: o.redis[field], of: `redis.${field}` },
    ],
  });
  return {
    title: 'Reads of user:42',
    columns: ['dicts', 'Redis'],
    rows: [
      row(HITS, 'hits', 'good'),
      row(MISSES, 'misses', 'warn'),
      row(STALE, 'staleReads', 'bad'),
    ],
  };
}

/** The load balancer's traffic: reads of the profile, round robin, one update per phase. */
function* drive(
  world: World,
  lb: Actor,
  webs: Actor[],
  run: Run,
  p: Record<string, number>,
): Proc<void> {
  const send = (method: string, body?: Json): Proc<HttpResponse> => {
    const target = webId(run.rr++ % p.servers);
    return lb.http(
      target,
      body === undefined ? { method, path: PATH } : { method, path: PATH, body },
    );
  };
  const gap = msToNs(20);
  const servers = quote(p.servers, { param: 'servers' });
  for (const mode of ['local', 'redis'] as const) {
    run.mode = mode;
    run.rr = 0;
    run.updated = false;
    const col = mode === 'local' ? 0 : 1;
    const cell = (row: string): Quote => quote(run.board(row, col), { score: row, col });
    const first = mode === 'local' ? 1 : 4;
    if (mode === 'local') {
      world.mark(PHASE_LOCAL);
      world.narrate(
        'intro-local',
        say`A load balancer deals requests round robin to ${servers} web server${p.servers > 1 ? 's' : ''}, all for the profile ${KEY}. Each server keeps it in its own in-process dict, like a Python dict.`,
        STEP(1, 'A dict in each server'),
      );
    } else {
      world.mark(PHASE_REDIS);
      for (const web of webs) web.setLocal(KEY, null);
      world.narrate(
        'intro-redis',
        say`Same servers, new code: the dicts are gone and every server asks one shared Redis instead.`,
        STEP(4, 'One shared Redis'),
      );
    }
    for (let i = 0; i < p.requests; i++) {
      yield* send('GET');
      yield* lb.sleep(gap);
    }
    const misses = run.board(MISSES, col);
    const hits = run.board(HITS, col) === '1' ? 'hit' : 'hits';
    world.narrate(
      `${mode}-warm`,
      mode === 'local'
        ? misses === String(p.servers)
          ? say`Warm-up over: ${cell(MISSES)} misses, one per server, and ${cell(HITS)} ${hits}. Every server had to load its own copy from Postgres.`
          : say`Warm-up over: ${cell(MISSES)} misses and ${cell(HITS)} ${hits}. Every server that served a read had to load its own copy.`
        : misses === '1'
          ? say`Warm-up over: ${cell(MISSES)} miss in total and ${cell(HITS)} ${hits}. One server loaded the profile; Redis shared it with the rest.`
          : say`Warm-up over: ${cell(MISSES)} misses in total and ${cell(HITS)} ${hits}. Each load went to Redis, for every server after it.`,
      STEP(first, mode === 'local' ? 'A dict in each server' : 'One shared Redis'),
    );
    // The tally gets a frame of its own before the story moves on.
    yield* lb.sleep(gap);
    world.narrate(
      'update',
      say`Grace changes her name${mode === 'redis' ? ' again' : ''}. The write, like any request, goes to just one server.`,
      STEP(first + 1, 'The update'),
    );
    yield* send('PUT', { name: NAMES[run.version] });
    yield* lb.sleep(gap);
    world.narrate(
      mode === 'local' ? 'after-local' : 'after-redis',
      say`Now read once from every server. Does each one know the new name?`,
      STEP(first + 2, 'Read from every server'),
    );
    for (let i = 0; i < p.servers; i++) {
      yield* send('GET');
      yield* lb.sleep(gap);
    }
    const stale = run.board(STALE, col);
    world.narrate(
      `${mode}-after`,
      stale === '0'
        ? mode === 'local'
          ? say`${cell(STALE)} stale reads: with one server, the writer's dict is the only dict.`
          : say`${cell(STALE)} stale reads: the DEL reached the one copy every server reads.`
        : say`${cell(STALE)} of ${servers} reads after the update were stale: only the writer knew.`,
      STEP(first + 2, 'Read from every server'),
    );
    yield* lb.sleep(gap);
  }
  const q = (row: string, col: number): Quote => quote(run.board(row, col), { score: row, col });
  const plural = (row: string, col: number, one: string, many: string): string =>
    run.board(row, col) === '1' ? one : many;
  world.narrate(
    'summary',
    say`In-process dicts: ${q(MISSES, 0)} ${plural(MISSES, 0, 'miss', 'misses')} and ${q(STALE, 0)} stale ${plural(STALE, 0, 'read', 'reads')}. One shared Redis: ${q(MISSES, 1)} ${plural(MISSES, 1, 'miss', 'misses')} for everyone and ${q(STALE, 1)} stale, because one DEL fixes every server at once.`,
    'Summary',
  );
}

function* handleWeb(
  world: World,
  web: Actor,
  req: Packet,
  run: Run,
): Proc<{ status: number; label: string; payload: Json }> {
  const { method, body } = req.payload as { method: string; body?: { name: string } };
  const first = run.mode === 'local' ? 1 : 4;
  // Reads before this phase's update warm the cache; reads after it test what each server knows.
  const step = run.updated
    ? STEP(first + 2, 'Read from every server')
    : STEP(first, run.mode === 'local' ? 'A dict in each server' : 'One shared Redis');
  const once = (beat: string, text: Said): void => {
    if (run.told.has(`${run.mode}:${beat}`)) return;
    run.told.add(`${run.mode}:${beat}`);
    world.narrate(`${run.mode}-${beat}`, text, step);
  };
  const select = (): Proc<PgResult> =>
    web.pg('postgres', { sql: 'SELECT * FROM users WHERE id=42', op: 'select', key: KEY });
  if (method === 'PUT') {
    run.version++;
    run.updated = true;
    run.writer = web.id;
    const row: Profile = { id: 42, name: body?.name ?? NAMES[0], v: run.version };
    const updated = yield* web.pg('postgres', {
      sql: 'UPDATE users SET name=… WHERE id=42',
      op: 'update',
      key: KEY,
      value: row as unknown as Json,
    });
    if (updated.error) return failed(world, web, updated.error, STEP(first + 1, 'The update'));
    if (run.mode === 'local') {
      web.setLocal(KEY, null);
      world.narrate(
        'local-written',
        say`${web.id} committed "${row.name}" to Postgres and dropped its own copy. It cannot reach the other servers' dicts: they still hold the old name.`,
        STEP(2, 'The update'),
      );
    } else {
      const del = yield* web.redis('redis', ['DEL', KEY]);
      world.narrate(
        'redis-written',
        del.type === 'error'
          ? say`${web.id} committed "${row.name}" to Postgres, but its DEL ${KEY} failed: "${del.value}".`
          : say`${web.id} committed "${row.name}" to Postgres, then DEL ${KEY} in Redis: the one shared copy is gone for every server at once.`,
        STEP(5, 'The update'),
      );
    }
    return {
      status: 200,
      label: '200 OK (updated)',
      payload: { status: 200, body: row as unknown as Json },
    };
  }

  if (run.mode === 'local') {
    const mine = web.local.get(KEY) as Profile | undefined;
    if (mine) {
      if (mine.v < run.version)
        once(
          'stale',
          say`${web.id} answers "${mine.name}" from its dict, but Postgres says "${NAMES[run.version - 1]}". A stale read, and nothing tells ${web.id} so.`,
        );
      else once('hit', say`${web.id} remembered: a hit in its own dict, no network at all.`);
      return reply(mine, 'local dict');
    }
    const again = run.told.has('local:miss');
    if (!run.updated) run.told.add('local:miss');
    world.narrate(
      `local-miss-${web.id}`,
      run.updated
        ? web.id === run.writer
          ? say`${web.id} dropped its copy when it wrote, so it misses and loads the new name. Only the writer knows.`
          : say`${web.id} never had a copy, so it misses and loads the new name.`
        : again
          ? say`${web.id}'s dict is empty too: another miss, another query. Every server has to warm its own copy.`
          : say`${web.id}'s dict has no ${KEY}: a miss, so it asks Postgres.`,
      step,
    );
    const res = yield* select();
    if (res.error) return failed(world, web, res.error, step);
    const row = res.row as unknown as Profile;
    web.setLocal(KEY, row as unknown as Json);
    return reply(row, 'Postgres');
  }

  const cached = yield* web.redis('redis', ['GET', KEY]);
  if (cached.type === 'bulk' && cached.value !== null) {
    const row = JSON.parse(cached.value) as Profile;
    once(
      'hit',
      say`${web.id} asks Redis and gets a hit, even if it never loaded ${KEY} itself: someone else did, and Redis is shared.`,
    );
    return reply(row, 'Redis');
  }
  world.narrate(
    cached.type === 'error' ? 'redis-down' : `redis-miss-${run.updated ? 'after' : 'first'}`,
    cached.type === 'error'
      ? say`Redis answered "${cached.value}": ${web.id} falls back to Postgres.`
      : run.updated
        ? say`Redis has no ${KEY}: ${web.id} misses and reloads "${NAMES[run.version - 1]}" for everyone.`
        : say`Redis has no ${KEY} yet: a miss. ${web.id} loads it from Postgres and SETs it for everyone.`,
    step,
  );
  const res = yield* select();
  if (res.error) return failed(world, web, res.error, step);
  const row = res.row as unknown as Profile;
  if (cached.type !== 'error') yield* web.redis('redis', ['SET', KEY, JSON.stringify(row)]);
  return reply(row, 'Postgres');
}

/** Postgres could not answer: the server says so, and nothing is cached. */
function failed(
  world: World,
  web: Actor,
  error: string,
  step: string,
): { status: number; label: string; payload: Json } {
  world.narrate(
    'db-down',
    say`Postgres failed (${error}): ${web.id} answers Service Unavailable and caches nothing.`,
    step,
  );
  return { status: 503, label: '503 Service Unavailable', payload: { status: 503, body: error } };
}

function reply(row: Profile, source: string): { status: number; label: string; payload: Json } {
  return {
    status: 200,
    label: `200 "${row.name}" (${source})`,
    payload: { status: 200, body: { profile: row as unknown as Json, source } },
  };
}

/** Hits, misses and stale reads of one cache in one phase. */
interface Tally {
  hits: number;
  misses: number;
  staleReads: number;
}

/**
 * The outcome, read off the trace. Phases are found by their marks; in each,
 * hits and misses count the reads before the update (the warm-up the lesson
 * is about) whose answer has reached the load balancer, by where the answer
 * came from (a dict or Redis: a hit; Postgres: a miss); staleReads counts the
 * answers after it that were older than the row Postgres held when they were
 * sent. Counting answers as they arrive lets the scoreboard count up with the
 * picture.
 */
function measure(trace: Trace): Json {
  const marks = trace.ofKind('mark');
  const start = (label: string): number => marks.find((m) => m.label === label)?.t ?? Infinity;
  const redisStart = start(PHASE_REDIS);
  const windows: Record<Mode, [number, number]> = {
    local: [start(PHASE_LOCAL), redisStart],
    redis: [redisStart, Infinity],
  };
  const pgVersions = trace
    .ofKind('data')
    .filter((e) => e.node === 'postgres' && e.key === KEY)
    .map((e) => ({ t: e.t, v: (e.value as unknown as Profile | null)?.v ?? 0 }));
  const versionAt = (t: number): number => pgVersions.filter((e) => e.t <= t).pop()?.v ?? 0;
  const fromLb = exchanges(trace, { from: LB });

  const tally = (mode: Mode): Tally => {
    const [a, b] = windows[mode];
    const inWindow = (x: Exchange): boolean => x.req.sentNs >= a && x.req.sentNs < b;
    const put = fromLb.find((x) => inWindow(x) && method(x) === 'PUT');
    const updateNs = put?.req.sentNs ?? b;
    const answers = fromLb
      .filter((x) => inWindow(x) && method(x) === 'GET' && x.doneNs !== null && x.reply)
      .map((x) => ({ x, body: (x.reply!.payload as { body?: Answer }).body }));
    const before = answers.filter((r) => r.x.req.sentNs < updateNs && r.body?.profile);
    const misses = before.filter((r) => r.body?.source === 'Postgres').length;
    const staleReads = answers.filter(
      (r) =>
        r.x.req.sentNs > updateNs &&
        r.body?.profile !== undefined &&
        r.body.profile.v < versionAt(r.x.reply!.sentNs),
    ).length;
    return { hits: before.length - misses, misses, staleReads };
  };
  return { localDict: { ...tally('local') }, redis: { ...tally('redis') } };
}

/** A read's answer as the web server sends it. */
interface Answer {
  profile?: Profile;
  source?: string;
}

const method = (x: Exchange): string => (x.req.payload as { method?: string }).method ?? '';
