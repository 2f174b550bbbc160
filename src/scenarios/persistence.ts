import {
  Actor,
  fixed,
  msToNs,
  RedisNode,
  secToNs,
  usToNs,
  type Json,
  type Proc,
  type Trace,
  type World,
} from '../sim';
import type { CrashKind } from '../sim/nodes/redis';
import { argvOf, exchanges } from './measure';
import type { ScenarioSpec } from './spec';

/** The four Redis nodes and the config file each starts with. */
const NODES: {
  id: string;
  field: string;
  config: (snapSec: number) => Record<string, string>;
  what: string;
}[] = [
  {
    id: 'redis-rdb',
    field: 'rdb',
    what: 'RDB snapshots only',
    config: (s) => ({ save: `${s} 1`, appendonly: 'no' }),
  },
  {
    id: 'redis-aof-everysec',
    field: 'aofEverysec',
    what: 'AOF, fsync every second',
    config: () => ({ save: '', appendonly: 'yes', appendfsync: 'everysec' }),
  },
  {
    id: 'redis-aof-always',
    field: 'aofAlways',
    what: 'AOF, fsync before every reply',
    config: () => ({ save: '', appendonly: 'yes', appendfsync: 'always' }),
  },
  {
    id: 'redis-aof-no',
    field: 'aofNo',
    what: 'AOF, the OS flushes (~30 s)',
    config: () => ({ save: '', appendonly: 'yes', appendfsync: 'no' }),
  },
];

/**
 * Lesson §5, "Crash and recover": one stream of writes goes to four Redis
 * nodes that persist differently; one crash hits them all at the same moment;
 * they restart, load, and the outcome counts what each kept.
 */
export const persistence: ScenarioSpec = {
  id: 'persistence-rdb-vs-aof',
  title: 'Crash and recover',
  lessonSection: '§5 Persistence',
  teaches: 'RDB loses everything since the last snapshot; AOF loses at most what was not fsynced.',
  // Thousands of writes: watch them in real time (and scrub to the crash), not frame by frame.
  pacing: 'proportional',
  nsPerWallMs: 1_000_000,
  params: [
    {
      name: 'writesPerSec',
      label: 'Writes per second',
      type: 'number',
      default: 20,
      min: 1,
      max: 100,
      step: 1,
      unit: '/s',
    },
    {
      name: 'snapshotEverySec',
      label: 'RDB save point',
      type: 'number',
      default: 60,
      min: 5,
      max: 600,
      step: 5,
      unit: 's',
      help: 'save <seconds> 1: scaled down from the real hour',
    },
    {
      name: 'crashAtSec',
      label: 'Crash at',
      type: 'number',
      default: 100,
      min: 1,
      max: 300,
      step: 0.1,
      unit: 's',
    },
    {
      name: 'crashKind',
      label: 'Crash kind',
      type: 'choice',
      default: 'power-loss',
      choices: ['power-loss', 'process-kill'],
    },
    {
      name: 'restartAfterSec',
      label: 'Restart after',
      type: 'number',
      default: 2,
      min: 0.5,
      max: 30,
      step: 0.5,
      unit: 's',
    },
    {
      name: 'fsyncMs',
      label: 'fsync time',
      type: 'number',
      default: 1,
      min: 0.1,
      max: 20,
      step: 0.1,
      unit: 'ms',
      group: 'latency',
    },
    {
      name: 'rttUs',
      label: 'App ↔ Redis round trip',
      type: 'number',
      default: 500,
      min: 50,
      max: 5000,
      step: 10,
      unit: 'µs',
      group: 'latency',
    },
  ],
  layout: {
    app: [0, 1.5],
    'redis-rdb': [1, 0],
    'redis-aof-everysec': [1, 1],
    'redis-aof-always': [1, 2],
    'redis-aof-no': [1, 3],
  },
  build(world, params) {
    const p = params as Record<string, number> & { crashKind: CrashKind };
    const app = world.add(new Actor(world, 'app', 'webServer'));
    const nodes = NODES.map((n) => {
      const node = world.add(
        new RedisNode(world, n.id, {
          commandCostNs: 1_000,
          config: n.config(p.snapshotEverySec),
          disk: { fsyncNs: msToNs(p.fsyncMs) },
        }),
      );
      world.link('app', n.id, fixed(usToNs(p.rttUs) / 2));
      return node;
    });
    const crashNs = secToNs(p.crashAtSec);
    const restartNs = crashNs + secToNs(p.restartAfterSec);
    world.narrate(
      'intro',
      `The app writes ${p.writesPerSec} keys a second to four Redis servers. Each persists differently: ${NODES.map((n) => n.what).join('; ')}. Time is scaled: the RDB save point is ${p.snapshotEverySec} s, not an hour.`,
      'Four ways to persist',
    );
    app.run(writer(world, app, p, crashNs));
    world.engine.at(crashNs, () => {
      world.mark(p.crashKind === 'power-loss' ? '✕ power loss' : '✕ redis-server killed');
      world.narrate(
        'crash',
        p.crashKind === 'power-loss'
          ? 'Power loss: every process dies and the page cache goes with it. Only bytes already fsynced, and the last finished snapshot, are on disk.'
          : 'kill -9: the Redis processes die, but the OS lives. Bytes written to it reach the disk even without an fsync.',
        'Crash',
      );
      for (const n of nodes) n.crash(p.crashKind);
    });
    world.engine.at(restartNs, () => {
      for (const n of nodes) n.restart();
    });
    let recovered = 0;
    for (const n of nodes) {
      n.onRecovered = (report) => {
        recovered++;
        world.narrate(
          `recovered-${n.id}`,
          `${n.id} is back (${report.source === 'none' ? 'empty' : `from its ${report.source.toUpperCase()}`}): ${report.keys.length === 0 ? 'nothing lost' : `${report.keys.length} keys lost`}.`,
          'Recovery',
        );
        if (recovered === nodes.length)
          world.narrate(
            'summary',
            'Compare: always lost nothing it acknowledged; everysec at most about a second; no up to the OS flush; RDB everything since its last snapshot.',
            'Summary',
          );
      };
    }
    return { untilNs: restartNs + secToNs(5), measure };
  },
};

function* writer(world: World, app: Actor, p: Record<string, number>, crashNs: number): Proc<void> {
  const gapNs = Math.round(1e9 / p.writesPerSec);
  for (let i = 1; world.nowNs + gapNs < crashNs; i++) {
    yield* app.sleep(gapNs);
    for (const n of NODES) app.run(app.redis(n.id, ['SET', `k:${i}`, `v${i}`]));
  }
}

/** Per node: writes acknowledged before the crash, how many came back, how long recovery took. */
function measure(trace: Trace): Json {
  const out: Record<string, Json> = {};
  for (const n of NODES) {
    const states = trace.entries.filter(
      (e): e is Extract<typeof e, { k: 'state' }> => e.k === 'state' && e.node === n.id,
    );
    const crashAt = states.find((s) => s.value === 'crashed')?.t ?? Infinity;
    const loadAt = states.find((s) => s.value === 'loading')?.t ?? null;
    const upAt =
      loadAt === null ? null : (states.find((s) => s.t >= loadAt && s.value === 'idle')?.t ?? null);
    // Acknowledged: Redis sent +OK before the crash.
    const acked = exchanges(trace, { from: 'app', to: n.id }).filter(
      (x) =>
        argvOf(x.req)[0] === 'SET' &&
        x.reply &&
        x.reply.sentNs <= crashAt &&
        x.reply.kind === 'reply',
    );
    // What the node holds once it has loaded: its data diffs up to the end.
    const held = upAt === null ? {} : (trace.stateAt(trace.endNs).data[n.id] ?? {});
    const lost = acked.filter((x) => !(argvOf(x.req)[1] in held));
    const firstLostAck = lost.length ? Math.min(...lost.map((x) => x.reply!.sentNs)) : null;
    const rdb = [...trace.entries]
      .reverse()
      .find((e) => e.k === 'data' && e.node === n.id && e.key === '#rdb' && e.t <= crashAt);
    const rdbInfo =
      rdb && rdb.k === 'data'
        ? (rdb.value as { lastSaveAtMs: number | null; forkAtMs: number | null })
        : null;
    out[n.field] = {
      acked: acked.length,
      recovered: acked.length - lost.length,
      lost: lost.length,
      lostWindowMs: firstLostAck === null ? 0 : Math.round((crashAt - firstLostAck) / 1e3) / 1e3,
      recoveryMs: loadAt !== null && upAt !== null ? Math.round((upAt - loadAt) / 1e3) / 1e3 : null,
      ...(n.field === 'rdb'
        ? {
            lastSnapshotAtMs: rdbInfo?.lastSaveAtMs ?? null,
            lastSnapshotForkAtMs: rdbInfo?.forkAtMs ?? null,
          }
        : {}),
    };
  }
  return out;
}
