import {
  Actor,
  fixed,
  msToNs,
  PostgresNode,
  POSTGRES_DEFAULTS,
  RedisNode,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type Trace,
  type World,
} from '../sim';
import { argvOf, exchanges, replyOf, type Exchange } from './measure';
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
  /** Narration memory, so each teaching beat is said once per phase. */
  told: Set<string>;
}

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
      default: 4,
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
    const run: Run = { mode: 'local', version: 1, updated: false, rr: 0, told: new Set() };
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
};

/** The load balancer's traffic: reads of the profile, round robin, one update per phase. */
function* drive(
  world: World,
  lb: Actor,
  webs: Actor[],
  run: Run,
  p: Record<string, number>,
): Proc<void> {
  const send = (method: string, body?: Json): Proc<unknown> => {
    const target = webId(run.rr++ % p.servers);
    return lb.http(
      target,
      body === undefined ? { method, path: PATH } : { method, path: PATH, body },
    );
  };
  const gap = msToNs(20);
  for (const mode of ['local', 'redis'] as const) {
    run.mode = mode;
    run.rr = 0;
    run.updated = false;
    if (mode === 'local') {
      world.mark(PHASE_LOCAL);
      world.narrate(
        'intro-local',
        `Requests for user 42's profile reach a load balancer that deals them round robin to ${p.servers} web server${p.servers > 1 ? 's' : ''}. Each server keeps the profile in its own in-process dict, like a Python dict.`,
        PHASE_LOCAL,
      );
    } else {
      world.mark(PHASE_REDIS);
      for (const web of webs) web.setLocal(KEY, null);
      world.narrate(
        'intro-redis',
        'Same servers, new code: the dicts are gone and every server asks one shared Redis instead.',
        PHASE_REDIS,
      );
    }
    for (let i = 0; i < p.requests; i++) {
      yield* send('GET');
      yield* lb.sleep(gap);
    }
    world.narrate(
      'update',
      `Grace changes her name${mode === 'redis' ? ' again' : ''}. The write, like any request, goes to just one server.`,
      'The update',
    );
    yield* send('PUT', { name: NAMES[run.version] });
    yield* lb.sleep(gap);
    world.narrate(
      mode === 'local' ? 'after-local' : 'after-redis',
      `Now read once from every server. Does each one know the new name?`,
      'After the update',
    );
    for (let i = 0; i < p.servers; i++) {
      yield* send('GET');
      yield* lb.sleep(gap);
    }
  }
  world.narrate(
    'summary',
    'In-process dicts: a miss per server, and stale copies after every write. Redis: one miss for everyone, and one DEL fixes all servers at once. That is the shared brain.',
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
  const phase = run.mode === 'local' ? PHASE_LOCAL : PHASE_REDIS;
  const once = (beat: string, text: string, step: string): void => {
    if (run.told.has(`${run.mode}:${beat}`)) return;
    run.told.add(`${run.mode}:${beat}`);
    world.narrate(`${run.mode}-${beat}`, text, step);
  };
  if (method === 'PUT') {
    run.version++;
    run.updated = true;
    const row: Profile = { id: 42, name: body?.name ?? NAMES[0], v: run.version };
    yield* web.pg('postgres', {
      sql: 'UPDATE users SET name=… WHERE id=42',
      op: 'update',
      key: KEY,
      value: row as unknown as Json,
    });
    if (run.mode === 'local') {
      web.setLocal(KEY, null);
      world.narrate(
        'local-written',
        `${web.id} committed "${row.name}" to Postgres and dropped its own copy. It cannot reach the other servers' dicts: they still hold the old name.`,
        'The update',
      );
    } else {
      yield* web.redis('redis', ['DEL', KEY]);
      world.narrate(
        'redis-written',
        `${web.id} committed "${row.name}" to Postgres, then DEL ${KEY} in Redis: the one shared copy is gone for every server at once.`,
        'The update',
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
      if (mine.v < run.version) {
        once(
          'stale',
          `${web.id} answers "${mine.name}" from its dict, but Postgres says "${NAMES[run.version - 1]}". A stale read, and nothing tells ${web.id} so.`,
          'After the update',
        );
      } else {
        once('hit', `${web.id} remembered: a hit in its own dict, no network at all.`, phase);
      }
      return reply(mine, 'local dict');
    }
    world.narrate(
      `local-miss-${web.id}`,
      run.updated
        ? `${web.id} dropped its copy when it wrote, so it misses and reloads the new name. Only the writer knows.`
        : `${web.id}'s dict has no user 42: a miss, so it asks Postgres. Every server has to warm its own copy.`,
      run.updated ? 'After the update' : phase,
    );
    const res = yield* web.pg('postgres', {
      sql: 'SELECT * FROM users WHERE id=42',
      op: 'select',
      key: KEY,
    });
    const row = res.row as unknown as Profile;
    web.setLocal(KEY, row as unknown as Json);
    return reply(row, 'Postgres');
  }

  const cached = yield* web.redis('redis', ['GET', KEY]);
  if (cached.type === 'bulk' && cached.value !== null) {
    const row = JSON.parse(cached.value) as Profile;
    once(
      'hit',
      `${web.id} asks Redis and gets a hit, even if it never loaded user 42 itself: someone else did, and Redis is shared.`,
      phase,
    );
    return reply(row, 'Redis');
  }
  world.narrate(
    `redis-miss-${run.updated ? 'after' : 'first'}`,
    run.updated
      ? `The DEL left Redis empty: ${web.id} misses once and reloads "${NAMES[run.version - 1]}" for everyone.`
      : `Redis has no user 42 yet: a miss. ${web.id} loads it from Postgres and SETs it for everyone.`,
    run.updated ? 'After the update' : phase,
  );
  const res = yield* web.pg('postgres', {
    sql: 'SELECT * FROM users WHERE id=42',
    op: 'select',
    key: KEY,
  });
  const row = res.row as unknown as Profile;
  yield* web.redis('redis', ['SET', KEY, JSON.stringify(row)]);
  return reply(row, 'Postgres');
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
 * is about), and staleReads counts the reads after it whose answer was older
 * than the row Postgres held when the answer was sent.
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
  const fromWebs = exchanges(trace).filter((x) => x.req.from.startsWith('web-'));

  const tally = (mode: Mode): Tally => {
    const [a, b] = windows[mode];
    const inWindow = (x: Exchange): boolean => x.req.sentNs >= a && x.req.sentNs < b;
    const put = fromLb.find((x) => inWindow(x) && method(x) === 'PUT');
    const updateNs = put?.req.sentNs ?? b;
    const reads = fromLb.filter((x) => inWindow(x) && method(x) === 'GET');
    const before = reads.filter((x) => x.req.sentNs < updateNs);
    const after = reads.filter((x) => x.req.sentNs > updateNs);
    const beforeWindow = (x: Exchange): boolean => x.req.sentNs >= a && x.req.sentNs < updateNs;
    let misses: number;
    if (mode === 'local') {
      misses = fromWebs.filter(
        (x) =>
          beforeWindow(x) &&
          x.req.to === 'postgres' &&
          (x.req.payload as { op: string }).op === 'select',
      ).length;
    } else {
      misses = fromWebs.filter((x) => {
        if (!beforeWindow(x) || x.req.to !== 'redis' || argvOf(x.req)[0] !== 'GET') return false;
        const r = replyOf(x.reply);
        return r?.type === 'bulk' && r.value === null;
      }).length;
    }
    const staleReads = after.filter((x) => {
      if (!x.reply) return false;
      const profile = (x.reply.payload as { body?: { profile?: Profile } }).body?.profile;
      return profile !== undefined && profile.v < versionAt(x.reply.sentNs);
    }).length;
    return { hits: before.length - misses, misses, staleReads };
  };
  return { localDict: { ...tally('local') }, redis: { ...tally('redis') } };
}

const method = (x: Exchange): string => (x.req.payload as { method?: string }).method ?? '';
