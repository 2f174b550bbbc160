import type { Json, Packet, Trace, TraceEntry } from '../sim';
import { rangeMatcher } from '../sim/nodes/keyRanges';
import type { Reply } from '../sim/redis';

/** One pipeline's acknowledgement: when Redis sent the replies, and the keys it said OK to. */
export interface AckBatch {
  /** The reply packet's sentNs. */
  t: number;
  replyId: number;
  keys: string[];
}

/** A step of a count over time (writes acked, writes on disk). */
export interface CountPoint {
  t: number;
  n: number;
}

/** Everything the scenario's outcome, board and chart read about one Redis node. */
export interface NodeTimeline {
  id: string;
  acks: AckBatch[];
  /** Cumulative acknowledged writes after each entry of `acks`. */
  ackedAfter: number[];
  /** Writes on disk over time: AOF commands fsynced, or keys of the last completed snapshot. */
  durable: CountPoint[];
  /** Background or foreground fsyncs that made more bytes durable. */
  fsyncs: number[];
  /** Forks of a BGSAVE (snapshot as of this instant), and snapshots completed. */
  forks: number[];
  saves: number[];
  crashAt: number | null;
  loadAt: number | null;
  upAt: number | null;
  /** The recovery's report: when it was recorded, and the lost keys as ranges. */
  lost: { t: number; ranges: string[]; count: number } | null;
  /** Acknowledged writes the recovery lost, in ack order (known once `lost` is recorded). */
  lostAcked: { key: string; t: number }[];
  /** The last completed snapshot as of the crash (RDB). */
  lastSaveAtMs: number | null;
  lastForkAtUs: number | null;
}

const obj = (v: Json): Record<string, Json> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null;

/**
 * The timelines of one growing list of entries, read once: each call reads
 * only the entries appended since the last. The scenario's narration asks for
 * the board mid-run (each recovery, the summary) and the views ask again for
 * the finished trace, whose entries are the same array: one pass in all.
 */
class TimelineReader {
  readonly out = new Map<string, NodeTimeline>();
  private pos = 0;
  private readonly open = new Map<string, Packet>();
  private readonly last = new Map<
    string,
    { synced: number; child: boolean; save: number | null }
  >();
  /** Nodes whose lost keys must be matched again against their acks. */
  private readonly stale = new Set<NodeTimeline>();

  constructor(
    readonly nodes: readonly string[],
    readonly from: string,
  ) {
    for (const id of nodes)
      this.out.set(id, {
        id,
        acks: [],
        ackedAfter: [],
        durable: [{ t: 0, n: 0 }],
        fsyncs: [],
        forks: [],
        saves: [],
        crashAt: null,
        loadAt: null,
        upAt: null,
        lost: null,
        lostAcked: [],
        lastSaveAtMs: null,
        lastForkAtUs: null,
      });
  }

  read(entries: readonly TraceEntry[]): Map<string, NodeTimeline> {
    const { out, open, last, from } = this;
    for (; this.pos < entries.length; this.pos++) {
      const e = entries[this.pos];
      if (e.k === 'send') {
        const p = e.p;
        const pl = p.payload as { rid?: number; re?: number; pipeline?: string[][] } | null;
        if (p.from === from && out.has(p.to) && pl?.pipeline && typeof pl.rid === 'number')
          open.set(`${p.to}#${pl.rid}`, p);
        else if (p.to === from && out.has(p.from) && typeof pl?.re === 'number') {
          const req = open.get(`${p.from}#${pl.re}`);
          if (!req) continue;
          open.delete(`${p.from}#${pl.re}`);
          const n = out.get(p.from)!;
          const replies = (p.payload as { replies?: Reply[] }).replies ?? [];
          const cmds = (req.payload as { pipeline: string[][] }).pipeline;
          const keys: string[] = [];
          cmds.forEach((argv, i) => {
            if (argv[0] === 'SET' && replies[i]?.type === 'simple') keys.push(argv[1]);
          });
          // After the crash nothing is acknowledged any more (the first crash counts).
          if (keys.length && n.crashAt === null) {
            n.acks.push({ t: e.t, replyId: p.id, keys });
            n.ackedAfter.push((n.ackedAfter[n.ackedAfter.length - 1] ?? 0) + keys.length);
            if (n.lost) this.stale.add(n);
          }
        }
        continue;
      }
      if (e.k === 'state') {
        const n = out.get(e.node);
        if (!n) continue;
        if (e.value === 'crashed' && n.crashAt === null) n.crashAt = e.t;
        if (e.value === 'loading' && n.crashAt !== null && n.loadAt === null) n.loadAt = e.t;
        if (e.value === 'idle' && n.loadAt !== null && n.upAt === null) n.upAt = e.t;
        continue;
      }
      if (e.k !== 'data') continue;
      const n = out.get(e.node);
      if (!n) continue;
      const v = obj(e.value);
      const prev = last.get(e.node) ?? { synced: 0, child: false, save: null };
      if (e.key === '#aof' && v && v.appendonly === true) {
        // Writes on disk: the AOF opens with one SELECT 0, the rest are the SETs.
        const synced = Math.max(0, Number(v.syncedCommands ?? 0) - 1);
        if (synced !== prev.synced) {
          if (synced > prev.synced && n.crashAt === null) n.fsyncs.push(e.t);
          n.durable.push({ t: e.t, n: synced });
        }
        last.set(e.node, { ...prev, synced });
      } else if (e.key === '#rdb' && v) {
        const child = v.childWriting === true;
        const save = typeof v.lastSaveAtMs === 'number' ? v.lastSaveAtMs : null;
        if (child && !prev.child && n.crashAt === null) n.forks.push(e.t);
        if (save !== null && save !== prev.save) {
          if (n.crashAt === null) {
            n.saves.push(e.t);
            n.lastSaveAtMs = save;
            n.lastForkAtUs = typeof v.forkAtUs === 'number' ? v.forkAtUs : null;
          }
          n.durable.push({ t: e.t, n: Number(v.keys ?? 0) });
        }
        last.set(e.node, { ...prev, child, save });
      } else if (e.key === '#lost' && v && Array.isArray(v.ranges)) {
        const ranges = v.ranges.map(String);
        n.lost = { t: e.t, ranges, count: Number(v.count ?? 0) };
        this.stale.add(n);
      }
    }
    for (const n of this.stale) {
      const lost = rangeMatcher(n.lost!.ranges);
      n.lostAcked = [];
      for (const a of n.acks)
        for (const k of a.keys) if (lost(k)) n.lostAcked.push({ key: k, t: a.t });
    }
    this.stale.clear();
    return out;
  }
}

/** Readers by entry list: a run's World and its finished Trace share one. */
const readers = new WeakMap<readonly TraceEntry[], TimelineReader[]>();

/**
 * Per Redis node fed by `from`: pipelines acknowledged, the durable count (AOF
 * fsynced / RDB snapshot keys), fsyncs, forks, the crash, LOADING and the loss
 * report, as of the entries so far. Only the app's pipelined SETs count as
 * writes (the learner's console commands do not). Entries are append-only: a
 * later call reads only what was appended, and updates the same objects.
 */
export function persistenceTimeline(
  trace: Trace | { readonly entries: readonly TraceEntry[] },
  nodes: readonly string[],
  from = 'app',
): Map<string, NodeTimeline> {
  const entries = trace.entries;
  let list = readers.get(entries);
  if (!list) readers.set(entries, (list = []));
  let reader = list.find((r) => r.from === from && nodes.every((n) => r.out.has(n)));
  if (!reader) list.push((reader = new TimelineReader(nodes, from)));
  return reader.read(entries);
}

/** Writes acknowledged at or before tNs (binary search over the ack batches). */
export function ackedAt(n: NodeTimeline, tNs: number): number {
  let lo = 0;
  let hi = n.acks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (n.acks[mid].t <= tNs) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : n.ackedAfter[lo - 1];
}

/** A node's outcome as it stands at tNs: lost and recovered are null until its recovery is recorded. */
export function nodeOutcomeAt(
  n: NodeTimeline,
  tNs: number,
): {
  acked: number;
  recovered: number | null;
  lost: number | null;
  lostWindowMs: number | null;
  recoveryMs: number | null;
} {
  const acked = ackedAt(n, tNs);
  const known = n.lost !== null && n.lost.t <= tNs;
  const lost = known ? n.lostAcked.length : null;
  const first = n.lostAcked[0];
  return {
    acked,
    recovered: lost === null ? null : acked - lost,
    lost,
    lostWindowMs:
      lost === null
        ? null
        : first === undefined || n.crashAt === null
          ? 0
          : Math.round((n.crashAt - first.t) / 1e3) / 1e3,
    recoveryMs:
      n.loadAt !== null && n.upAt !== null && n.upAt <= tNs
        ? Math.round((n.upAt - n.loadAt) / 1e3) / 1e3
        : null,
  };
}
