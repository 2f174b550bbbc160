import {
  Actor,
  fixed,
  msToNs,
  quote,
  say,
  PostgresNode,
  POSTGRES_DEFAULTS,
  RedisNode,
  usToNs,
  type Json,
  type Proc,
  type Trace,
  type World,
} from '../sim';
import { StorageNode, type StorageKind } from '../sim/nodes/storage';
import { exchanges, replyOf, spanMs } from './measure';
import { formatCell, traceUpTo, type ScoreCell, type ScoreRow } from './scoreboard';
import { REDIS_WITHOUT_SNAPSHOTS } from './redisWithoutSnapshots';
import type { ScenarioSpec } from './spec';
import { RTT_US } from './commonParams';

const KEY = 'user:42';
const ROW = { id: 42, name: 'Grace', plan: 'free' };
const APP = 'app';
/** The three local devices, fastest first. */
const DEVICES: readonly StorageKind[] = ['ram', 'ssd', 'hdd'];

/**
 * Lesson §1, "RAM vs disk": one app reads the same value from RAM, an SSD and
 * an HDD on its own machine, then over the network from Redis and from a
 * Postgres whose buffer cache is warm. Meant for proportional pacing: the
 * latency ruler in the scene puts every completed read on a log scale.
 */
export const memoryHierarchy: ScenarioSpec = {
  id: 'memory-hierarchy',
  title: 'RAM vs disk',
  lessonSection: '§1 The why: RAM vs disk',
  teaches:
    'RAM is ~100,000× faster than a disk seek, but over a network both Redis and a warm Postgres pay the same round trip.',
  pacing: 'proportional',
  params: [
    {
      name: 'ramNs',
      label: 'RAM read',
      type: 'number',
      default: 100,
      min: 10,
      max: 1000,
      step: 10,
      unit: 'ns',
      group: 'latency',
    },
    {
      name: 'ssdUs',
      label: 'SSD random read',
      type: 'number',
      default: 100,
      min: 10,
      max: 2000,
      step: 10,
      unit: 'µs',
      group: 'latency',
    },
    {
      name: 'hddMs',
      label: 'HDD seek',
      type: 'number',
      default: 10,
      min: 1,
      max: 50,
      step: 0.5,
      unit: 'ms',
      group: 'latency',
    },
    RTT_US,
    {
      name: 'pgQueryUs',
      label: 'Postgres lookup (cached)',
      type: 'number',
      default: 100,
      min: 10,
      max: 2000,
      step: 10,
      unit: 'µs',
      group: 'latency',
    },
    {
      name: 'pgCacheHit',
      label: 'Postgres buffer cache warm',
      type: 'boolean',
      default: true,
      help: 'Off: the row’s page is not in shared_buffers, so Postgres reads it from the HDD.',
    },
  ],
  layout: { ram: [0, 0], ssd: [0, 1], hdd: [0, 2], app: [1, 1], redis: [2, 0], postgres: [2, 2] },
  build(world, params) {
    const p = params as Record<string, number> & { pgCacheHit: boolean };
    const hddNs = msToNs(p.hddMs);
    const accessNs: Record<StorageKind, number> = {
      ram: p.ramNs,
      ssd: usToNs(p.ssdUs),
      hdd: hddNs,
    };
    const app = world.add(new Actor(world, APP, 'webServer'));
    for (const kind of DEVICES) {
      const dev = world.add(new StorageNode(world, kind, kind, { accessNs: accessNs[kind] }));
      // A local bus costs nothing next to the device itself: the read time is the device's.
      world.link(APP, kind, fixed(0));
      dev.seed(KEY, ROW);
    }
    const redis = world.add(new RedisNode(world, 'redis', REDIS_WITHOUT_SNAPSHOTS));
    const pg = world.add(
      new PostgresNode(world, 'postgres', {
        ...POSTGRES_DEFAULTS,
        queryCostNs: usToNs(p.pgQueryUs),
        bufferHitRatio: p.pgCacheHit ? 1 : 0,
        diskReadNs: hddNs,
        pagesPerQuery: 1,
      }),
    );
    const half = usToNs(p.rttUs) / 2;
    // Network links jitter ±5% (seeded): real round trips are never exactly equal.
    const jitter = { kind: 'uniform', minNs: half * 0.95, maxNs: half * 1.05 } as const;
    world.link(APP, 'redis', jitter);
    world.link(APP, 'postgres', jitter);
    redis.seed(['SET', KEY, JSON.stringify(ROW)]);
    pg.seed(KEY, ROW);

    world.narrate(
      'intro',
      `The app needs ${KEY}. The same bytes sit in its RAM, on an SSD and on a spinning disk. Read each and watch where the answers land on the ruler.`,
      STEP(1, 'RAM'),
    );
    app.run(drive(world, app, p));
    return { measure };
  },
  scoreboard(trace, tNs) {
    const o = measure(traceUpTo(trace, tNs)) as unknown as Outcome;
    const row = (
      label: string,
      kind: Source,
      tone: ScoreRow['tone'],
      vsRedis: ScoreCell,
      timesOf?: string,
    ): ScoreRow => ({
      label,
      tone,
      cells: [
        usCell(o.readUs[kind], `readUs.${kind}`),
        timesCell(o.timesRam[kind], timesOf ?? `timesRam.${kind}`),
        vsRedis,
      ],
    });
    const none: ScoreCell = { v: '' };
    const net = o.networkRatio;
    return {
      title: `One read of ${KEY}`,
      columns: ['µs', '× RAM', '× Redis'],
      rows: [
        row('RAM', 'ram', 'good', none),
        row('SSD', 'ssd', 'muted', none),
        row('HDD seek', 'hdd', 'bad', none, 'diskToRamRatio'),
        row('Redis (net)', 'redis', 'warn', timesCell(o.readUs.redis === null ? null : 1)),
        row(
          'Postgres (net)',
          'postgres',
          net === null ? 'warn' : net < 10 ? 'good' : 'bad',
          timesCell(net, 'networkRatio'),
        ),
      ],
    };
  },
};

const STEP = (n: number, what: string): string => `Step ${n} of 5 · ${what}`;

/** Where the app read from: the three local devices, then the two servers over the network. */
type Source = StorageKind | 'redis' | 'postgres';

interface Outcome {
  readUs: Record<Source, number | null>;
  timesRam: Record<Source, number | null>;
  diskToRamRatio: number | null;
  networkRatio: number | null;
}

/** A read time in µs as the board shows it: enough digits to tell 0.1 µs from 10,000 µs. */
function usCell(us: number | null, of?: string): ScoreCell {
  const digits = us === null || us >= 100 ? 0 : us >= 1 || Number.isInteger(us * 10) ? 1 : 2;
  return of ? { v: us, digits, of } : { v: us, digits };
}

/** A ratio as a person would say it: "100,000×" or "1.2×". */
function timesCell(r: number | null, of?: string): ScoreCell {
  const c: ScoreCell = { v: r, unit: '×', digits: r !== null && r >= 10 ? 0 : 1 };
  return of ? { ...c, of } : c;
}

/** The board's µs cell for a read that took `ns`, as text: what the narration quotes. */
const usText = (ns: number): string => formatCell(usCell(ns / 1000));

function* drive(
  world: World,
  app: Actor,
  p: Record<string, number> & { pgCacheHit: boolean },
): Proc<void> {
  const took: Partial<Record<StorageKind, number>> = {};
  for (const kind of DEVICES) {
    const t0 = world.nowNs;
    yield* app.call(kind, `read ${KEY}`, { key: KEY });
    const ns = world.nowNs - t0;
    took[kind] = ns;
    const us = quote(usText(ns), { score: ROW_OF[kind], col: 0 });
    const times = quote(formatCell(timesCell(ns / (took.ram ?? ns))), {
      score: ROW_OF[kind],
      col: 1,
    });
    if (kind === 'ram') {
      world.narrate(
        'ram',
        say`RAM answered in ${us} µs. This is where Redis keeps every key.`,
        STEP(1, 'RAM'),
      );
    } else if (kind === 'ssd') {
      world.narrate(
        'ssd',
        say`The SSD took ${us} µs: ${times} a RAM read. Durable, but slower.`,
        STEP(2, 'SSD'),
      );
    } else {
      world.narrate(
        'hdd',
        say`The HDD seek took ${us} µs: ${times} a RAM read. That gap is why Redis keeps every key in RAM.`,
        STEP(3, 'HDD'),
      );
    }
  }
  // A beat of its own for the HDD before the network part starts.
  yield* app.sleep(usToNs(200));
  world.narrate(
    'network',
    say`But an app never reads Redis's RAM directly: Redis lives on another machine, a ${quote(p.rttUs, { param: 'rttUs' })} µs round trip away. Ask it over the network: GET ${KEY}.`,
    STEP(4, 'Redis over the network'),
  );
  const r0 = world.nowNs;
  const got = yield* app.redis('redis', ['GET', KEY]);
  const redisNs = world.nowNs - r0;
  const redisRow = { score: 'Redis (net)' };
  world.narrate(
    'redis',
    got.type === 'error'
      ? say`Redis did not answer the GET: "${got.value}". With the cache down, every read falls to the database.`
      : say`Redis answered in ${quote(usText(redisNs), { ...redisRow, col: 0 })} µs, ${quote(formatCell(timesCell(redisNs / (took.ram ?? 1))), { ...redisRow, col: 1 })} a RAM read: the GET is quick, the round trip is not.`,
    STEP(4, 'Redis over the network'),
  );
  yield* app.sleep(usToNs(200));
  world.narrate(
    'ask-postgres',
    p.pgCacheHit
      ? say`Now ask Postgres over the same network. Its buffer cache holds the row's page, so no disk is touched.`
      : say`Now ask Postgres over the same network. Its buffer cache is cold: the row's page is on the HDD.`,
    STEP(5, 'Postgres over the network'),
  );
  const q0 = world.nowNs;
  const res = yield* app.pg('postgres', {
    sql: 'SELECT * FROM users WHERE id=42',
    op: 'select',
    key: KEY,
  });
  const pgNs = world.nowNs - q0;
  const pgUs = quote(usText(pgNs), { score: 'Postgres (net)', col: 0 });
  const vsRedis =
    got.type === 'error' || res.error
      ? null
      : quote(formatCell(timesCell(ratio3(pgNs, redisNs))), { score: 'Postgres (net)', col: 2 });
  world.narrate(
    'postgres',
    res.error
      ? say`Postgres did not answer: "${res.error}".`
      : !vsRedis
        ? say`Postgres answered in ${pgUs} µs.`
        : p.pgCacheHit
          ? say`Postgres answered in ${pgUs} µs: only ${vsRedis} Redis, nothing like a disk seek. Both paid the same round trip.`
          : say`Postgres answered in ${pgUs} µs: it read the page from the HDD, so it took ${vsRedis} Redis.`,
    STEP(5, 'Postgres over the network'),
  );
  yield* app.sleep(usToNs(200));
  const hdd = quote(formatCell(timesCell(ratioOf(took.hdd, took.ram))), {
    score: 'HDD seek',
    col: 1,
  });
  world.narrate(
    'summary',
    !vsRedis
      ? say`On one machine a disk seek costs ${hdd} a RAM read. Over the network, a server that is down costs a failed request.`
      : p.pgCacheHit
        ? say`On one machine a disk seek costs ${hdd} a RAM read; over the network Postgres took only ${vsRedis} Redis. The round trip dominates: Redis wins big when the database would hit the disk, or is the bottleneck.`
        : say`On one machine a disk seek costs ${hdd} a RAM read; over the network a cold Postgres took ${vsRedis} Redis. Redis wins big when the database has to hit the disk.`,
    'Summary',
  );
}

/** The board row each local device's read lands in. */
const ROW_OF: Record<StorageKind, string> = { ram: 'RAM', ssd: 'SSD', hdd: 'HDD seek' };

/** a/b as the outcome keeps it: rounded to 0.001. */
const ratio3 = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
const ratioOf = (a: number | undefined, b: number | undefined): number =>
  a !== undefined && b ? a / b : 0;

/**
 * The outcome, read off the trace's packets: every read from request sent to
 * reply delivered. A refused or failed read counts as no read (null).
 */
function measure(trace: Trace): Json {
  const readNs = (to: string): number | null => {
    const x = exchanges(trace, { from: APP, to })[0];
    if (!x || x.doneNs === null || !x.reply) return null;
    const pl = x.reply.payload as { refused?: boolean; error?: string; reset?: boolean };
    const r = replyOf(x.reply);
    if (pl.refused || pl.error || pl.reset || r?.type === 'error') return null;
    return x.doneNs - x.req.sentNs;
  };
  const ns: Record<Source, number | null> = {
    ram: readNs('ram'),
    ssd: readNs('ssd'),
    hdd: readNs('hdd'),
    redis: readNs('redis'),
    postgres: readNs('postgres'),
  };
  const ramReadNs = ns.ram;
  const hddReadNs = ns.hdd;
  const redisNs = ns.redis;
  const pgNs = ns.postgres;
  const readUs = {} as Record<Source, number | null>;
  const timesRam = {} as Record<Source, number | null>;
  for (const k of Object.keys(ns) as Source[]) {
    const v = ns[k];
    readUs[k] = v === null ? null : Math.round(v) / 1000;
    timesRam[k] = v === null || !ramReadNs ? null : v / ramReadNs;
  }
  return {
    ramReadNs,
    hddReadNs,
    diskToRamRatio: ramReadNs && hddReadNs !== null ? hddReadNs / ramReadNs : null,
    redisOverNetworkMs: redisNs === null ? null : spanMs(0, redisNs),
    postgresOverNetworkMs: pgNs === null ? null : spanMs(0, pgNs),
    networkRatio: redisNs && pgNs !== null ? ratio3(pgNs, redisNs) : null,
    readUs,
    timesRam,
  };
}
