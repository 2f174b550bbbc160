import {
  Actor,
  fixed,
  msToNs,
  RedisNode,
  quote,
  say,
  secToNs,
  Trace,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type World,
} from '../sim';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
import { argvOf, exchanges, replyOf } from './measure';
import { REDIS_WITHOUT_SNAPSHOTS } from './redisWithoutSnapshots';
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, RTT_US } from './commonParams';

const LB = 'lb';
const SERVERS = 3;
const USER = 'ada';
const webId = (i: number): string => `web-${i + 1}`;

/** Per-run state, made in build(). */
interface Run {
  rr: number;
  told: Set<string>;
  /** A scoreboard cell (by row label) as it reads now: what a beat quotes. */
  board(row: string): string;
}

const STEP = (n: number, what: string): string => `Step ${n} of 3 · ${what}`;
const ACCEPTED = 'Accepted';
const REJECTED = 'Rejected after TTL';
const SERVERS_OK = 'Servers that accepted';

/** Requests carrying Ada's token, as their answers reach her browser. */
function board(trace: Trace, tNs: number): Scoreboard {
  const o = measure(traceUpTo(trace, tNs)) as Record<string, number>;
  return {
    title: "Requests with Ada's token",
    rows: [
      { label: ACCEPTED, tone: 'good', cells: [{ v: o.accepted, of: 'accepted' }] },
      {
        label: REJECTED,
        tone: 'bad',
        cells: [{ v: o.rejectedAfterExpiry, of: 'rejectedAfterExpiry' }],
      },
      {
        label: SERVERS_OK,
        tone: 'muted',
        cells: [{ v: o.acceptingServers, of: 'acceptingServers' }],
      },
    ],
  };
}

/**
 * Lesson §3, String: session tokens. Login stores `session:<token>` with
 * `SET … EX ttl`; every later request, whichever web server the load balancer
 * picks, validates the token with GET. Once the TTL runs out Redis deletes the
 * key and the same token gets 401.
 */
export const stringSession: ScenarioSpec = {
  id: 'string-session',
  title: 'Session tokens',
  lessonSection: '§3 Redis data structures',
  teaches:
    'A session is a String with a TTL: any server can check it with GET, and Redis forgets it when it expires.',
  params: [
    {
      name: 'ttlSec',
      label: 'Session TTL',
      type: 'number',
      default: 20,
      min: 2,
      max: 600,
      step: 1,
      unit: 's',
    },
    {
      name: 'requests',
      label: 'Requests with the token',
      type: 'number',
      default: 8,
      min: 2,
      max: 20,
      step: 1,
      unit: 'req',
      help: 'Half of them (rounded up) come before the session expires, the rest after.',
    },
    RTT_US,
    CLIENT_RTT_MS,
  ],
  layout: {
    browser: [0, 1],
    lb: [1, 1],
    'web-1': [2, 0],
    'web-2': [2, 1],
    'web-3': [2, 2],
    redis: [3, 1],
  },
  build(world, params) {
    const p = params as Record<string, number>;
    const run: Run = {
      rr: 0,
      told: new Set(),
      board: (row) => {
        const b = board(new Trace(world.entries.slice()), world.nowNs);
        return formatCell(b.rows.find((r) => r.label === row)!.cells[0]);
      },
    };
    const redis = world.add(new RedisNode(world, 'redis', REDIS_WITHOUT_SNAPSHOTS));
    const half = usToNs(p.rttUs) / 2;
    const jitter = { kind: 'uniform', minNs: half * 0.9, maxNs: half * 1.1 } as const;
    for (let i = 0; i < SERVERS; i++) {
      const web: Actor = world.add(
        new Actor(world, webId(i), 'webServer', {
          handler: (req) => handleWeb(world, web, req, run, p.ttlSec),
        }),
      );
      world.link(webId(i), 'redis', jitter);
    }
    const lb: Actor = world.add(
      new Actor(world, LB, 'loadBalancer', { handler: (req) => handleLb(lb, req, run) }),
    );
    for (let i = 0; i < SERVERS; i++) world.link(LB, webId(i), fixed(usToNs(50)));
    const browser = world.add(new Actor(world, 'browser', 'client'));
    world.link('browser', LB, fixed(msToNs(p.clientRttMs) / 2));
    redis.onExpired = (keys) => {
      if (keys.some((k) => k.startsWith('session:')))
        world.narrate(
          'expired',
          say`The session's ${quote(p.ttlSec, { param: 'ttlSec' })} s TTL ran out and Redis deleted the key. Nobody had to log Ada out.`,
          STEP(3, 'Expiry'),
        );
    };

    world.narrate(
      'intro',
      say`Ada logs in once. Her browser then sends the same token with every request; the load balancer spreads them over web-1, web-2 and web-3.`,
      STEP(1, 'Log in'),
    );
    browser.run(drive(world, browser, p, run));
    return { measure };
  },
  scoreboard: (trace, tNs) => board(trace, tNs),
};

function* drive(world: World, browser: Actor, p: Record<string, number>, run: Run): Proc<void> {
  const login = yield* browser.http(LB, { method: 'POST', path: '/login', user: USER });
  const token = (login.body as { token: string }).token;
  const before = Math.ceil(p.requests / 2);
  const after = p.requests - before;
  const ttlNs = secToNs(p.ttlSec);
  const start = world.nowNs;
  // Spread the requests so none lands near the expiry instant: the lesson is the contrast.
  for (let i = 0; i < p.requests; i++) {
    const at =
      i < before
        ? (ttlNs * (i + 0.5)) / (before + 0.5)
        : ttlNs + (ttlNs * (i - before + 0.5)) / (after + 0.5);
    if (i === before)
      world.narrate(
        'later',
        say`Ada takes a break: her next request will come after the ${quote(p.ttlSec, { param: 'ttlSec' })} s TTL. Her browser still holds the token.`,
        STEP(3, 'Expiry'),
      );
    yield* browser.sleep(Math.max(0, Math.round(start + at - world.nowNs)));
    yield* browser.http(LB, { method: 'GET', path: '/account', body: { token } });
  }
  // The summary gets a frame of its own after the last answer.
  yield* browser.sleep(msToNs(100));
  const q = (row: string) => quote(run.board(row), { score: row });
  world.narrate(
    'summary',
    say`Accepted before the TTL: ${q(ACCEPTED)}, served by ${q(SERVERS_OK)} of the servers. Rejected after it: ${q(REJECTED)}. One SET … EX at login, one GET per request on any server, and Redis enforced the expiry by itself.`,
    'Summary',
  );
}

function* handleLb(
  lb: Actor,
  req: Packet,
  run: Run,
): Proc<{ status: number; label: string; payload: Json }> {
  const { method, path, user, body } = req.payload as {
    method: string;
    path: string;
    user?: string;
    body?: Json;
  };
  const target = webId(run.rr++ % SERVERS);
  const res = yield* lb.http(target, {
    method,
    path,
    ...(user ? { user } : {}),
    ...(body ? { body } : {}),
  });
  return {
    status: res.status,
    label: `${res.status} ${res.status === 200 ? 'OK' : 'Unauthorized'} (${target})`,
    payload: { status: res.status, body: res.body },
  };
}

function* handleWeb(
  world: World,
  web: Actor,
  req: Packet,
  run: Run,
  ttlSec: number,
): Proc<{ status: number; label: string; payload: Json }> {
  const { method, user, body } = req.payload as {
    method: string;
    user?: string;
    body?: { token?: string };
  };
  if (method === 'POST') {
    const token = hexToken(world);
    const key = `session:${token}`;
    world.narrate(
      'login',
      say`${web.id} checks Ada's password and stores a session with a ${quote(ttlSec, { param: 'ttlSec' })} s TTL (SET ${key} ${user ?? USER} EX): a String that Redis deletes on its own.`,
      STEP(1, 'Log in'),
    );
    yield* web.redis('redis', ['SET', key, user ?? USER, 'EX', String(ttlSec)]);
    return { status: 200, label: '200 OK (logged in)', payload: { status: 200, body: { token } } };
  }
  const token = body?.token ?? '';
  const found = yield* web.redis('redis', ['GET', `session:${token}`]);
  if (found.type === 'bulk' && found.value !== null) {
    if (!run.told.has(web.id)) {
      run.told.add(web.id);
      world.narrate(
        `accepted-${web.id}`,
        run.told.size === 1
          ? say`${web.id} asks Redis: GET session:${token.slice(0, 6)}… returns "${found.value}". Session valid: OK.`
          : say`${web.id} never saw the login, yet Redis knows the session: OK. Any server can check it.`,
        STEP(2, 'Validate with GET'),
      );
    }
    return { status: 200, label: '200 OK', payload: { status: 200, body: { user: found.value } } };
  }
  if (!run.told.has('rejected')) {
    run.told.add('rejected');
    world.narrate(
      'rejected',
      found.type === 'error'
        ? say`GET failed: "${found.value}". ${web.id} cannot check the session, so it refuses the request.`
        : say`GET returns (nil): the session is gone, so ${web.id} answers Unauthorized and Ada must log in again.`,
      STEP(3, 'Expiry'),
    );
  }
  return {
    status: 401,
    label: '401 Unauthorized',
    payload: { status: 401, body: { error: 'session expired' } },
  };
}

/** A 16-hex-digit token from the run's generator. */
function hexToken(world: World): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += world.rng.int(0, 15).toString(16);
  return s;
}

/**
 * The outcome, read off the trace: `accepted` counts 200 answers to requests
 * carrying the token; `rejectedAfterExpiry` counts 401s whose GET reached Redis
 * after the session key had been deleted (or had passed its expiry time).
 */
function measure(trace: Trace): Json {
  const gone = trace
    .ofKind('data')
    .find((e) => e.node === 'redis' && e.key.startsWith('session:') && e.value === null);
  const set = exchanges(trace, { to: 'redis' }).find((x) => argvOf(x.req)[0] === 'SET');
  const gets = exchanges(trace, { to: 'redis' }).filter((x) => argvOf(x.req)[0] === 'GET');
  const expiresNs = Math.min(
    gone?.t ?? Infinity,
    set?.reply ? set.reply.sentNs + secToNs(Number(argvOf(set.req)[4])) : Infinity,
  );
  let accepted = 0;
  let rejectedAfterExpiry = 0;
  const servers = new Set<string>();
  for (const x of exchanges(trace, { from: 'browser', to: LB })) {
    // Counted when the answer reaches the browser, as the picture shows it.
    if ((x.req.payload as { method: string }).method !== 'GET' || !x.reply || x.doneNs === null)
      continue;
    const status = (x.reply.payload as { status?: number }).status;
    if (status === 200) {
      accepted++;
      const by = /\((web-\d+)\)/.exec(x.reply.label)?.[1];
      if (by) servers.add(by);
    } else if (status === 401) {
      // The GET this request caused: the first one sent after the request left the browser.
      const g = gets.find((y) => y.req.sentNs >= x.req.sentNs);
      const r = replyOf(g?.reply ?? null);
      if (g?.reply && r?.type === 'bulk' && r.value === null && g.reply.sentNs >= expiresNs - 1)
        rejectedAfterExpiry++;
    }
  }
  return { accepted, rejectedAfterExpiry, acceptingServers: servers.size };
}
