import {
  PostgresNode,
  RedisNode,
  type Packet,
  type PostgresOptions,
  type RedisOptions,
  type World,
} from '../sim';
import { quantile } from './measure';

/**
 * A flow of alike timeline reads carried as one packet (DESIGN.md §5): `count`
 * reads, the first sent when the packet was sent, the next every `gapNs`.
 */
export interface ReadFlow {
  flow: 'reads';
  rid: number;
  count: number;
  gapNs: number;
  /** The last flow of this way: the node then records the run's exact quantiles. */
  last: boolean;
  /** Redis commands per read (2 when a hybrid read merges a celebrity's tweets). */
  commands?: number;
}

/** A pipelined fan-out batch: LPUSH + LTRIM for followers `first..last`. */
export interface FanoutFlow {
  flow: 'fanout';
  rid: number;
  first: number;
  last: number;
  tweet: string;
  /** How many timelines the whole fan-out writes (for the progress metric). */
  of: number;
}

/** Latencies of a flow's reads, ms, as `measure`'s spanMs rounds them. */
const ms = (ns: number): number => Math.round(ns / 1_000) / 1_000;

/**
 * Postgres that also takes read flows: each read in a flow meets exactly the
 * admission PostgresNode does for one packet (run on a free connection, else
 * wait FIFO, else refuse once `queueLimit` wait), computed in arrival order in
 * O(reads), so a million reads cost no million events. Single packets still go
 * through PostgresNode unchanged. Only select reads of equal cost come as flows
 * (every query costs `queryCostNs`: the buffer cache always hits here).
 */
export class FlowPostgres extends PostgresNode {
  /** Start instants of admitted flow reads, in admission order (nondecreasing). */
  private starts: number[] = [];
  /** Index of the first admitted read that has not started yet (the wait queue's head). */
  private head = 0;
  private latencies: number[] = [];
  private failedTotal = 0;
  private answered = 0;

  constructor(
    private readonly w: World,
    id: string,
    options: PostgresOptions,
  ) {
    super(w, id, options);
  }

  override receive(p: Packet): void {
    const f = p.payload as unknown as ReadFlow;
    if (f.flow !== 'reads') return super.receive(p);
    if (!this.up) return refuse(this.w, this.id, p, f.rid, 'reads', f.count);
    const d = p.deliverNs - p.sentNs;
    const cost = this.options.queryCostNs;
    const c = this.options.maxConnections;
    const chunk: number[] = [];
    let failed = 0;
    let peakQueue = 0;
    let peakActive = 0;
    let doneAt = this.w.nowNs;
    for (let j = 0; j < f.count; j++) {
      const sent = p.sentNs + j * f.gapNs;
      const at = sent + d;
      // Reads whose start is at or before `at` have left the queue (a finish at
      // the same instant runs first: it was scheduled earlier).
      while (this.head < this.starts.length && this.starts[this.head] <= at) this.head++;
      const waiting = this.starts.length - this.head;
      if (waiting >= this.options.queueLimit) {
        failed++;
        doneAt = Math.max(doneAt, at + d);
        continue;
      }
      const n = this.starts.length;
      const freeAt = n >= c ? this.starts[n - c] + cost : at;
      const start = Math.max(at, freeAt);
      this.starts.push(start);
      if (start > at) peakQueue = Math.max(peakQueue, waiting + 1);
      // Connections busy at this arrival: admitted reads started and not yet finished.
      let active = 0;
      for (let k = n; k >= 0 && k >= n - c; k--) {
        const s = k === n ? start : this.starts[k];
        if (s <= at && s + cost > at) active++;
      }
      peakActive = Math.max(peakActive, active);
      const back = start + cost + d;
      chunk.push(ms(back - sent));
      doneAt = Math.max(doneAt, back - d);
    }
    this.failedTotal += failed;
    this.answered += chunk.length;
    for (const l of chunk) this.latencies.push(l);
    this.stats.refused += failed;
    this.stats.queries += chunk.length;
    this.stats.peakQueue = Math.max(this.stats.peakQueue, peakQueue);
    this.w.engine.at(doneAt, () => {
      this.w.metric(`${this.id}.queue`, peakQueue);
      this.w.metric(`${this.id}.connections`, peakActive);
      this.w.metric('sql.reads', this.answered + this.failedTotal);
      this.w.metric('sql.failedReads', this.failedTotal);
      if (f.last) this.w.metric('sql.p99ReadMs', quantile(this.latencies, 0.99) ?? -1);
      this.w.send({
        from: this.id,
        to: p.from,
        kind: failed > 0 ? 'error' : 'reply',
        label: failed > 0 ? `${chunk.length} rows, ${failed} refused` : `${chunk.length} rows`,
        payload: {
          re: f.rid,
          flow: 'reads',
          count: f.count,
          ok: chunk.length,
          failed,
          p50Ms: quantile(chunk, 0.5),
          p99Ms: quantile(chunk, 0.99),
        },
      });
    });
  }
}

/**
 * Redis that also takes flows: a fan-out batch (pipelined LPUSH+LTRIM for a
 * range of followers) or a read flow (LRANGE per read). Its single thread is a
 * clock (`freeAtNs`): each command waits for the one before, costing
 * `commandCostNs`, exactly as RedisNode's machine runs single commands. Only a
 * few sample timelines are written to the store (a million keys are not trace
 * data); the count written is recorded as data and metrics.
 */
export class FlowRedis extends RedisNode {
  private freeAtNs = 0;
  private written = 0;
  private latencies: number[] = [];
  private answered = 0;

  constructor(
    private readonly w: World,
    id: string,
    options: RedisOptions,
    /** Timelines kept for real in the store (and shown): the first few followers. */
    private readonly sampleTimelines = 3,
  ) {
    super(w, id, options);
  }

  override receive(p: Packet): void {
    const f = p.payload as unknown as FanoutFlow | ReadFlow;
    const down = this.machine.value === 'crashed' || this.machine.value === 'loading';
    if (down && (f.flow === 'fanout' || f.flow === 'reads'))
      return refuse(this.w, this.id, p, f.rid, f.flow, f.flow === 'reads' ? f.count : 0);
    if (f.flow === 'fanout') return this.fanout(p, f);
    if (f.flow === 'reads') return this.reads(p, f);
    super.receive(p);
  }

  private fanout(p: Packet, f: FanoutFlow): void {
    const count = f.last - f.first + 1;
    const start = Math.max(this.w.nowNs, this.freeAtNs);
    this.freeAtNs = start + 2 * count * this.options.commandCostNs;
    this.w.engine.at(this.freeAtNs, () => {
      for (let k = f.first; k <= Math.min(f.last, this.sampleTimelines); k++) {
        this.seed(['LPUSH', `timeline:${k}`, f.tweet]);
        this.seed(['LTRIM', `timeline:${k}`, '0', '799']);
      }
      this.written += count;
      this.commands += 2 * count;
      this.w.data(this.id, '#timelines', { written: this.written, of: f.of });
      this.w.metric('redis.fanoutWrites', this.written);
      this.w.send({
        from: this.id,
        to: p.from,
        kind: 'reply',
        label: `${count} × (integer) OK`,
        payload: { re: f.rid, flow: 'fanout', written: count },
      });
    });
  }

  private reads(p: Packet, f: ReadFlow): void {
    const d = p.deliverNs - p.sentNs;
    const cost = (f.commands ?? 1) * this.options.commandCostNs;
    const chunk: number[] = [];
    for (let j = 0; j < f.count; j++) {
      const sent = p.sentNs + j * f.gapNs;
      const start = Math.max(sent + d, this.freeAtNs);
      this.freeAtNs = start + cost;
      chunk.push(ms(this.freeAtNs + d - sent));
    }
    this.commands += f.count * (f.commands ?? 1);
    this.answered += f.count;
    for (const l of chunk) this.latencies.push(l);
    this.w.engine.at(this.freeAtNs, () => {
      this.w.metric('redis.reads', this.answered);
      this.w.metric('redis.failedReads', 0);
      if (f.last) this.w.metric('redis.p99ReadMs', quantile(this.latencies, 0.99) ?? -1);
      this.w.send({
        from: this.id,
        to: p.from,
        kind: 'reply',
        label: `${f.count} timelines`,
        payload: {
          re: f.rid,
          flow: 'reads',
          count: f.count,
          ok: f.count,
          failed: 0,
          p50Ms: quantile(chunk, 0.5),
          p99Ms: quantile(chunk, 0.99),
        },
      });
    });
  }
}

/** A down node answers a whole flow at once: every read in it failed, nothing written. */
function refuse(
  w: World,
  id: string,
  p: Packet,
  rid: number,
  flow: 'reads' | 'fanout',
  count: number,
): void {
  w.send({
    from: id,
    to: p.from,
    kind: 'error',
    label: 'RST: connection refused',
    payload: { re: rid, flow, count, ok: 0, failed: count, written: 0, refused: true },
  });
}
