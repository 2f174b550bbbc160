import {
  Actor,
  fixed,
  formatDuration,
  msToNs,
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
import { exchanges, spanMs } from './measure';
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
      'The memory hierarchy',
    );
    app.run(drive(world, app, p));
    return { measure };
  },
};

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
    if (kind === 'ram') {
      world.narrate(
        'ram',
        `RAM answered in ${formatDuration(ns)}. This is where Redis keeps every key.`,
        'RAM',
      );
    } else if (kind === 'ssd') {
      world.narrate(
        'ssd',
        `The SSD took ${formatDuration(ns)}: about ${times(ns / (took.ram ?? 1))} a RAM read. Durable, but slower.`,
        'SSD',
      );
    } else {
      world.narrate(
        'hdd',
        `The HDD seek took ${formatDuration(ns)}: ${times(ns / (took.ram ?? 1))} a RAM read. That is where the lesson's "100,000× faster" comes from.`,
        'HDD',
      );
    }
  }
  // A beat of its own for the HDD before the network part starts.
  yield* app.sleep(usToNs(200));
  world.narrate(
    'network',
    `But an app never reads Redis's RAM directly: Redis lives on another machine. Ask it over the network (GET ${KEY}).`,
    'Over the network',
  );
  const r0 = world.nowNs;
  yield* app.redis('redis', ['GET', KEY]);
  const redisNs = world.nowNs - r0;
  world.narrate(
    'redis',
    `Redis answered in ${formatDuration(redisNs)}. The GET itself ran for about a microsecond; the rest was the round trip.`,
    'Over the network',
  );
  const q0 = world.nowNs;
  yield* app.pg('postgres', { sql: 'SELECT * FROM users WHERE id=42', op: 'select', key: KEY });
  const pgNs = world.nowNs - q0;
  world.narrate(
    'postgres',
    p.pgCacheHit
      ? `Postgres answered in ${formatDuration(pgNs)}, with the page already in its buffer cache: only ${times(pgNs / redisNs)} Redis, not 100,000×. Both paid the same round trip.`
      : `Postgres answered in ${formatDuration(pgNs)}: its buffer cache was cold, so it read the page from disk. Now it is ${times(pgNs / redisNs)} Redis.`,
    'Over the network',
  );
  yield* app.sleep(usToNs(200));
  world.narrate(
    'summary',
    'RAM beats disk by orders of magnitude, but over a network the round trip dominates. Redis still wins when the database would hit the disk, and when the database is the bottleneck.',
    'Summary',
  );
}

/** "1,000×" or "1.2×": a ratio as a person would say it. */
function times(ratio: number): string {
  return ratio >= 10
    ? `${String(Math.round(ratio)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}×`
    : `${ratio.toFixed(1)}×`;
}

/** The outcome, read off the trace's packets: every read from request sent to reply delivered. */
function measure(trace: Trace): Json {
  const readNs = (to: string): number | null => {
    const x = exchanges(trace, { from: APP, to })[0];
    return x && x.doneNs !== null ? x.doneNs - x.req.sentNs : null;
  };
  const ramReadNs = readNs('ram');
  const hddReadNs = readNs('hdd');
  const redisNs = readNs('redis');
  const pgNs = readNs('postgres');
  return {
    ramReadNs,
    hddReadNs,
    diskToRamRatio: ramReadNs && hddReadNs !== null ? hddReadNs / ramReadNs : null,
    redisOverNetworkMs: redisNs === null ? null : spanMs(0, redisNs),
    postgresOverNetworkMs: pgNs === null ? null : spanMs(0, pgNs),
    networkRatio: redisNs && pgNs !== null ? Math.round((pgNs / redisNs) * 1000) / 1000 : null,
  };
}
