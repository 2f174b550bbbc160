import type { Json } from '../json';
import { MachineHost } from '../machineHost';
import { redisMachine } from '../machines/redis';
import type { Packet } from '../packet';
import { createRedisStore, formatReply, type RedisStore, type Reply } from '../redis';
import { NS_PER_MS } from '../time';
import type { SimNode, World } from '../world';

/** Redis's timing, each editable in the Latency panel. */
export interface RedisOptions {
  /** Time the single thread spends on one command (GET/SET: about 1 µs). */
  commandCostNs: number;
  /** Initial CONFIG (save, appendonly, appendfsync). */
  config?: Record<string, string>;
}

export const REDIS_DEFAULTS: RedisOptions = { commandCostNs: 1_000 };

/** How often the active expiry cycle runs (Redis: hz 10). */
const EXPIRE_CYCLE_NS = 100 * NS_PER_MS;

interface Queued {
  p: Packet;
  argv: string[];
  conn: string;
  rid: number;
}

/**
 * A Redis node: the pure store (command semantics) behind a single-threaded
 * machine (queueing, per-command cost, crash, loading). Every key change is
 * recorded as a data diff so the Inspector can show the keyspace at any time.
 */
export class RedisNode implements SimNode {
  readonly kind = 'redis';
  readonly up = true; // a crashed Redis still has a host whose kernel refuses connections
  readonly machine: MachineHost<typeof redisMachine>;
  store: RedisStore;
  private queue: Queued[] = [];
  private volatile = new Set<string>();
  private cycleId: number | null = null;
  /** Commands executed. */
  commands = 0;
  /** Called with the keys the active expiry cycle removed (for narration). */
  onExpired: ((keys: string[]) => void) | null = null;

  constructor(
    protected readonly world: World,
    readonly id: string,
    readonly options: RedisOptions = REDIS_DEFAULTS,
  ) {
    this.store = createRedisStore({ config: options.config });
    this.machine = new MachineHost(
      world,
      id,
      redisMachine,
      { commandCostNs: options.commandCostNs },
      {
        execute: () => this.execute(),
        forked: () => this.onForked(),
        loaded: () => this.onLoaded(),
      },
    );
  }

  /** Simulated now in ms, the store's clock. */
  get nowMs(): number {
    return this.world.nowNs / NS_PER_MS;
  }

  receive(p: Packet): void {
    const { argv, rid, conn } = p.payload as { argv: string[]; rid: number; conn?: string };
    const state = this.machine.value;
    if (state === 'crashed') {
      this.world.send({
        from: this.id,
        to: p.from,
        kind: 'error',
        label: 'RST: connection refused',
        payload: { re: rid, refused: true },
      });
      return;
    }
    if (state === 'loading') {
      this.reply(p.from, rid, { type: 'error', value: 'LOADING Redis is loading the dataset in memory' });
      return;
    }
    this.queue.push({ p, argv, conn: conn ?? p.from, rid });
    this.machine.send({ type: 'ARRIVE' });
  }

  /** Runs a command directly (set-up before the run, or a scenario's own seeding), recording diffs. */
  seed(argv: string[], conn = 'seed'): Reply {
    const r = this.store.exec(argv, { nowMs: this.nowMs, client: conn });
    this.flush();
    return r;
  }

  private execute(): void {
    const item = this.queue.shift();
    if (!item) return;
    this.commands++;
    const reply = this.store.exec(item.argv, { nowMs: this.nowMs, client: item.conn });
    if (reply.type !== 'blocked') this.reply(item.p.from, item.rid, reply);
    this.afterCommand(item.argv);
    this.flush();
  }

  /** Hook for persistence: called after each executed command. */
  protected afterCommand(_argv: string[]): void {}
  /** Hook for persistence: the fork pause ended. */
  protected onForked(): void {}
  /** Hook for persistence: loading finished. */
  protected onLoaded(): void {
    this.flush();
  }

  private reply(to: string, rid: number, reply: Reply): void {
    this.world.send({
      from: this.id,
      to,
      kind: reply.type === 'error' ? 'error' : 'reply',
      label: shortReply(reply),
      payload: { re: rid, reply: reply as unknown as Json },
    });
  }

  /** Records key diffs, sends pub/sub and unblocked-BRPOP pushes, keeps expiry running. */
  protected flush(): void {
    for (const key of this.store.takeChanges()) {
      const view = this.store.keyView(key, this.nowMs);
      this.world.data(this.id, key, view as unknown as Json);
      if (view && view.expiresAtMs !== null) this.volatile.add(key);
      else this.volatile.delete(key);
    }
    for (const push of this.store.takePushes()) {
      const to = push.client.split('#')[0];
      if (!this.world.linkOf(this.id, to)) continue;
      this.world.send({
        from: this.id,
        to,
        kind: 'push',
        label: shortReply(push.reply),
        payload: { conn: push.client, reply: push.reply as unknown as Json },
      });
    }
    this.scheduleCycle();
  }

  /** Active expiry (and BRPOP timeouts) every 100 ms while anything could expire. */
  private scheduleCycle(): void {
    if (this.cycleId !== null || (this.volatile.size === 0 && !this.store.hasBlocked)) return;
    this.cycleId = this.world.engine.schedule(EXPIRE_CYCLE_NS, () => {
      this.cycleId = null;
      if (this.machine.value === 'crashed' || this.machine.value === 'loading') return;
      const gone = this.store.tick(this.nowMs);
      this.flush();
      if (gone.length) this.onExpired?.(gone);
    });
  }

  /** Kills the process: memory is gone; persistence subclasses decide what disk keeps. */
  crash(): void {
    this.queue = [];
    this.machine.cancelAll();
    if (this.cycleId !== null) this.world.engine.cancel(this.cycleId);
    this.cycleId = null;
    for (const key of this.store.keys()) this.world.data(this.id, key, null);
    this.volatile.clear();
    this.store = createRedisStore({ config: this.options.config });
    this.machine.send({ type: 'CRASH' });
  }

  /** Starts the process again; it loads for `loadNs` before serving. */
  restart(loadNs = 0): void {
    this.machine.send({ type: 'RESTART', loadNs });
  }
}

/** A reply as one short label for a packet: `"bar"`, `(nil)`, `(integer) 2`. */
export function shortReply(reply: Reply): string {
  const text = formatReply(reply).split('\n');
  const first = text[0] ?? '';
  const more = text.length > 1 ? ` …+${text.length - 1}` : '';
  return (first.length > 36 ? `${first.slice(0, 35)}…` : first) + more;
}
