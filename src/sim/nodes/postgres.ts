import type { Json } from '../json';
import { MachineHost } from '../machineHost';
import { postgresMachine } from '../machines/postgres';
import type { Packet } from '../packet';
import type { SimNode, World } from '../world';

/** Postgres's latency and capacity, each editable in the Latency panel. */
export interface PostgresOptions {
  /** Queries that run at once (max_connections behind a pool). */
  maxConnections: number;
  /** Queries that may wait for a connection; past this they fail at once. */
  queueLimit: number;
  /** CPU and protocol cost of one query with every page in the buffer cache. */
  queryCostNs: number;
  /** Probability that a page is in shared_buffers. */
  bufferHitRatio: number;
  /** One page read from disk on a buffer miss. */
  diskReadNs: number;
  /** Pages a query touches (an index lookup: about 3). */
  pagesPerQuery: number;
  /** A write waits for its WAL fsync before it commits. */
  commitFsyncNs: number;
}

export const POSTGRES_DEFAULTS: PostgresOptions = {
  maxConnections: 100,
  queueLimit: 200,
  queryCostNs: 100_000,
  bufferHitRatio: 0.99,
  diskReadNs: 100_000,
  pagesPerQuery: 3,
  commitFsyncNs: 1_000_000,
};

interface Waiting {
  qid: number;
  costNs: number;
  p: Packet;
}

/**
 * A Postgres node: rows by key, a connection limit with a wait queue, a buffer
 * cache that sometimes misses and pays a disk read, durable commits. The
 * machine tracks load (idle / busy / saturated / down); this class decides
 * admission, cost and the answer.
 */
export class PostgresNode implements SimNode {
  readonly kind = 'postgres';
  readonly machine: MachineHost<typeof postgresMachine>;
  readonly rows = new Map<string, Json>();
  private running = new Map<number, Packet>();
  private waiting: Waiting[] = [];
  private nextQid = 1;
  /** The query cost now: starts at options.queryCostNs; a latency intervention changes it. */
  private queryCostNs: number;
  /** Queries answered, refused, and the longest wait queue seen. */
  readonly stats = { queries: 0, refused: 0, peakQueue: 0, diskReads: 0 };

  constructor(
    private readonly world: World,
    readonly id: string,
    readonly options: PostgresOptions = POSTGRES_DEFAULTS,
  ) {
    this.queryCostNs = options.queryCostNs;
    this.machine = new MachineHost(
      world,
      id,
      postgresMachine,
      { maxConnections: options.maxConnections },
      { finished: (params) => this.finish(params.qid as number) },
    );
  }

  get up(): boolean {
    return this.machine.value !== 'down';
  }

  /** Puts a row in place before the run (recorded, so the Inspector shows it). */
  seed(key: string, value: Json): void {
    this.rows.set(key, value);
    this.world.data(this.id, key, value);
  }

  receive(p: Packet): void {
    const q = p.payload as { rid: number };
    if (this.waiting.length >= this.options.queueLimit) {
      this.stats.refused++;
      this.world.send({
        from: this.id,
        to: p.from,
        kind: 'error',
        label: 'FATAL: sorry, too many clients already',
        payload: { re: q.rid, error: 'sorry, too many clients already' },
      });
      return;
    }
    const qid = this.nextQid++;
    const costNs = this.costOf(p);
    if (this.machine.context.active >= this.options.maxConnections) {
      this.waiting.push({ qid, costNs, p });
      this.stats.peakQueue = Math.max(this.stats.peakQueue, this.waiting.length);
      this.world.metric(`${this.id}.queue`, this.waiting.length);
    } else {
      this.running.set(qid, p);
    }
    this.machine.send({ type: 'QUERY', qid, costNs });
  }

  private costOf(p: Packet): number {
    const { op } = p.payload as { op: string };
    let ns = this.queryCostNs;
    for (let i = 0; i < this.options.pagesPerQuery; i++) {
      if (!this.world.rng.chance(this.options.bufferHitRatio)) {
        ns += this.options.diskReadNs;
        this.stats.diskReads++;
      }
    }
    if (op !== 'select') ns += this.options.commitFsyncNs;
    return ns;
  }

  private finish(qid: number): void {
    const p = this.running.get(qid);
    if (!p) return;
    this.running.delete(qid);
    this.stats.queries++;
    const q = p.payload as { rid: number; op: string; key: string; value?: Json };
    let row: Json = null;
    if (q.op === 'select') {
      row = this.rows.get(q.key) ?? null;
    } else {
      row = q.value ?? null;
      this.rows.set(q.key, row);
      this.world.data(this.id, q.key, row);
    }
    this.world.send({
      from: this.id,
      to: p.from,
      kind: 'reply',
      label: q.op === 'select' ? (row === null ? '0 rows' : '1 row') : 'COMMIT',
      payload: { re: q.rid, row },
    });
    const next = this.waiting.shift();
    if (next) {
      this.world.metric(`${this.id}.queue`, this.waiting.length);
      this.running.set(next.qid, next.p);
      this.machine.send({ type: 'RUN', qid: next.qid, costNs: next.costNs });
    }
  }

  /**
   * A new CPU cost for queries that arrive from now on (a latency
   * intervention, ns); queries already running keep theirs.
   */
  setCostNs(ns: number): void {
    this.queryCostNs = Math.max(0, Math.round(ns));
  }

  /**
   * Crashes Postgres: running and waiting queries fail, their connections
   * reset. Committed rows stay: they are in the WAL on disk.
   */
  crash(): void {
    for (const p of [...this.running.values(), ...this.waiting.map((w) => w.p)]) {
      this.world.send({
        from: this.id,
        to: p.from,
        kind: 'error',
        label: 'RST: connection reset',
        payload: { re: (p.payload as { rid: number }).rid, reset: true },
      });
    }
    this.running.clear();
    this.waiting = [];
    this.machine.cancelAll();
    this.machine.send({ type: 'CRASH' });
  }

  restart(): void {
    this.machine.send({ type: 'RESTART' });
  }
}
