import {
  Actor,
  fixed,
  msToNs,
  RedisNode,
  secToNs,
  usToNs,
  type HttpResponse,
  type Json,
  type Packet,
  type Proc,
  type Trace,
  type World,
} from '../sim';
import type { Reply } from '../sim/redis';
import { exchanges } from './measure';
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, REDIS_CMD_US, RTT_US } from './commonParams';

const USER = 'alice';
const KEY = `rate:${USER}`;
/** How long the supervisor takes to bring a crashed web server back. */
const RESTART_MS = 300;
/** How long the user waits before trying again after a dropped connection. */
const RETRY_MS = 1000;
const STEP = (n: number, what: string): string => `Step ${n} of 4 · ${what}`;

type Fix = 'none' | 'multi' | 'nx';

/** Per-run memory of the web server: its process generation and what was already said. */
interface Server {
  gen: number;
  crashed: boolean;
  told: Set<string>;
}

/**
 * Lesson §8 Scenario A and the practical exercise: a fixed-window rate limiter.
 * web-1 INCRs a per-user counter, EXPIREs it on the first hit, and answers 429
 * above the limit. Advanced: web-1 dies between INCR and EXPIRE, leaving a
 * counter with no TTL; MULTI/EXEC or `EXPIRE … NX` on every hit fixes it.
 */
export const rateLimiter: ScenarioSpec = {
  id: 'rate-limiter',
  title: 'Five requests a minute',
  lessonSection: '§8 Advanced patterns',
  teaches:
    'INCR a per-user counter, EXPIRE it on the first hit, answer 429 above the limit; the window resets itself.',
  params: [
    {
      name: 'limit',
      label: 'Allowed per window',
      type: 'number',
      default: 5,
      min: 1,
      max: 20,
      step: 1,
      unit: 'req',
    },
    {
      name: 'windowSec',
      label: 'Window',
      type: 'number',
      default: 60,
      min: 1,
      max: 300,
      step: 1,
      unit: 's',
    },
    {
      name: 'requests',
      label: 'Requests in the burst',
      type: 'number',
      default: 10,
      min: 1,
      max: 30,
      step: 1,
      unit: 'req',
    },
    {
      name: 'gapMs',
      label: 'Pause between requests',
      type: 'number',
      default: 200,
      min: 10,
      max: 5000,
      step: 10,
      unit: 'ms',
    },
    {
      name: 'race',
      label: 'Crash web-1 between INCR and EXPIRE',
      type: 'boolean',
      default: false,
      group: 'advanced',
      help: 'The first hit of the window kills the web server after INCR and before EXPIRE.',
    },
    {
      name: 'fix',
      label: 'Fix',
      type: 'choice',
      default: 'none',
      choices: ['none', 'multi', 'nx'],
      group: 'advanced',
      help: 'multi: INCR and EXPIRE in one MULTI/EXEC. nx: EXPIRE key window NX on every request.',
    },
    RTT_US,
    REDIS_CMD_US,
    CLIENT_RTT_MS,
  ],
  layout: { browser: [0, 0], 'web-1': [1, 0], redis: [2, 0] },
  build(world, params) {
    const p = params as Record<string, number>;
    const race = params.race === true;
    const fix = (params.fix as Fix) ?? 'none';
    const redis = world.add(
      new RedisNode(world, 'redis', {
        commandCostNs: usToNs(p.redisCmdUs),
        // No RDB save points: an hourly snapshot is not this lesson.
        config: { save: '' },
      }),
    );
    const server: Server = { gen: 1, crashed: false, told: new Set() };
    const web: Actor = world.add(
      new Actor(world, 'web-1', 'webServer', {
        handler: (req) => handle(world, web, req, p, { race, fix }, server),
      }),
    );
    const browser = world.add(new Actor(world, 'browser', 'client'));
    world.link('browser', 'web-1', fixed(msToNs(p.clientRttMs) / 2));
    world.link('web-1', 'redis', fixed(usToNs(p.rttUs) / 2));
    redis.onExpired = (keys) => {
      // Only the first expiry: the burst's window, or (when the burst left no TTL) the one the last request opened.
      if (keys.includes(KEY) && !server.told.has('reset') && server.told.add('reset'))
        world.narrate(
          'reset',
          `⏱ ${KEY} expired: the ${p.windowSec} s window is over and the count starts again from zero.`,
          STEP(4, 'Window resets'),
        );
    };

    world.narrate(
      'intro',
      `${USER} spams the API: ${plural(p.requests, 'request')}, ${p.gapMs} ms apart. The rule: ${plural(p.limit, 'request')} per ${p.windowSec} s, counted in Redis under ${KEY}.` +
        (race
          ? ` This time web-1 will die right after the first INCR${fix === 'none' ? '' : `, but with the ${fix === 'multi' ? 'MULTI/EXEC' : 'EXPIRE … NX'} fix`}.`
          : ''),
      STEP(1, 'Count'),
    );

    function* drive(): Proc<void> {
      for (let i = 0; i < p.requests; i++) {
        if (i > 0) yield* browser.sleep(msToNs(p.gapMs));
        const res = yield* browser.http('web-1', { method: 'GET', path: '/api/feed', user: USER });
        if (res.status === 0) yield* browser.sleep(msToNs(RETRY_MS));
      }
      const waitedSec = p.windowSec + 1;
      yield* browser.sleep(secToNs(waitedSec));
      world.narrate(
        'later',
        `${waitedSec} s later, past a whole ${p.windowSec} s window, ${USER} tries once more.`,
        STEP(4, 'Window resets'),
      );
      const res = yield* browser.http('web-1', { method: 'GET', path: '/api/feed', user: USER });
      // The closing beat says what Redis holds now, not what the params predict.
      web.run(closing(world, web, server, res, p, waitedSec));
    }
    browser.run(drive());
    return { measure: (trace) => measure(trace) };
  },
};

/** A restarted process opens a new connection to Redis. */
const connOf = (server: Server): string | undefined =>
  server.gen === 1 ? undefined : `web-1#${server.gen}`;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * After the last response, web-1 reads the counter's TTL from Redis and the
 * closing beat is chosen from that reply and the last INCR's count: whether
 * the window really reset, or the key lives on without a TTL.
 */
function* closing(
  world: World,
  web: Actor,
  server: Server,
  res: HttpResponse,
  p: Record<string, number>,
  waitedSec: number,
): Proc<void> {
  const ttl = num(yield* web.redis('redis', ['TTL', KEY], connOf(server)));
  const count = typeof res.body === 'number' ? res.body : NaN;
  const said = `TTL ${KEY} replies ${ttl}`;
  let beat: string;
  let text: string;
  if (ttl === -1) {
    beat = res.status === 200 ? 'after-ok-no-ttl' : 'after-blocked';
    text =
      res.status === 200
        ? `200, but only because INCR counted ${count}, still within the limit of ${p.limit}. The window did not reset: ${said}, so the counter has no TTL and never expires; ` +
          (count >= p.limit
            ? `from the next request on ${USER} is blocked for good.`
            : `after ${plural(p.limit - count, 'more request')} ${USER} is blocked for good.`)
        : `${res.status}: still blocked, ${waitedSec} s later and forever. ${said}: ${KEY} never got its TTL, so the window never ends.`;
  } else if (ttl === -2) {
    beat = 'after-gone';
    text = `${res.status}. ${said}: ${KEY} is gone, so the next request starts a fresh window.`;
  } else if (count === 1) {
    beat = 'after-ok';
    text = `${res.status}: a fresh window, a fresh count. INCR started again at 1 (no counter survived the wait) and ${said}, so this window too ends on its own. The limiter forgives ${USER} by itself; no cron job, no cleanup.`;
  } else {
    // The counter outlived the wait (it had no TTL) and only now got one.
    beat = res.status === 200 ? 'after-ok-late-ttl' : 'after-blocked-until-window';
    text =
      `${res.status}: INCR counted ${count}, so the old counter was still there after ${waitedSec} s. ` +
      `But ${said}: it has a TTL now, so ` +
      (res.status === 200
        ? `this window ends on its own in ${ttl} s.`
        : `${USER} is blocked only until this window ends, in ${ttl} s.`);
  }
  world.narrate(beat, text, STEP(4, 'Window resets'));
}

const num = (r: Reply): number => (r.type === 'integer' ? Number(r.value) : NaN);

function* handle(
  world: World,
  web: Actor,
  req: Packet,
  p: Record<string, number>,
  mode: { race: boolean; fix: Fix },
  server: Server,
): Proc<{ status: number; label: string; payload: Json }> {
  const rid = (req.payload as { rid: number }).rid;
  const cmd = (argv: string[]): Proc<Reply> => web.redis('redis', argv, connOf(server));
  const once = (beat: string): boolean => !server.told.has(beat) && !!server.told.add(beat);
  const window = String(p.windowSec);
  let count: number;

  if (mode.fix === 'multi') {
    yield* cmd(['MULTI']);
    yield* cmd(['INCR', KEY]);
    if (mode.race && !server.crashed)
      yield* die(world, web, req, rid, server, 'INCR was only queued; the transaction never ran');
    yield* cmd(['EXPIRE', KEY, window]);
    const res = yield* cmd(['EXEC']);
    count = res.type === 'array' && res.value ? num(res.value[0]) : NaN;
    if (once('multi'))
      world.narrate(
        'multi',
        `MULTI … EXEC ran INCR and EXPIRE as one unit: count ${count}, TTL ${window} s. Either both happen or neither. (EXPIRE on every hit re-arms the window.)`,
        STEP(2, 'Start the window'),
      );
  } else {
    const n = yield* cmd(['INCR', KEY]);
    count = num(n);
    const crashing = mode.race && !server.crashed && count === 1;
    if (count === 1 && !crashing && once('first'))
      world.narrate(
        'first',
        `INCR ${KEY} replied 1: the first hit of a window. Now web-1 must set the TTL.`,
        STEP(1, 'Count'),
      );
    if (crashing) yield* die(world, web, req, rid, server, `${KEY} = 1 with no TTL`);
    if (mode.fix === 'nx') {
      const e = yield* cmd(['EXPIRE', KEY, window, 'NX']);
      if (num(e) === 1 && once(`nx-${server.gen}`))
        world.narrate(
          'nx',
          `EXPIRE ${KEY} ${window} NX replied 1: the key had no TTL, so it got one. On later hits it replies 0 and leaves the window alone.`,
          STEP(2, 'Start the window'),
        );
    } else if (count === 1) {
      yield* cmd(['EXPIRE', KEY, window]);
      if (once('expire'))
        world.narrate(
          'expire',
          `EXPIRE ${KEY} ${window}: the counter now deletes itself in ${window} s. That is the window.`,
          STEP(2, 'Start the window'),
        );
    }
  }

  if (count > p.limit) {
    if (once('blocked'))
      world.narrate(
        'blocked',
        `INCR said ${count}, above the limit of ${p.limit}: web-1 answers 429 Too Many Requests without doing any real work.`,
        STEP(3, 'Block'),
      );
    return {
      status: 429,
      label: `429 Too Many Requests (${count}/${p.limit})`,
      payload: { status: 429, body: count },
    };
  }
  if (count === p.limit && once('last'))
    world.narrate(
      'last',
      `Count ${count} of ${p.limit}: allowed, and that was the last one this window.`,
      STEP(1, 'Count'),
    );
  return {
    status: 200,
    label: `200 OK (${count}/${p.limit})`,
    payload: { status: 200, body: count },
  };
}

/**
 * Kills web-1 mid-request: its kernel resets the browser's connection, and a
 * supervisor restarts the process a moment later. The handler never resumes.
 */
function* die(
  world: World,
  web: Actor,
  req: Packet,
  rid: number,
  server: Server,
  why: string,
): Proc<never> {
  server.crashed = true;
  world.mark('✕ web-1 crashed between INCR and EXPIRE');
  world.narrate('crash', `✕ web-1 dies after INCR and before EXPIRE: ${why}.`, 'The race');
  const before = world.entries.length;
  web.crash();
  // The dead process's kernel resets the browser's connection (unless the node already did).
  const reset = world.entries
    .slice(before)
    .some(
      (e) =>
        e.k === 'send' &&
        e.p.from === 'web-1' &&
        e.p.to === req.from &&
        (e.p.payload as { re?: number } | null)?.re === rid,
    );
  if (!reset)
    world.send({
      from: 'web-1',
      to: req.from,
      kind: 'error',
      label: 'RST: connection reset',
      payload: { re: rid, status: 0, body: null },
    });
  world.engine.schedule(msToNs(RESTART_MS), () => {
    server.gen++;
    world.mark('↻ web-1 restarted');
    web.restart();
  });
  yield () => {};
  throw new Error('unreachable: a dead process never resumes');
}

/** The outcome: HTTP statuses of the burst and of the request after the window. */
function measure(trace: Trace): Json {
  const reqs = exchanges(trace, { from: 'browser', to: 'web-1' });
  const status = (x: (typeof reqs)[number]): number => {
    const r = x.reply?.payload as { status?: number; reset?: boolean } | undefined;
    // No reply, or a connection reset: no HTTP status at all.
    return !r || r.reset ? 0 : (r.status ?? 200);
  };
  const burst = reqs.slice(0, -1);
  const after = reqs[reqs.length - 1];
  const statusCodes = burst.map(status);
  // The counter's TTL when the burst ended: from Redis's data diffs for the key.
  const endNs = burst.length ? (burst[burst.length - 1].doneNs ?? 0) : 0;
  let view: Json = null;
  for (const e of trace.entries) {
    if (e.t > endNs) break;
    if (e.k === 'data' && e.node === 'redis' && e.key === KEY) view = e.value;
  }
  const expiresAtMs = (view as { expiresAtMs?: number | null } | null)?.expiresAtMs;
  const ttlAfterBurstSec =
    view === null ? -2 : expiresAtMs == null ? -1 : Math.round((expiresAtMs - endNs / 1e6) / 1000);
  return {
    allowed: statusCodes.filter((s) => s === 200).length,
    blocked: statusCodes.filter((s) => s === 429).length,
    statusCodes,
    allowedAfterWindow: after ? status(after) === 200 : false,
    failed: statusCodes.filter((s) => s !== 200 && s !== 429).length,
    ttlAfterBurstSec,
  };
}
