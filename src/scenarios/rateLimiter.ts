import {
  Actor,
  fixed,
  quote,
  say,
  Trace,
  type Quote,
  type Said,
  msToNs,
  RedisNode,
  secToNs,
  usToNs,
  type HttpResponse,
  type Json,
  type Packet,
  type Proc,
  type World,
} from '../sim';
import type { Reply } from '../sim/redis';
import { exchanges } from './measure';
import { redisCall } from './redisCall';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
import type { ScenarioSpec } from './spec';
import { CLIENT_RTT_MS, REDIS_CMD_US, RTT_US } from './commonParams';

const USER = 'alice';
const KEY = `rate:${USER}`;
/** How long the supervisor takes to bring a crashed web server back. */
const RESTART_MS = 300;
/** How long the user waits before trying again after a dropped connection. */
const RETRY_MS = 1000;
/** The pause between the closing beat and the Summary, so each has its own frame. */
const SUMMARY_PAUSE_MS = 500;
const STEP_TITLES = ['Count', 'Start the window', 'Last one allowed', 'Block', 'Window resets'];

type Fix = 'none' | 'multi' | 'nx';

/** Per-run memory of the web server: its process generation and what was already said. */
interface Server {
  gen: number;
  crashed: boolean;
  told: Set<string>;
  /** The step the story has reached: a beat never goes back to an earlier one. */
  step: number;
}

/**
 * "Step n of 5 · Title" for a beat that belongs to step `n`, or the step the
 * story is already in when it is further along (a short window can expire
 * mid-burst, a block can come after the wait).
 */
function stepOf(server: Server, n: number): string {
  server.step = Math.max(server.step, n);
  return `Step ${server.step} of ${STEP_TITLES.length} · ${STEP_TITLES[server.step - 1]}`;
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
    const server: Server = { gen: 1, crashed: false, told: new Set(), step: 1 };
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
          say`⏱ ${KEY} expired: the ${quote(p.windowSec, { param: 'windowSec' })} s window is over and the count starts again from zero.`,
          stepOf(server, 5),
        );
    };

    const n = (v: number, name: string): Quote => quote(v, { param: name });
    const reqs = (v: number): string => (v === 1 ? 'request' : 'requests');
    const intro = say`${USER} spams the API: ${n(p.requests, 'requests')} ${reqs(p.requests)}, ${n(p.gapMs, 'gapMs')} ms apart. The rule: ${n(p.limit, 'limit')} ${reqs(p.limit)} per ${n(p.windowSec, 'windowSec')} s, counted in Redis under ${KEY}.`;
    world.narrate(
      'intro',
      race
        ? {
            text: `${intro.text} This time web-1 will die right after the first INCR${fix === 'none' ? '' : `, but with the ${fix === 'multi' ? 'MULTI/EXEC' : 'EXPIRE … NX'} fix`}.`,
            quotes: intro.quotes,
          }
        : intro,
      stepOf(server, 1),
    );

    function* drive(): Proc<void> {
      for (let i = 0; i < p.requests; i++) {
        if (i > 0) yield* browser.sleep(msToNs(p.gapMs));
        const res = yield* browser.http('web-1', { method: 'GET', path: '/api/feed', user: USER });
        if (res.status === 0) yield* browser.sleep(msToNs(RETRY_MS));
      }
      const waitedSec = p.windowSec + 1;
      yield* browser.sleep(secToNs(waitedSec));
      // The wait is on the trace, so the narration can quote it.
      world.metric('waitedSec', waitedSec);
      world.narrate(
        'later',
        say`${quote(waitedSec, { metric: 'waitedSec' })} s later, past a whole ${quote(p.windowSec, { param: 'windowSec' })} s window, ${USER} tries once more.`,
        stepOf(server, 5),
      );
      const res = yield* browser.http('web-1', { method: 'GET', path: '/api/feed', user: USER });
      // The closing beat says what Redis holds now, not what the params predict.
      web.run(closing(world, web, server, res, p, waitedSec));
    }
    browser.run(drive());
    return { measure: (trace) => measure(trace, p.requests) };
  },
  scoreboard(trace, tNs, params) {
    const o = measure(traceUpTo(trace, tNs), Number(params.requests)) as Record<string, Json>;
    // The counter and its TTL as they stand at this instant (the TTL counts down).
    return board({ ...o, ...counterAt(trace, tNs) } as unknown as Measured);
  },
};

/** A restarted process opens a new connection to Redis. */
const connOf = (server: Server): string | undefined =>
  server.gen === 1 ? undefined : `web-1#${server.gen}`;

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
  const { reply, packet } = yield* redisCall(world, web, 'redis', ['TTL', KEY], connOf(server));
  const ttl = num(reply);
  const count = typeof res.body === 'number' ? res.body : NaN;
  // Every number below is quoted from the trace: the HTTP answer's label, the
  // TTL reply, the counter on the board, the parameters, the recorded wait.
  const answer = lastSend(world, 'web-1', 'browser');
  const st = quote(res.status, { packet: answer?.id ?? -1, delivered: true });
  const ttlQ = quote(ttl, { packet: packet?.id ?? -1, delivered: true });
  const cnt = quote(boardText(world, p, 'Counter'), { score: 'Counter' });
  const lim = quote(p.limit, { param: 'limit' });
  const waited = quote(waitedSec, { metric: 'waitedSec' });
  let beat: string;
  let text: Said;
  if (ttl === -1) {
    beat = res.status === 200 ? 'after-ok-no-ttl' : 'after-blocked';
    text =
      res.status === 200
        ? say`${st}, but only because INCR counted ${cnt}, still within the limit of ${lim}. The window did not reset: TTL ${KEY} replies ${ttlQ}, so the counter has no TTL and never expires; ${count >= p.limit ? `from the next request on ${USER} is blocked for good.` : `once the counter passes the limit, ${USER} is blocked for good.`}`
        : say`${st}: still blocked, ${waited} s later and forever. TTL ${KEY} replies ${ttlQ}: ${KEY} never got its TTL, so the window never ends.`;
  } else if (ttl === -2) {
    beat = 'after-gone';
    text = say`${st}. TTL ${KEY} replies ${ttlQ}: ${KEY} is gone, so the next request starts a fresh window.`;
  } else if (count === 1) {
    beat = 'after-ok';
    text = say`${st}: a fresh window, a fresh count. INCR started again at ${cnt} (no counter survived the wait) and TTL ${KEY} replies ${ttlQ}, so this window too ends on its own. The limiter forgives ${USER} by itself; no cron job, no cleanup.`;
  } else {
    beat = res.status === 200 ? 'after-ok-late-ttl' : 'after-blocked-until-window';
    text =
      res.status === 200
        ? say`${st}: INCR counted ${cnt}, so the old counter was still there after ${waited} s. But TTL ${KEY} replies ${ttlQ}: it has a TTL now, so this window ends on its own in ${quote(ttl, { packet: packet?.id ?? -1, delivered: true })} s.`
        : say`${st}: INCR counted ${cnt}, so the old counter was still there after ${waited} s. But TTL ${KEY} replies ${ttlQ}: it has a TTL now, so ${USER} is blocked only until this window ends, in ${quote(ttl, { packet: packet?.id ?? -1, delivered: true })} s.`;
  }
  world.narrate(beat, text, stepOf(server, 5));
  // A window announced but not yet ended: let it end (its expiry beat) before summing up.
  if (ttl > 0 && !server.told.has('reset')) yield* web.sleep(secToNs(ttl + 1));
  // The Summary gets its own frame, a moment after the closing beat.
  else yield* web.sleep(msToNs(SUMMARY_PAUSE_MS));
  const at = (label: string): Quote => quote(boardText(world, p, label), { score: label });
  const crashed = boardText(world, p, 'Reset (crash)') !== '0';
  const head = say`Of the burst, ${at('200 OK')} requests got through and ${at('429 blocked')} were refused, one INCR each`;
  const mid = crashed ? say`, and ${at('Reset (crash)')} died in the crash` : say``;
  const tail = say`. The counter now reads ${at('Counter')}, TTL ${at('TTL s')} s.`;
  world.narrate(
    'summary',
    {
      text: head.text + mid.text + tail.text,
      quotes: [...head.quotes, ...mid.quotes, ...tail.quotes],
    },
    'Summary',
  );
}

/** The latest packet sent from `from` to `to` so far. */
function lastSend(world: World, from: string, to: string): Packet | null {
  for (let i = world.entries.length - 1; i >= 0; i--) {
    const e = world.entries[i];
    if (e.k === 'send' && e.p.from === from && e.p.to === to) return e.p;
  }
  return null;
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
  // Each command's reply packet is kept, so a beat can quote the reply it reports.
  let last: Packet | null = null;
  function* cmd(argv: string[]): Proc<Reply> {
    const r = yield* redisCall(world, web, 'redis', argv, connOf(server));
    last = r.packet;
    return r.reply;
  }
  const got = (): { packet: number; delivered: true } => ({
    packet: last?.id ?? -1,
    delivered: true,
  });
  const sent = (): { packet: number } => ({ packet: requestOf(world, last) });
  const once = (beat: string): boolean => !server.told.has(beat) && !!server.told.add(beat);
  const window = String(p.windowSec);
  const win = quote(window, { param: 'windowSec' });
  const lim = quote(p.limit, { param: 'limit' });
  let count: number;
  let counted: { packet: number; delivered: true };

  if (mode.fix === 'multi') {
    yield* cmd(['MULTI']);
    yield* cmd(['INCR', KEY]);
    if (mode.race && !server.crashed)
      yield* die(world, web, req, rid, server, 'INCR was only queued; the transaction never ran');
    yield* cmd(['EXPIRE', KEY, window]);
    const res = yield* cmd(['EXEC']);
    counted = got();
    count = res.type === 'array' && res.value ? num(res.value[0]) : NaN;
    if (once('multi'))
      world.narrate(
        'multi',
        say`MULTI … EXEC ran INCR and EXPIRE as one unit: EXEC replied ${quote(`(integer) ${count}`, counted)} for INCR, and the key got its ${win} s TTL in the same step. Either both happen or neither. (EXPIRE on every hit re-arms the window.)`,
        stepOf(server, 2),
      );
  } else {
    const n = yield* cmd(['INCR', KEY]);
    counted = got();
    count = num(n);
    const crashing = mode.race && !server.crashed && count === 1;
    if (count === 1 && !crashing && once('first'))
      world.narrate(
        'first',
        say`INCR ${KEY} replied ${quote('(integer) 1', counted)}: the first hit of a window. Now web-1 must set the TTL.`,
        stepOf(server, 1),
      );
    if (crashing) yield* die(world, web, req, rid, server, `${KEY} exists with no TTL`);
    if (mode.fix === 'nx') {
      const e = yield* cmd(['EXPIRE', KEY, window, 'NX']);
      if (num(e) === 1 && once(`nx-${server.gen}`))
        world.narrate(
          'nx',
          say`"${quote(['EXPIRE', KEY, window, 'NX'].join(' '), sent())}" replied ${quote('(integer) 1', got())}: the key had no TTL, so it got one. On later hits it replies zero and leaves the window alone.`,
          stepOf(server, 2),
        );
    } else if (count === 1) {
      yield* cmd(['EXPIRE', KEY, window]);
      if (once('expire'))
        world.narrate(
          'expire',
          say`"${quote(['EXPIRE', KEY, window].join(' '), sent())}": the counter now deletes itself in ${win} s. That is the window.`,
          stepOf(server, 2),
        );
    }
  }

  if (count > p.limit) {
    if (once('blocked'))
      world.narrate(
        'blocked',
        say`INCR said ${quote(count, counted)}, above the limit of ${lim}: web-1 answers Too Many Requests without doing any real work.`,
        stepOf(server, 4),
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
      say`Count ${quote(count, counted)} of ${lim}: allowed, and that was the last one this window.`,
      stepOf(server, 3),
    );
  return {
    status: 200,
    label: `200 OK (${count}/${p.limit})`,
    payload: { status: 200, body: count },
  };
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
  world.narrate('crash', `✕ web-1 dies after INCR and before EXPIRE: ${why}.`, stepOf(server, 2));
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

interface Measured {
  allowed: number;
  blocked: number;
  failed: number;
  counter: number | null;
  ttlSec: number | string | null;
}

/** The board: answers so far (within the window's burst) and the counter as Redis holds it. */
function board(o: Measured): Scoreboard {
  return {
    title: 'One counter in Redis',
    rows: [
      { label: '200 OK', tone: 'good', cells: [{ v: o.allowed, of: 'allowed' }] },
      { label: '429 blocked', tone: 'bad', cells: [{ v: o.blocked, of: 'blocked' }] },
      { label: 'Reset (crash)', tone: 'warn', cells: [{ v: o.failed, of: 'failed' }] },
      { label: 'Counter', cells: [{ v: o.counter, of: 'counter' }] },
      { label: 'TTL s', cells: [{ v: o.ttlSec, of: 'ttlSec' }] },
    ],
  };
}

/** A scoreboard cell as shown, measured off the world's entries so far (for a quote). */
function boardText(world: World, p: Record<string, number>, label: string): string {
  const b = board(measure(new Trace(world.entries.slice()), p.requests) as unknown as Measured);
  const row = b.rows.find((r) => r.label === label);
  return row ? formatCell(row.cells[0]) : '';
}

/**
 * The counter as Redis holds it at `tNs`: its value (null when the key does
 * not exist) and its TTL in whole seconds, 'none' when it has no TTL (Redis's
 * -1), null when there is no key.
 */
function counterAt(
  trace: Trace,
  tNs: number,
): { counter: number | null; ttlSec: number | string | null } {
  let view: Json = null;
  for (const e of trace.entries) {
    if (e.t > tNs) break;
    if (e.k === 'data' && e.node === 'redis' && e.key === KEY) view = e.value;
  }
  const v = view as { value?: string; expiresAtMs?: number | null } | null;
  if (!v) return { counter: null, ttlSec: null };
  const exp = v.expiresAtMs;
  return {
    counter: Number(v.value),
    ttlSec: exp == null ? 'none' : Math.max(0, Math.ceil((exp - tNs / 1e6) / 1000)),
  };
}

/**
 * The outcome: HTTP statuses of the burst (the first `requests` answers, as
 * the browser got them) and of the request after the window, plus the counter
 * and its TTL at the end.
 */
function measure(trace: Trace, requests: number): Json {
  const reqs = exchanges(trace, { from: 'browser', to: 'web-1' });
  const status = (x: (typeof reqs)[number]): number => {
    const r = x.reply?.payload as { status?: number; reset?: boolean } | undefined;
    return !r || r.reset ? 0 : (r.status ?? 200);
  };
  const burst = reqs.slice(0, requests).filter((x) => x.doneNs !== null);
  const after = reqs[requests];
  const statusCodes = burst.map(status);
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
    allowedAfterWindow: after?.doneNs != null ? status(after) === 200 : false,
    failed: statusCodes.filter((s) => s !== 200 && s !== 429).length,
    ttlAfterBurstSec,
    ...counterAt(trace, trace.endNs),
  };
}
