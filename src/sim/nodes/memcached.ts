import { MachineHost } from '../machineHost';
import { memcachedMachine } from '../machines/memcached';
import { createMemcachedStore, type MemcachedStore } from '../memcached';
import type { Packet } from '../packet';
import type { SimNode, World } from '../world';

/** Memcached's shape and cost, each editable in the Latency panel. */
export interface MemcachedNodeOptions {
  /** Worker threads (`-t`, default 4). */
  threads: number;
  /** CPU time one request takes on its worker thread. */
  requestCostNs: number;
}

export const MEMCACHED_DEFAULTS: MemcachedNodeOptions = { threads: 4, requestCostNs: 10_000 };

interface Running {
  p: Packet;
  thread: number;
}

/**
 * A memcached node: the pure text-protocol store (src/sim/memcached) behind
 * N worker threads. Each connection is pinned to one thread, handed out
 * round robin as memcached's listener does; a thread runs its connections'
 * requests one at a time, each costing `requestCostNs`. Strings only, no
 * persistence: a crash loses every item and a restart starts empty.
 */
export class MemcachedNode implements SimNode {
  readonly kind = 'memcached';
  readonly machine: MachineHost<typeof memcachedMachine>;
  readonly store: MemcachedStore = createMemcachedStore({ startedMs: 0 });
  private readonly threadOf = new Map<string, number>();
  private nextThread = 0;
  private readonly busy: boolean[];
  private readonly queues: Packet[][];
  private readonly running = new Map<number, Running>();
  private nextRid = 1;
  /** What the trace shows of each key, to record only changes. */
  private shown = new Map<string, string>();
  /** Requests answered, per worker thread. */
  readonly served: number[];

  constructor(
    private readonly world: World,
    readonly id: string,
    readonly options: MemcachedNodeOptions = MEMCACHED_DEFAULTS,
  ) {
    this.busy = Array.from({ length: options.threads }, () => false);
    this.queues = Array.from({ length: options.threads }, () => []);
    this.served = Array.from({ length: options.threads }, () => 0);
    this.machine = new MachineHost(
      world,
      id,
      memcachedMachine,
      { threads: options.threads },
      { finished: (params) => this.finish(params.rid as number) },
    );
    this.showThreads();
  }

  get up(): boolean {
    return this.machine.value !== 'down';
  }

  /** A request packet: payload `{ rid, request, conn? }`, request as its wire text. */
  receive(p: Packet): void {
    const conn = `${p.from}#${(p.payload as { conn?: string }).conn ?? ''}`;
    let thread = this.threadOf.get(conn);
    if (thread === undefined) {
      thread = this.nextThread;
      this.nextThread = (this.nextThread + 1) % this.options.threads;
      this.threadOf.set(conn, thread);
    }
    if (this.busy[thread]) this.queues[thread].push(p);
    else this.start(thread, p);
  }

  private start(thread: number, p: Packet): void {
    const rid = this.nextRid++;
    this.busy[thread] = true;
    this.running.set(rid, { p, thread });
    this.machine.send({ type: 'START', rid, costNs: this.options.requestCostNs });
    this.showThreads();
  }

  private finish(rid: number): void {
    const r = this.running.get(rid);
    if (!r) return;
    this.running.delete(rid);
    const q = r.p.payload as { rid: number; request: string };
    const reply = this.store.exec(q.request, { nowMs: this.world.nowNs / 1e6 });
    this.served[r.thread]++;
    this.recordChanges();
    this.world.send({
      from: this.id,
      to: r.p.from,
      kind: 'reply',
      label: replyLabel(reply),
      bytes: reply.length,
      payload: { re: q.rid, reply, thread: r.thread },
    });
    this.busy[r.thread] = false;
    const next = this.queues[r.thread].shift();
    if (next) this.start(r.thread, next);
    else this.showThreads();
  }

  /** The Inspector's and stage's view: busy threads, and each key's value. */
  private showThreads(): void {
    const n = this.busy.filter(Boolean).length;
    this.world.data(this.id, '#threads', `${n}/${this.options.threads} threads busy`);
  }

  private recordChanges(): void {
    const now = new Map(
      this.store.items(this.world.nowNs / 1e6).map((i) => [i.key, i.value] as const),
    );
    for (const [k, v] of now) if (this.shown.get(k) !== v) this.world.data(this.id, k, v);
    for (const k of this.shown.keys()) if (!now.has(k)) this.world.data(this.id, k, null);
    this.shown = now;
  }

  /** Kills the process: requests in flight get a reset, every item is gone. */
  crash(): void {
    for (const { p } of [...this.running.values()]) this.reset(p);
    for (const q of this.queues) for (const p of q.splice(0)) this.reset(p);
    this.running.clear();
    this.busy.fill(false);
    this.threadOf.clear();
    this.nextThread = 0; // a fresh process hands its first connection to thread 0
    this.store.reset();
    this.recordChanges();
    this.machine.cancelAll();
    this.machine.send({ type: 'CRASH' });
    this.showThreads();
  }

  /** Starts memcached again: empty, as it keeps nothing on disk. */
  restart(): void {
    this.machine.send({ type: 'RESTART' });
  }

  private reset(p: Packet): void {
    this.world.send({
      from: this.id,
      to: p.from,
      kind: 'error',
      label: 'RST: connection reset',
      payload: { re: (p.payload as { rid: number }).rid, reset: true },
    });
  }
}

/** A short label for a reply: its first line, and `… END` for a hit. */
export function replyLabel(reply: string): string {
  const first = reply.split('\r\n')[0];
  if (!first.startsWith('VALUE ')) return first;
  const data = reply.split('\r\n')[1] ?? '';
  return `${first.split(' ').slice(0, 2).join(' ')} ${data.length > 24 ? data.slice(0, 23) + '…' : data}`;
}
