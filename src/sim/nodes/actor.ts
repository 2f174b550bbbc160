import type { Json } from '../json';
import { MachineHost } from '../machineHost';
import { actorMachine } from '../machines/actor';
import type { Packet, PacketKind } from '../packet';
import { spawn, type Op, type Proc } from '../process';
import { encodeCommand, type Reply } from '../redis';
import { wireBytes } from './redis';
import type { SimNode, World } from '../world';

/** An HTTP-ish request as the model carries it. */
export interface HttpRequest {
  method: string;
  path: string;
  user?: string;
  body?: Json;
}

/** An HTTP-ish response. */
export interface HttpResponse {
  status: number;
  body: Json;
}

/** What a Postgres query asks for (see PostgresNode). */
export interface PgQuery {
  sql: string;
  op: 'select' | 'update' | 'insert';
  key: string;
  value?: Json;
}

/** A Postgres answer: the row (or null), or an error such as too many clients. */
export interface PgResult {
  row: Json;
  error?: string;
}

/** Handles one incoming request; returns the response body to send back. */
export type Handler = (
  req: Packet,
  self: Actor,
) => Proc<{ status?: number; label: string; payload: Json; kind?: PacketKind }>;

export interface ActorOptions {
  /** Runs for each incoming request packet. */
  handler?: Handler;
  /** Called for each pushed packet (pub/sub message, unblocked BRPOP). */
  onPush?: (p: Packet) => void;
}

/**
 * A node that runs processes: a client (browser), a web server, a worker, a
 * load balancer. It calls other nodes (`call`, `redis`, `pg`, `http`) with
 * request ids and resumes the waiting process when the reply arrives. Its
 * machine shows idle / busy / down. A web server may keep a local dict.
 */
export class Actor implements SimNode {
  readonly machine: MachineHost<ReturnType<typeof actorMachine>>;
  private pending = new Map<number, (p: Packet) => void>();
  private nextRid = 1;
  /** Bumped by a crash: processes of an older epoch are dead and never resume. */
  private epoch = 0;
  /** Requests this node is handling now, so a crash can reset their connections. */
  private readonly serving = new Map<number, { from: string; rid: number }>();
  private nextServe = 1;
  /** Redis connections this node opened: connection id -> Redis node. */
  private readonly redisConns = new Map<string, string>();
  /** The in-process dictionary (the lesson's "Python dict"). */
  readonly local = new Map<string, Json>();

  constructor(
    private readonly world: World,
    readonly id: string,
    readonly kind: 'client' | 'webServer' | 'worker' | 'loadBalancer',
    private readonly options: ActorOptions = {},
  ) {
    this.machine = new MachineHost(world, id, actorMachine(kind), undefined);
  }

  get up(): boolean {
    return this.machine.value !== 'down';
  }

  receive(p: Packet): void {
    const payload = p.payload as { re?: number; rid?: number } | null;
    if (payload && typeof payload.re === 'number') {
      const resume = this.pending.get(payload.re);
      if (resume) {
        this.pending.delete(payload.re);
        resume(p);
      }
      return;
    }
    if (p.kind === 'push') {
      this.options.onPush?.(p);
      return;
    }
    const handler = this.options.handler;
    if (!handler || !payload || typeof payload.rid !== 'number') return;
    const rid = payload.rid;
    const serve = this.nextServe++;
    this.serving.set(serve, { from: p.from, rid });
    this.run(handler(p, this), (res) => {
      this.serving.delete(serve);
      this.world.send({
        from: this.id,
        to: p.from,
        kind: res.kind ?? 'reply',
        label: res.label,
        payload: { re: rid, ...(res.payload as Record<string, Json>) },
      });
    });
  }

  /** Runs a process on this node; the machine is busy while any runs. */
  run<R>(proc: Proc<R>, onDone?: (r: R) => void): void {
    if (!this.up) return; // a dead process starts nothing
    const epoch = this.epoch;
    this.machine.send({ type: 'BEGIN' });
    spawn(proc, (r) => {
      if (epoch !== this.epoch) return;
      this.machine.send({ type: 'END' });
      onDone?.(r);
    });
  }

  /** Sends a request and resumes with the reply packet. */
  call(to: string, label: string, payload: Record<string, Json>, bytes?: number): Proc<Packet> {
    const rid = this.nextRid++;
    const epoch = this.epoch;
    const op: Op = (resume) => {
      if (epoch !== this.epoch) return; // the process died before it could send
      this.pending.set(rid, resume);
      this.world.send({
        from: this.id,
        to,
        kind: 'request',
        label,
        payload: { ...payload, rid },
        bytes,
      });
    };
    return wrap<Packet>(op);
  }

  /** Sends a Redis command; resumes with its Reply. `conn` names the connection (default: this node). */
  *redis(to: string, argv: string[], conn?: string): Proc<Reply> {
    this.redisConns.set(conn ?? this.id, to);
    const bytes = wireBytes(encodeCommand(argv));
    const p = yield* this.call(to, argv.join(' '), conn ? { argv, conn } : { argv }, bytes);
    const r = p.payload as { reply?: Reply; refused?: boolean };
    // A dead redis-server's host answers the connect with RST, as redis-cli reports it.
    return r.refused || !r.reply ? { type: 'error', value: 'Connection refused' } : r.reply;
  }

  /**
   * Sends one memcached request (its wire text, data block included);
   * resumes with the reply's bytes, or null when the connection was reset.
   */
  *memcached(to: string, request: string): Proc<string | null> {
    const label = request.split('\r\n')[0];
    const p = yield* this.call(to, label, { request }, request.length);
    const r = p.payload as { reply?: string; reset?: boolean };
    return r.reset || typeof r.reply !== 'string' ? null : r.reply;
  }

  /**
   * Sends several Redis commands in one packet (a pipeline); resumes with
   * their replies in order. `label` names the packet (default: the first
   * command and the count).
   */
  *pipeline(to: string, cmds: string[][], label?: string): Proc<Reply[]> {
    this.redisConns.set(this.id, to);
    const bytes = wireBytes(cmds.map((argv) => encodeCommand(argv)).join(''));
    const p = yield* this.call(
      to,
      label ?? `${cmds[0]?.[0] ?? ''} ×${cmds.length}`,
      { pipeline: cmds },
      bytes,
    );
    const r = p.payload as { replies?: Reply[]; reply?: Reply; refused?: boolean };
    if (r.replies) return r.replies;
    // Refused, or -LOADING for the whole read: every command gets that answer.
    const err: Reply =
      r.refused || !r.reply ? { type: 'error', value: 'Connection refused' } : r.reply;
    return cmds.map(() => err);
  }

  /** Sends a query to Postgres; resumes with its result. */
  *pg(to: string, q: PgQuery): Proc<PgResult> {
    const p = yield* this.call(to, q.sql, { ...q });
    const r = p.payload as { row?: Json; error?: string; reset?: boolean };
    if (r.reset) return { row: null, error: 'connection reset' };
    return r.error ? { row: null, error: r.error } : { row: r.row ?? null };
  }

  /** Sends an HTTP request; resumes with the response. */
  *http(to: string, req: HttpRequest): Proc<HttpResponse> {
    const p = yield* this.call(to, `${req.method} ${req.path}`, { ...req });
    const r = p.payload as { status?: number; body?: Json; reset?: boolean };
    // No HTTP answer at all: the server's host reset the connection.
    if (r.reset) return { status: 0, body: 'connection reset' };
    return { status: r.status ?? 200, body: r.body ?? null };
  }

  /** Waits `ns` of simulated time (CPU work or a pause). */
  *sleep(ns: number): Proc<void> {
    const epoch = this.epoch;
    yield (resume) => {
      this.world.engine.schedule(ns, () => {
        if (epoch === this.epoch) resume(undefined);
      });
    };
  }

  /** Sets (or with null, deletes) a key in the local dict, recording the diff. */
  setLocal(key: string, value: Json): void {
    if (value === null) this.local.delete(key);
    else this.local.set(key, value);
    this.world.data(this.id, key, value);
  }

  /**
   * Crashes the node: local state and pending calls are lost. Its kernel
   * closes its sockets, so each Redis it talked to gets a FIN and drops that
   * connection (subscriptions, a waiting BRPOP, an open MULTI).
   */
  crash(): void {
    for (const [conn, to] of this.redisConns) {
      this.world.send({
        from: this.id,
        to,
        kind: 'request',
        label: 'FIN (connection closed)',
        payload: { close: conn },
      });
    }
    this.redisConns.clear();
    // Connections to this node that were waiting for an answer get a reset.
    for (const { from, rid } of this.serving.values()) {
      this.world.send({
        from: this.id,
        to: from,
        kind: 'error',
        label: 'RST: connection reset',
        payload: { re: rid, reset: true },
      });
    }
    this.serving.clear();
    this.epoch++;
    this.pending.clear();
    for (const k of [...this.local.keys()]) this.setLocal(k, null);
    this.machine.cancelAll();
    this.machine.send({ type: 'CRASH' });
  }

  /** Brings a crashed node back, empty. */
  restart(): void {
    this.machine.send({ type: 'RESTART' });
  }
}

function* wrap<T>(op: Op): Proc<T> {
  return (yield op) as T;
}
