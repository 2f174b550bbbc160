import {
  Actor,
  fixed,
  MemcachedNode,
  quote,
  RedisNode,
  say,
  usToNs,
  type Json,
  type Proc,
  type Trace,
} from '../sim';
import { argvOf, exchanges, replyOf } from './measure';
import { formatCell, traceUpTo, type ScoreCell } from './scoreboard';
import type { ScenarioSpec } from './spec';

const STEP = (n: number, what: string): string => `Step ${n} of 4 · ${what}`;
/** GETs each web server sends to each store in part 1. */
const GETS_PER_CLIENT = 2;
const PAGE = 'page:home';
const LIST = 'list';

/**
 * Lesson §4, Redis vs the world: "Threads and types". Part 1: every web
 * server sends GETs; Memcached spreads connections over its worker threads,
 * Redis runs every command on one. Part 2: the web servers append to one
 * shared list; Memcached only has strings, so each append is get, modify,
 * set, and concurrent writers overwrite each other; Redis LPUSH is one atomic
 * command. With `cas` on, Memcached's gets/cas retries make it safe.
 *
 * Default costs (documented, editable): a round trip of 200 µs and 100 µs of
 * server CPU per request, scaled up from ~1-10 µs so that, with 8 clients
 * each waiting for its reply, one thread is the bottleneck (8 × 100 µs >
 * 200 µs + 100 µs): one Redis thread saturates while 4 Memcached threads do not.
 */
export const redisVsMemcached: ScenarioSpec = {
  id: 'redis-vs-memcached',
  title: 'Threads and types',
  lessonSection: '§4 Redis vs the world',
  teaches:
    'Memcached serves plain GETs on many threads; Redis has one command thread but data types: LPUSH appends atomically where get-modify-set loses updates.',
  params: [
    { name: 'clients', label: 'Web servers', type: 'number', default: 8, min: 1, max: 12, step: 1 },
    {
      name: 'threads',
      label: 'Memcached threads',
      type: 'number',
      default: 4,
      min: 1,
      max: 8,
      step: 1,
    },
    { name: 'appends', label: 'Appends', type: 'number', default: 40, min: 4, max: 80, step: 4 },
    {
      name: 'cas',
      label: 'Memcached uses gets/cas',
      type: 'boolean',
      default: false,
      help: 'Append with gets + cas and retry on EXISTS: no lost updates, more round trips.',
    },
    {
      name: 'rttUs',
      label: 'Round trip',
      type: 'number',
      default: 200,
      min: 50,
      max: 2000,
      step: 10,
      unit: 'µs',
      group: 'latency',
    },
    {
      name: 'memcachedCostUs',
      label: 'Memcached request time',
      type: 'number',
      default: 100,
      min: 1,
      max: 1000,
      step: 1,
      unit: 'µs',
      group: 'latency',
    },
    {
      name: 'redisCmdUs',
      label: 'Redis command time',
      type: 'number',
      default: 100,
      min: 1,
      max: 1000,
      step: 1,
      unit: 'µs',
      group: 'latency',
    },
  ],
  build(world, params) {
    const p = params as Record<string, number> & { cas: boolean };
    world.add(
      new MemcachedNode(world, 'memcached', {
        threads: p.threads,
        requestCostNs: usToNs(p.memcachedCostUs),
      }),
    );
    world.add(
      new RedisNode(world, 'redis', { commandCostNs: usToNs(p.redisCmdUs), config: { save: '' } }),
    );
    const webs: Actor[] = [];
    for (let i = 1; i <= p.clients; i++) {
      const w = world.add(new Actor(world, `web-${i}`, 'webServer'));
      world.link(w.id, 'memcached', fixed(usToNs(p.rttUs) / 2));
      world.link(w.id, 'redis', fixed(usToNs(p.rttUs) / 2));
      webs.push(w);
    }
    const web1 = webs[0];
    const share = (i: number) =>
      Math.floor(p.appends / p.clients) + (i < p.appends % p.clients ? 1 : 0);

    world.narrate(
      'intro',
      say`${quote(p.clients, { param: 'clients' })} web servers, one Memcached with ${quote(p.threads, { param: 'threads' })} worker threads, one Redis with one command thread. First the same page is cached in both.`,
      STEP(1, 'Cache a page'),
    );

    /** Runs one process per web server, then `then` once all are done. */
    function all(make: (w: Actor, i: number) => Proc<void>, then: () => void): void {
      let left = webs.length;
      webs.forEach((w, i) => w.run(make(w, i), () => --left === 0 && then()));
    }

    function* seed(): Proc<void> {
      const html = '<h1>Home</h1>';
      yield* web1.memcached('memcached', `set ${PAGE} 0 0 ${html.length}\r\n${html}\r\n`);
      yield* web1.redis('redis', ['SET', PAGE, html]);
      world.narrate(
        'seeded',
        `${PAGE} is in both stores. Now every web server reads it, each waiting for its reply before the next GET.`,
        STEP(2, 'Many GETs'),
      );
    }
    function* mcGets(w: Actor): Proc<void> {
      for (let k = 0; k < GETS_PER_CLIENT; k++) yield* w.memcached('memcached', `get ${PAGE}\r\n`);
    }
    function* redisGets(w: Actor): Proc<void> {
      for (let k = 0; k < GETS_PER_CLIENT; k++) yield* w.redis('redis', ['GET', PAGE]);
    }
    function* mcAppend(w: Actor, i: number): Proc<void> {
      for (let k = 0; k < share(i); k++) {
        const item = `${w.id}.${k + 1}`;
        for (;;) {
          const got =
            (yield* w.memcached('memcached', `${p.cas ? 'gets' : 'get'} ${LIST}\r\n`)) ?? '';
          const head = got.split('\r\n')[0].split(' ');
          const old = got.startsWith('VALUE ') ? (got.split('\r\n')[1] ?? '') : '';
          const next = old ? `${old},${item}` : item;
          const req = p.cas
            ? `cas ${LIST} 0 0 ${next.length} ${head[4] ?? '0'}\r\n${next}\r\n`
            : `set ${LIST} 0 0 ${next.length}\r\n${next}\r\n`;
          const r = yield* w.memcached('memcached', req);
          // STORED: done; EXISTS: someone wrote first, read again; else (reset): give up.
          if (r !== 'EXISTS\r\n') break;
        }
      }
    }
    function* redisAppend(w: Actor, i: number): Proc<void> {
      for (let k = 0; k < share(i); k++) {
        yield* w.redis('redis', ['LPUSH', LIST, `${w.id}.${k + 1}`]);
      }
    }

    const cell = (row: string, col: number): string => {
      // The board as it stands now: measured from the entries recorded so far.
      const b = board({ entries: world.entries } as unknown as Trace, p);
      return formatCell(b.rows.find((r) => r.label === row)!.cells[col]);
    };

    web1.run(seed(), () =>
      all(mcGets, () => {
        world.narrate(
          'mc-gets',
          say`Memcached pinned each connection to one of its ${quote(p.threads, { param: 'threads' })} threads, round robin: GETs ran side by side, ${quote(cell('Memcached', 0), { score: 'Memcached', col: 0 })} a second.`,
          STEP(2, 'Many GETs'),
        );
        all(redisGets, () => {
          world.narrate(
            'redis-gets',
            say`Redis ran the same GETs one after another on its single thread: ${quote(cell('Redis', 0), { score: 'Redis', col: 0 })} a second. For plain strings, more threads serve more.`,
            STEP(2, 'Many GETs'),
          );
          web1.run(
            (function* () {
              yield* web1.memcached('memcached', `set ${LIST} 0 0 0\r\n\r\n`);
              world.narrate(
                'append-start',
                p.cas
                  ? 'Now each server appends to one shared list. Memcached has only strings: gets the list with its cas unique, add an item, cas it back; EXISTS means someone wrote first, so read again and retry.'
                  : 'Now each server appends to one shared list. Memcached has only strings: get the list, add an item, set it back. Two servers that read the same version both write, and the later set wipes the earlier.',
                STEP(3, 'Append on Memcached'),
              );
            })(),
            () =>
              all(mcAppend, () =>
                web1.run(
                  (function* () {
                    yield* web1.memcached('memcached', `gat 0 ${LIST}\r\n`);
                    world.narrate(
                      'mc-lost',
                      say`The list in Memcached has lost ${quote(cell('Memcached', 1), { score: 'Memcached', col: 1 })} of the appends that got STORED.`,
                      STEP(3, 'Append on Memcached'),
                    );
                  })(),
                  () =>
                    all(redisAppend, () =>
                      web1.run(
                        (function* () {
                          yield* web1.redis('redis', ['LLEN', LIST]);
                          world.narrate(
                            'redis-lost',
                            say`LPUSH changes the list inside Redis, one command at a time: lost appends ${quote(cell('Redis', 1), { score: 'Redis', col: 1 })}.`,
                            STEP(4, 'Append on Redis'),
                          );
                          world.narrate(
                            'summary',
                            say`Memcached's threads served ${quote(cell('Memcached', 0), { score: 'Memcached', col: 0 })} GETs a second to Redis's ${quote(cell('Redis', 0), { score: 'Redis', col: 0 })}, but with only strings it lost ${quote(cell('Memcached', 1), { score: 'Memcached', col: 1 })} appends where Redis's LPUSH lost ${quote(cell('Redis', 1), { score: 'Redis', col: 1 })}.`,
                            'Summary',
                          );
                        })(),
                      ),
                    ),
                ),
              ),
          );
        });
      }),
    );
    return { measure };
  },
  scoreboard(trace, tNs, params) {
    return board(traceUpTo(trace, tNs), params as Record<string, number>);
  },
};

function board(trace: Trace, _p: Record<string, number>) {
  const o = measure(trace) as Record<string, Record<string, number | null>>;
  const c = (v: number | null, of: string): ScoreCell => ({ v, of });
  return {
    title: 'Threads and types',
    columns: ['GETs/s', 'lost'],
    rows: [
      {
        label: 'Memcached',
        cells: [
          c(o.memcached.opsPerSec, 'memcached.opsPerSec'),
          c(o.memcached.lostUpdates, 'memcached.lostUpdates'),
        ],
        tone: (o.memcached.lostUpdates ?? 0) > 0 ? ('bad' as const) : ('good' as const),
      },
      {
        label: 'Redis',
        cells: [
          c(o.redis.opsPerSec, 'redis.opsPerSec'),
          c(o.redis.lostUpdates, 'redis.lostUpdates'),
        ],
        tone: 'good' as const,
      },
    ],
  };
}

/** GETs per second over one store's load phase: replies / (last reply - first request). */
function opsPerSec(xs: { req: { sentNs: number }; doneNs: number | null }[]): number | null {
  const done = xs.filter((x) => x.doneNs !== null);
  if (done.length < 2) return null;
  const from = Math.min(...done.map((x) => x.req.sentNs));
  const to = Math.max(...done.map((x) => x.doneNs!));
  return Math.round(done.length / ((to - from) / 1e9));
}

const requestOf = (x: { req: { payload: unknown } }): string =>
  (x.req.payload as { request?: string }).request ?? '';
const mcReply = (x: { reply: { payload: unknown } | null }): string =>
  (x.reply?.payload as { reply?: string } | undefined)?.reply ?? '';

/** The outcome, from the request and reply packets alone. */
function measure(trace: Trace): Json {
  const mc = exchanges(trace, { to: 'memcached' });
  const rd = exchanges(trace, { to: 'redis' });
  const mcLoad = mc.filter((x) => requestOf(x) === `get ${PAGE}\r\n`);
  const rdLoad = rd.filter((x) => argvOf(x.req)[0] === 'GET');
  const stored = mc.filter(
    (x) =>
      /^(set|cas) list /.test(requestOf(x)) &&
      !requestOf(x).startsWith('set list 0 0 0\r\n') &&
      mcReply(x) === 'STORED\r\n',
  ).length;
  const retries = mc.filter(
    (x) => /^cas list /.test(requestOf(x)) && mcReply(x) === 'EXISTS\r\n',
  ).length;
  const final = mc.find((x) => requestOf(x) === `gat 0 ${LIST}\r\n` && x.doneNs !== null);
  const finalValue = final ? (mcReply(final).split('\r\n')[1] ?? '') : null;
  const kept = finalValue === null ? null : finalValue.split(',').filter(Boolean).length;
  const pushed = rd.filter(
    (x) => argvOf(x.req)[0] === 'LPUSH' && replyOf(x.reply)?.type === 'integer',
  ).length;
  const llen = rd.find((x) => argvOf(x.req)[0] === 'LLEN' && x.doneNs !== null);
  const len = llen ? replyOf(llen.reply) : null;
  return {
    memcached: {
      opsPerSec: opsPerSec(mcLoad),
      lostUpdates: kept === null ? null : stored - kept,
      stored,
      casRetries: retries,
    },
    redis: {
      opsPerSec: opsPerSec(rdLoad),
      lostUpdates: len?.type === 'integer' ? pushed - Number(len.value) : null,
      pushed,
    },
  };
}
