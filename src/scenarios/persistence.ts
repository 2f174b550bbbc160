import {
  Actor,
  fixed,
  msToNs,
  quote,
  RedisNode,
  say,
  secToNs,
  usToNs,
  type Json,
  type Proc,
  type Quote,
  type Trace,
  type World,
} from '../sim';
import type { CrashKind } from '../sim/nodes/redis';
import { nodeOutcomeAt, persistenceTimeline } from './persistenceTimeline';
import { formatCell, type Scoreboard, type ScoreRow } from './scoreboard';
import type { ScenarioSpec } from './spec';

/** The four Redis nodes (ids are the stage names), the config each starts with, the board row. */
export const PERSISTENCE_NODES: {
  id: string;
  field: 'rdb' | 'aofEverysec' | 'aofAlways' | 'aofNo';
  label: string;
  /** The scoreboard row (short: the board sits beside the stage at 640×400). */
  short: string;
  config: (snapSec: number) => Record<string, string>;
  what: string;
}[] = [
  {
    id: 'rdb',
    field: 'rdb',
    label: 'RDB only',
    short: 'RDB',
    what: 'rdb takes RDB snapshots only',
    config: (s) => ({ save: `${s} 1`, appendonly: 'no' }),
  },
  {
    id: 'aof-everysec',
    field: 'aofEverysec',
    label: 'AOF everysec',
    short: 'everysec',
    what: 'aof-everysec logs every write and fsyncs once a second',
    config: () => ({ save: '', appendonly: 'yes', appendfsync: 'everysec' }),
  },
  {
    id: 'aof-always',
    field: 'aofAlways',
    label: 'AOF always',
    short: 'always',
    what: 'aof-always fsyncs before it replies',
    config: () => ({ save: '', appendonly: 'yes', appendfsync: 'always' }),
  },
  {
    id: 'aof-no',
    field: 'aofNo',
    label: 'AOF no',
    short: 'no fsync',
    what: 'aof-no leaves the flush to the OS (about every half minute)',
    config: () => ({ save: '', appendonly: 'yes', appendfsync: 'no' }),
  },
];

const IDS = PERSISTENCE_NODES.map((n) => n.id);
const STEPS = 7;
const STEP = (n: number, what: string): string => `Step ${n} of ${STEPS} · ${what}`;

/**
 * Lesson §5, "Crash and recover": one stream of writes goes to four Redis
 * nodes that persist differently; one crash hits them all at the same moment;
 * they restart, load, and the outcome counts what each kept. The app pipelines
 * the writes it gathered every `batchSec` as one packet per node (the frames
 * are the story's beats, not every write); each node runs them one by one.
 */
export const persistence: ScenarioSpec = {
  id: 'persistence-rdb-vs-aof',
  title: 'Crash and recover',
  lessonSection: '§5 Persistence',
  teaches: 'RDB loses everything since the last snapshot; AOF loses at most what was not fsynced.',
  pacing: 'step',
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
      name: 'batchSec',
      label: 'App pipelines writes every',
      type: 'number',
      default: 2,
      min: 0.05,
      max: 10,
      step: 0.05,
      unit: 's',
      group: 'advanced',
      help: 'The writes gathered in each interval go to each Redis as one pipelined packet',
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
  // One column of Redis nodes: each box gets half the stage's width, so names fit at 640×400.
  layout: {
    app: [0, 1],
    rdb: [1, 0],
    'aof-everysec': [1, 1],
    'aof-always': [1, 2],
    'aof-no': [1, 3],
  },
  build(world, params) {
    const p = params as Record<string, number> & { crashKind: CrashKind };
    const app = world.add(new Actor(world, 'app', 'webServer'));
    const nodes = PERSISTENCE_NODES.map((n) => {
      const node = world.add(
        new RedisNode(world, n.id, {
          commandCostNs: 1_000,
          config: n.config(p.snapshotEverySec),
          disk: { fsyncNs: msToNs(p.fsyncMs) },
          keyspaceSummary: true,
        }),
      );
      world.link('app', n.id, fixed(usToNs(p.rttUs) / 2));
      return node;
    });
    const crashNs = secToNs(p.crashAtSec);
    const restartNs = crashNs + secToNs(p.restartAfterSec);
    world.narrate(
      'intro',
      say`The app writes ${quote(p.writesPerSec, { param: 'writesPerSec' })} keys a second and sends them to four Redis servers, pipelined every ${quote(p.batchSec, { param: 'batchSec' })} s. ${PERSISTENCE_NODES.map((n) => n.what).join('; ')}. Time is scaled: the RDB save point is ${quote(p.snapshotEverySec, { param: 'snapshotEverySec' })} s, not an hour.`,
      STEP(1, 'Four ways to persist'),
    );
    const story = new Story(world);
    app.run(writer(world, app, p, crashNs, story));
    world.engine.at(crashNs, () => {
      world.mark(p.crashKind === 'power-loss' ? '✕ power loss' : '✕ redis-server killed');
      world.narrate(
        'crash',
        p.crashKind === 'power-loss'
          ? say`Power loss at ${quote(p.crashAtSec, { param: 'crashAtSec' })} s: every process dies and the page cache goes with it. Only bytes already fsynced, and the last finished snapshot, are on disk.`
          : say`SIGKILL at ${quote(p.crashAtSec, { param: 'crashAtSec' })} s: the Redis processes die, but the OS lives. Bytes written to it reach the disk even without an fsync; the RDB child dies too.`,
        STEP(5, 'Crash'),
      );
      for (const n of nodes) n.crash(p.crashKind);
    });
    world.engine.at(restartNs, () => {
      for (const n of nodes) n.restart();
    });
    const back = new Set<string>();
    for (const n of nodes) {
      n.onPersist = (e) => story.persisted(n.id, e);
      n.onRecovered = (report) => {
        if (world.nowNs < crashNs) return; // a learner's own crash and restart before the story's
        back.add(n.id);
        const cell = (col: number): Quote => scoreQuote(world, n.id, col);
        world.narrate(
          `recovered-${n.id}`,
          report.source === 'none'
            ? say`${n.id} is back, empty: it had nothing on disk. It lost all ${cell(2)} acknowledged writes.`
            : say`${n.id} is back from its ${report.source.toUpperCase()} after ${cell(4)} ms of LOADING: of ${cell(0)} acknowledged writes it kept ${cell(1)} and lost ${cell(2)}.`,
          STEP(7, 'Recovered'),
        );
        if (back.size === nodes.length) summary(world);
      };
    }
    return { untilNs: restartNs + secToNs(2), measure };
  },
  scoreboard(trace, tNs) {
    return boardAt(trace, tNs);
  },
};

/**
 * The board at tNs: per mode, writes acknowledged, kept and lost (known once
 * the node has recovered), the lost window and the LOADING time.
 */
function boardAt(trace: Parameters<typeof persistenceTimeline>[0], tNs: number): Scoreboard {
  const t = persistenceTimeline(trace, IDS);
  return {
    title: 'Acked writes, after the crash',
    columns: ['acked', 'kept', 'lost', 'win ms', 'load ms'],
    rows: PERSISTENCE_NODES.map((n): ScoreRow => {
      const o = nodeOutcomeAt(t.get(n.id)!, tNs);
      return {
        label: n.short,
        tone: o.lost === null ? undefined : o.lost === 0 ? 'good' : 'bad',
        cells: [
          { v: o.acked, of: `${n.field}.acked` },
          { v: o.recovered, of: `${n.field}.recovered` },
          { v: o.lost, of: `${n.field}.lost` },
          { v: o.lostWindowMs, digits: 0, of: `${n.field}.lostWindowMs` },
          { v: o.recoveryMs, digits: 1, of: `${n.field}.recoveryMs` },
        ],
      };
    }),
  };
}

/** A board cell as shown at this instant, quoted as its source. */
function scoreQuote(world: World, id: string, col: number): Quote {
  const label = PERSISTENCE_NODES.find((x) => x.id === id)!.short;
  const row = boardAt(world, world.nowNs).rows.find((r) => r.label === label)!;
  return quote(formatCell(row.cells[col]), { score: label, col });
}

/** The closing beat: each mode's loss, quoted from the board. */
function summary(world: World): void {
  const cell = (id: string, col: number): Quote => scoreQuote(world, id, col);
  world.narrate(
    'summary',
    say`Lost of what each acknowledged: always ${cell('aof-always', 2)}; everysec ${cell('aof-everysec', 2)} (the last ${cell('aof-everysec', 3)} ms); no ${cell('aof-no', 2)}; RDB ${cell('rdb', 2)}, everything since its last snapshot's fork. The price: always waits for the disk on every reply, and replaying an AOF took ${cell('aof-always', 4)} ms against ${cell('rdb', 4)} ms to load the snapshot.`,
    'Summary',
  );
}

/** Narrates the persistence beats once each, as the nodes report them. */
class Story {
  private told = new Set<string>();
  constructor(private readonly world: World) {}

  once(beat: string): boolean {
    if (this.told.has(beat)) return false;
    this.told.add(beat);
    return true;
  }

  persisted(id: string, e: Parameters<NonNullable<RedisNode['onPersist']>>[0]): void {
    const w = this.world;
    // The first fsync is step 3; if a snapshot came first (a long pipeline interval), it is not told.
    if (e.kind === 'forked') this.told.add('fsync');
    if (e.kind === 'fsync' && id === 'aof-everysec' && this.once('fsync'))
      w.narrate(
        'fsync',
        say`aof-everysec fsyncs its AOF at the turn of the second: ${quote(this.synced(id), { data: id, key: '#aof' })} commands are now on disk. aof-always fsynced before each reply; aof-no's writes wait in the page cache until the OS flushes.`,
        STEP(3, 'fsync'),
      );
    else if (e.kind === 'forked')
      w.narrate(
        `fork-${w.nowNs}`,
        say`A save point is met: rdb forks a child, which writes the ${quote(e.keys, { data: id, key: '#keyspace' })} keys as they are at this instant. Writes after the fork are not in this snapshot.`,
        STEP(4, 'RDB snapshot'),
      );
    else if (e.kind === 'rdb-saved')
      w.narrate(
        `saved-${w.nowNs}`,
        say`rdb's snapshot is on disk: ${quote(e.keys, { data: id, key: '#rdb' })} keys. Until the next one, every new write exists only in memory.`,
        STEP(4, 'RDB snapshot'),
      );
    else if (e.kind === 'loading')
      w.narrate(
        `loading-${id}`,
        e.source === 'aof'
          ? say`${id} restarts and replays its AOF, ${quote(e.size, { data: id, key: '#aof' })} commands; until it is done every command gets -LOADING.`
          : e.source === 'rdb'
            ? say`${id} restarts and loads its snapshot, ${quote(e.size, { data: id, key: '#rdb' })} keys; until it is done every command gets -LOADING.`
            : say`${id} restarts with no snapshot on disk: it will come back empty.`,
        STEP(6, 'LOADING'),
      );
  }

  private synced(id: string): number {
    const es = this.world.entries;
    for (let i = es.length - 1; i >= 0; i--) {
      const e = es[i];
      if (e.k === 'data' && e.node === id && e.key === '#aof')
        return (e.value as { syncedCommands?: number }).syncedCommands ?? 0;
    }
    return 0;
  }
}

/**
 * Every `batchSec` (at the middle of each interval, so a crash on a whole
 * second does not coincide with a send) the app pipelines the writes it
 * gathered since the last send, `SET k:i vi` each, to all four nodes.
 */
function* writer(
  world: World,
  app: Actor,
  p: Record<string, number>,
  crashNs: number,
  story: Story,
): Proc<void> {
  const batchNs = secToNs(p.batchSec);
  let next = 1;
  for (let b = 1; ; b++) {
    const at = Math.round((b - 0.5) * batchNs);
    if (at >= crashNs) return;
    yield* app.sleep(at - world.nowNs);
    const upTo = Math.floor((at * p.writesPerSec) / 1e9 + 1e-9);
    if (upTo < next) continue;
    const cmds: string[][] = [];
    for (let i = next; i <= upTo; i++) cmds.push(['SET', `k:${i}`, `v${i}`]);
    const label = `SET ×${cmds.length} ${cmds.length > 1 ? `k:${next}..k:${upTo}` : `k:${next}`}`;
    next = upTo + 1;
    for (const n of PERSISTENCE_NODES) app.run(send(world, app, n.id, cmds, label, story));
  }
}

/** One pipeline to one node; the first round of replies is the "writes flow" beat. */
function* send(
  world: World,
  app: Actor,
  to: string,
  cmds: string[][],
  label: string,
  story: Story,
): Proc<void> {
  yield* app.pipeline(to, cmds, label);
  // aof-always answers last (it fsyncs first): its reply closes the first round.
  if (to !== 'aof-always' || !story.once('flow')) return;
  // The packet that resumed this process: the delivery just recorded.
  const es = world.entries;
  let reply = 0;
  for (let i = es.length - 1; i >= 0 && reply === 0; i--) {
    const e = es[i];
    if (e.k === 'deliver') reply = e.id;
  }
  world.narrate(
    'flow',
    say`Every Redis answered the pipeline: ${quote(`×${cmds.length}`, { packet: reply, delivered: true })} OKs each. rdb, aof-everysec and aof-no replied at once; aof-always only after its fsync. An OK means "in memory", not "on disk".`,
    STEP(2, 'Writes flow'),
  );
}

/** Per node: writes acknowledged before the crash, how many came back, how long recovery took. */
function measure(trace: Trace): Json {
  const t = persistenceTimeline(trace, IDS);
  const out: Record<string, Json> = {};
  for (const n of PERSISTENCE_NODES) {
    const tl = t.get(n.id)!;
    const o = nodeOutcomeAt(tl, trace.endNs);
    out[n.field] = {
      ...o,
      ...(n.field === 'rdb'
        ? {
            lastSnapshotAtMs: tl.lastSaveAtMs,
            // The fork of that snapshot, to the µs (what it holds: every write before it).
            lastSnapshotForkAtMs: tl.lastForkAtUs === null ? null : tl.lastForkAtUs / 1e3,
          }
        : {}),
    };
  }
  return out;
}
