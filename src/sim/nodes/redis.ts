import type { Json } from '../json';
import { MachineHost } from '../machineHost';
import { redisMachine } from '../machines/redis';
import type { Packet } from '../packet';
import {
  createRedisStore,
  encodeResp,
  formatReply,
  type RdbSnapshot,
  type RedisStore,
  type Reply,
} from '../redis';
import { NS_PER_MS, NS_PER_SEC } from '../time';
import type { SimNode, World } from '../world';
import { KeyRangeSet, keyRanges } from './keyRanges';
import { RedisDisk, respCommand, utf8Length } from './redisDisk';

/** Disk, fork and load timings (scaled to the model's small datasets; see README). */
export interface RedisDiskTimings {
  /** One fsync(2) of the AOF. */
  fsyncNs: number;
  /** The fork's fixed cost, and its cost per key (page tables grow with the data). */
  forkBaseNs: number;
  forkNsPerKey: number;
  /** The child writes the snapshot: fixed cost plus per key. */
  rdbWriteBaseNs: number;
  rdbWriteNsPerKey: number;
  /** A restart: process start, then RDB load per key or AOF replay per command (slower). */
  loadBaseNs: number;
  rdbLoadNsPerKey: number;
  aofLoadNsPerCommand: number;
  /** appendfsync no: the OS flushes dirty pages about every 30 s. */
  osFlushNs: number;
}

export const DISK_DEFAULTS: RedisDiskTimings = {
  fsyncNs: 1 * NS_PER_MS,
  forkBaseNs: 200_000,
  forkNsPerKey: 50,
  rdbWriteBaseNs: 5 * NS_PER_MS,
  rdbWriteNsPerKey: 1_000,
  loadBaseNs: 2 * NS_PER_MS,
  rdbLoadNsPerKey: 1_000,
  aofLoadNsPerCommand: 1_500,
  osFlushNs: 30 * NS_PER_SEC,
};

/** Redis's timing, each editable in the Latency panel. */
export interface RedisOptions {
  /** Time the single thread spends on one command (GET/SET: about 1 µs). */
  commandCostNs: number;
  /** The config file: save, appendonly, appendfsync. A restart reads it again. */
  config?: Record<string, string>;
  disk?: Partial<RedisDiskTimings>;
  /**
   * Record the keyspace as one '#keyspace' item (a count and compact key
   * ranges, after each pipeline) instead of one data item per key: for
   * scenarios with thousands of keys, whose trace would otherwise copy them all.
   */
  keyspaceSummary?: boolean;
}

export const REDIS_DEFAULTS: RedisOptions = { commandCostNs: 1_000 };

/** How often the active expiry cycle runs (Redis: hz 10). */
const EXPIRE_CYCLE_NS = 100 * NS_PER_MS;

interface Queued {
  p: Packet;
  argv: string[];
  conn: string;
  rid: number;
  /** Set for a command of a pipeline: its replies go back as one packet. */
  batch?: Pipeline;
  index?: number;
}

/** A pipeline read in one go: its commands run in order, and one packet carries all replies. */
interface Pipeline {
  to: string;
  rid: number;
  replies: (Reply | null)[];
  executed: number;
  left: number;
}

/** A persistence event a scenario may narrate (it then replaces the node's own narration). */
export type PersistEvent =
  | { kind: 'bgsave'; dirty: number }
  | { kind: 'forked'; keys: number }
  | { kind: 'rdb-saved'; keys: number }
  | { kind: 'fsync'; background: boolean }
  | { kind: 'loading'; source: 'aof' | 'rdb' | 'none'; size: number };

/** A crash's kind: a killed process (the OS keeps written bytes) or a power loss (only fsynced bytes). */
export type CrashKind = 'process-kill' | 'power-loss';

/**
 * A Redis node: the pure store (command semantics) behind a single-threaded
 * machine (queueing, per-command cost, fork and fsync pauses, crash, loading),
 * with the disk it persists to (RDB snapshots on save points or BGSAVE, an AOF
 * under appendfsync always / everysec / no). Every key change, and the AOF and
 * RDB state, is recorded as data so the Inspector can show any moment.
 */
export class RedisNode implements SimNode {
  readonly kind = 'redis';
  readonly up = true; // a crashed Redis still has a host whose kernel refuses connections
  readonly machine: MachineHost<typeof redisMachine>;
  readonly disk = new RedisDisk();
  readonly timings: RedisDiskTimings;
  store: RedisStore;
  /** Commands executed. */
  commands = 0;
  /** Called with the keys the active expiry cycle removed (for narration). */
  onExpired: ((keys: string[]) => void) | null = null;
  /** Called when a restart finished loading, with what was lost. */
  onRecovered: ((report: RecoveryReport) => void) | null = null;
  /** Called when a restart starts loading, saying from what (narration); without it the node says it. */
  onLoading: ((source: 'aof' | 'rdb' | 'none') => void) | null = null;
  /** Called when a save point starts a BGSAVE (narration); without it the node says it. */
  onSavePoint: (() => void) | null = null;
  /** Called at each persistence event; when set, the node does not narrate bgsave or loading itself. */
  onPersist: ((e: PersistEvent) => void) | null = null;

  private queue: Queued[] = [];
  private volatile = new Set<string>();
  private cycleId: number | null = null;
  /** Replies held until the AOF fsync under appendfsync always. */
  private awaitingFsync: { to: string; rid: number; reply: Reply; item?: Queued }[] = [];
  private fsyncTimer: number | null = null;
  private saveTimer: { id: number; atNs: number } | null = null;
  private child: { id: number; snapshot: RdbSnapshot; forkAtMs: number } | null = null;
  /**
   * The thread pauses for one thing at a time: a fork or an fsync. A request
   * for one while the other runs waits for it (a FORK must never cut an fsync
   * short: the replies held for it would never go out).
   */
  private forking = false;
  private fsyncing = false;
  private forkWanted = false;
  /** The data as of a BGSAVE run inside a pipeline, for the fork that follows the pipeline. */
  private bgsaveSnapshot: RdbSnapshot | null = null;
  private preCrash: RdbSnapshot | null = null;
  private crashKind: CrashKind = 'process-kill';
  private epoch = 0;
  private keysDirty = false;
  private readonly keySet = new KeyRangeSet();

  constructor(
    protected readonly world: World,
    readonly id: string,
    readonly options: RedisOptions = REDIS_DEFAULTS,
  ) {
    this.timings = { ...DISK_DEFAULTS, ...options.disk };
    this.store = createRedisStore({ config: options.config });
    this.machine = new MachineHost(
      world,
      id,
      redisMachine,
      { commandCostNs: options.commandCostNs },
      {
        execute: () => this.execute(),
        forked: () => this.onForked(),
        synced: () => this.onSynced(),
        loaded: () => this.onLoaded(),
      },
    );
    this.recordDisk();
  }

  /** Simulated now in whole ms: Redis's own clock (mstime) has millisecond resolution. */
  get nowMs(): number {
    return Math.floor(this.world.nowNs / NS_PER_MS);
  }

  /** A config value as the running server has it (CONFIG GET). */
  config(name: string): string {
    return this.store.config[name] ?? '';
  }

  receive(p: Packet): void {
    const { argv, rid, conn, close, pipeline } = p.payload as {
      argv: string[];
      rid: number;
      conn?: string;
      close?: string;
      pipeline?: string[][];
    };
    const state = this.machine.value;
    if (close !== undefined) {
      // The client's kernel closed the socket: Redis frees the client (no reply;
      // a dead process's fresh store has no such client).
      this.store.disconnect(close);
      this.flush();
      return;
    }
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
      this.reply(p.from, rid, {
        type: 'error',
        value: 'LOADING Redis is loading the dataset in memory',
      });
      return;
    }
    if (pipeline) {
      this.enqueuePipeline(p, pipeline, rid, conn ?? p.from);
      return;
    }
    this.queue.push({ p, argv, conn: conn ?? p.from, rid });
    this.machine.send({ type: 'ARRIVE' });
  }

  /**
   * A pipeline (several commands in one packet, as one read() of the socket
   * brings them): each runs in order with its cost, in one event-loop
   * iteration, so no fork cuts it and, under appendfsync always, one fsync
   * covers all of it (group commit) before the one packet of replies goes out.
   */
  private enqueuePipeline(p: Packet, cmds: string[][], rid: number, conn: string): void {
    const batch: Pipeline = {
      to: p.from,
      rid,
      replies: cmds.map(() => null),
      executed: 0,
      left: cmds.length,
    };
    cmds.forEach((argv, index) => {
      this.queue.push({ p, argv, conn, rid, batch, index });
      this.machine.send({ type: 'ARRIVE' });
    });
  }

  /** Whether the next queued command continues a pipeline that has begun running. */
  private midPipeline(): boolean {
    const next = this.queue[0]?.batch;
    return next !== undefined && next.executed > 0;
  }

  /** Sends a reply, or files it in its pipeline's one reply packet (sent when all are in). */
  private answer(to: string, rid: number, reply: Reply, item?: Queued): void {
    const batch = item?.batch;
    if (!batch || item?.index === undefined) return this.reply(to, rid, reply);
    batch.replies[item.index] = reply;
    if (--batch.left > 0) return;
    const replies = batch.replies as Reply[];
    const errors = replies.filter((r) => r.type === 'error').length;
    this.world.send({
      from: this.id,
      to: batch.to,
      kind: errors === replies.length ? 'error' : 'reply',
      label: `${shortReply(replies[0])} ×${replies.length}${errors && errors < replies.length ? ` (${errors} errors)` : ''}`,
      payload: { re: batch.rid, replies: replies as unknown as Json },
      bytes: wireBytes(replies.map(encodeResp).join('')),
    });
  }

  /** Runs a command directly (a scenario's set-up), recording diffs and persistence. */
  seed(argv: string[], conn = 'seed'): Reply {
    const r = this.store.exec(argv, { nowMs: this.nowMs, client: conn });
    this.persist(argv, r);
    this.flush();
    return r;
  }

  private execute(): void {
    const item = this.queue.shift();
    if (!item) return;
    this.commands++;
    if (item.batch) item.batch.executed++;
    const reply = this.store.exec(item.argv, { nowMs: this.nowMs, client: item.conn });
    const wrote = this.persist(item.argv, reply);
    const more = this.midPipeline();
    if (reply.type !== 'blocked') {
      if (wrote && this.config('appendfsync') === 'always') {
        // No acknowledged write may be lost: the reply waits for the fsync
        // (one fsync for a whole pipeline, at its end: below).
        this.awaitingFsync.push({ to: item.p.from, rid: item.rid, reply, item });
      } else {
        this.answer(item.p.from, item.rid, reply, item);
      }
    }
    if (!more) {
      if (this.awaitingFsync.length) this.requestFsync();
      this.maybeFork(); // a save point met during the pipeline forks after it
    }
    this.flush();
  }

  /**
   * Writes the command's effects to the AOF (write(2): in the OS, not yet
   * durable), schedules the fsync the policy asks for, and the RDB save
   * points. Returns whether anything was logged.
   */
  private persist(argv: string[], reply: Reply): boolean {
    const effects = this.store.takePropagated();
    if (effects.some((cmd) => cmd[0].toUpperCase() === 'FLUSHALL')) this.flushedAll();
    // A BGSAVE (alone or inside MULTI/EXEC) left the store waiting for a fork.
    if (this.store.bgsaveInProgress && !this.child && !this.forking && !this.forkWanted) {
      // Redis forks inside the BGSAVE command: the rest of a pipeline runs after
      // the fork and is not in the snapshot (checked against redis-server 7.0).
      // The model's fork waits for the pipeline's end, so the data is taken now.
      this.bgsaveSnapshot = this.store.snapshot();
      this.requestFork();
    }
    // SAVE writes the snapshot in the foreground: the file is on disk when it answers OK.
    if (argv[0]?.toUpperCase() === 'SAVE' && reply.type === 'simple') {
      const keys = this.store.dbsize;
      this.disk.rdb = {
        snapshot: this.store.snapshot(),
        forkAtMs: this.nowMs,
        forkAtNs: this.world.nowNs,
        doneAtMs: this.nowMs,
        keys,
      };
      this.recordDisk();
    }
    const wrote = this.appendAof(effects);
    this.scheduleSavePoint();
    return wrote;
  }

  /** write(2)s commands to the AOF (appendonly yes) and schedules a background fsync; whether it wrote. */
  private appendAof(effects: string[][]): boolean {
    if (!effects.length || this.config('appendonly') !== 'yes') return false;
    this.disk.append(effects.map(respCommand));
    const policy = this.config('appendfsync');
    if (policy === 'everysec') this.scheduleFsync(NS_PER_SEC - (this.world.nowNs % NS_PER_SEC));
    else if (policy === 'no')
      this.scheduleFsync(this.timings.osFlushNs - (this.world.nowNs % this.timings.osFlushNs));
    if (!this.midPipeline()) this.recordDisk();
    return true;
  }

  /**
   * FLUSHALL kills a BGSAVE child (its file is never renamed over dump.rdb)
   * and, with save points, writes an empty dump.rdb at once (db.c
   * flushAllDataAndResetRDB; checked against redis-server 7.0).
   */
  private flushedAll(): void {
    if (this.child) this.world.engine.cancel(this.child.id);
    this.child = null;
    this.forkWanted = false;
    this.bgsaveSnapshot = null;
    if (this.config('save') !== '') {
      const nowNs = this.world.nowNs;
      this.disk.rdb = {
        snapshot: { keys: [] },
        forkAtMs: this.nowMs,
        forkAtNs: nowNs,
        doneAtMs: this.nowMs,
        keys: 0,
      };
    }
    this.recordDisk();
  }

  /** A background fsync (everysec: the bio thread; no: the kernel's flush). */
  private scheduleFsync(inNs: number): void {
    if (this.fsyncTimer !== null) return;
    const epoch = this.epoch;
    this.fsyncTimer = this.world.engine.schedule(inNs, () => {
      this.fsyncTimer = null;
      const upTo = this.disk.writtenBytes;
      this.world.engine.schedule(this.timings.fsyncNs, () => {
        if (epoch !== this.epoch) return;
        this.disk.syncedBytes = Math.max(this.disk.syncedBytes, upTo);
        this.recordDisk();
        this.onPersist?.({ kind: 'fsync', background: true });
      });
    });
  }

  private requestFsync(): void {
    if (this.fsyncing || this.forking || this.midPipeline()) return; // onForked asks again
    this.fsyncing = true;
    this.machine.send({ type: 'FSYNC', ns: this.timings.fsyncNs });
  }

  private onSynced(): void {
    this.fsyncing = false;
    this.disk.fsync();
    this.recordDisk();
    this.onPersist?.({ kind: 'fsync', background: false });
    const held = this.awaitingFsync;
    this.awaitingFsync = [];
    for (const h of held) this.answer(h.to, h.rid, h.reply, h.item);
    this.maybeFork();
  }

  /** Save points ("3600 1 300 100 60 10000"): BGSAVE at the first moment one is met. */
  private scheduleSavePoint(): void {
    const points = (this.config('save').match(/\S+/g) ?? []).map(Number);
    const dirty = this.store.dirty;
    let dueMs = Infinity;
    for (let i = 0; i + 1 < points.length; i += 2) {
      if (dirty >= points[i + 1]) dueMs = Math.min(dueMs, this.store.lastSaveMs + points[i] * 1000);
    }
    if (!Number.isFinite(dueMs)) return;
    const atNs = Math.max(this.world.nowNs, Math.round(dueMs * NS_PER_MS));
    if (this.saveTimer && this.saveTimer.atNs <= atNs) return;
    if (this.saveTimer) this.world.engine.cancel(this.saveTimer.id);
    const id = this.world.engine.at(atNs, () => {
      this.saveTimer = null;
      // serverCron starts no BGSAVE while one runs (a crash cancels this timer,
      // and a restart sets it again only once loaded).
      if (this.store.bgsaveInProgress) return;
      this.onPersist?.({ kind: 'bgsave', dirty: this.store.dirty });
      if (this.onSavePoint) this.onSavePoint();
      else if (!this.onPersist)
        this.world.narrate(
          'bgsave',
          'A save point is met (enough changes since the last save): Redis forks a child to write a snapshot.',
        );
      this.store.exec(['BGSAVE'], { nowMs: this.nowMs, client: '#cron' });
      this.requestFork();
    });
    this.saveTimer = { id, atNs };
  }

  private requestFork(): void {
    this.forkWanted = true;
    this.maybeFork();
  }

  /** Forks when one is wanted and the thread is free (a crash clears forkWanted). */
  private maybeFork(): void {
    if (!this.forkWanted || this.forking || this.fsyncing || this.midPipeline()) return;
    this.forkWanted = false;
    this.forking = true;
    const keys = this.store.dbsize;
    this.machine.send({
      type: 'FORK',
      ns: this.timings.forkBaseNs + this.timings.forkNsPerKey * keys,
    });
  }

  /** The fork is done: the child holds the data as of now and writes it over time. */
  protected onForked(): void {
    this.forking = false;
    if (this.awaitingFsync.length) this.requestFsync();
    const snapshot = this.bgsaveSnapshot ?? this.store.snapshot();
    this.bgsaveSnapshot = null;
    const keys = snapshot.keys.length;
    const forkAtMs = this.nowMs;
    const forkAtNs = this.world.nowNs;
    const writeNs = this.timings.rdbWriteBaseNs + this.timings.rdbWriteNsPerKey * keys;
    const id = this.world.engine.schedule(writeNs, () => {
      this.child = null;
      this.disk.rdb = { snapshot, forkAtMs, forkAtNs, doneAtMs: this.nowMs, keys };
      this.store.finishBgsave(true, this.nowMs);
      this.recordDisk();
      this.scheduleSavePoint();
      this.onPersist?.({ kind: 'rdb-saved', keys });
    });
    this.child = { id, snapshot, forkAtMs };
    this.recordDisk();
    this.onPersist?.({ kind: 'forked', keys });
  }

  private reply(to: string, rid: number, reply: Reply): void {
    this.world.send({
      from: this.id,
      to,
      kind: reply.type === 'error' ? 'error' : 'reply',
      label: shortReply(reply),
      payload: { re: rid, reply: reply as unknown as Json },
      bytes: wireBytes(encodeResp(reply)),
    });
  }

  /** Records key diffs, sends pub/sub and blocking-pop pushes, keeps expiry running. */
  private lastBlocked = '[]';

  protected flush(): void {
    if (this.options.keyspaceSummary) this.recordKeyspace();
    else
      for (const key of this.store.takeChanges()) {
        const view = this.store.keyView(key, this.nowMs);
        this.world.data(this.id, key, view as unknown as Json);
        if (view && view.expiresAtMs !== null) this.volatile.add(key);
        else this.volatile.delete(key);
      }
    // Who waits in a blocking pop, for the stage and the inspector (only on change).
    const blocked = this.store.blockedClients().map((b) => ({
      client: b.client,
      command: b.command,
      keys: b.keys,
    }));
    const blockedJson = JSON.stringify(blocked);
    if (blockedJson !== this.lastBlocked) {
      this.lastBlocked = blockedJson;
      this.world.data(this.id, '#blocked', blocked);
    }
    for (const push of this.store.takePushes()) {
      const to = push.client.split('#')[0];
      if (!this.world.linkOf(this.id, to)) continue;
      this.world.send({
        from: this.id,
        to,
        kind: 'push',
        label: pushLabel(push.reply, push.command),
        bytes: wireBytes(encodeResp(push.reply)),
        payload: { conn: push.client, reply: push.reply as unknown as Json },
      });
    }
    this.scheduleCycle();
  }

  /** With keyspaceSummary: one '#keyspace' item (count, compact ranges), once a pipeline is done. */
  private recordKeyspace(): void {
    for (const key of this.store.takeChanges()) {
      this.keysDirty = true;
      const view = this.store.keyView(key, this.nowMs);
      if (view) this.keySet.add(key);
      else this.keySet.delete(key);
      if (view?.expiresAtMs != null) this.volatile.add(key);
      else this.volatile.delete(key);
    }
    if (!this.keysDirty || this.midPipeline()) return;
    this.keysDirty = false;
    this.world.data(this.id, '#keyspace', {
      keys: this.store.dbsize,
      ranges: this.keySet.ranges(),
    });
  }

  /** Active expiry (and blocking-pop timeouts) every 100 ms while anything could expire or time out. */
  private scheduleCycle(): void {
    if (this.cycleId !== null || (this.volatile.size === 0 && !this.store.hasTimedBlocks)) return;
    this.cycleId = this.world.engine.schedule(EXPIRE_CYCLE_NS, () => {
      this.cycleId = null;
      const gone = this.store.tick(this.nowMs);
      // Redis propagates a DEL for each key the cycle removes (redis-server 7.0:
      // it is in the AOF at once). Under always it is fsynced with the next
      // write: it only deletes keys a replay finds expired anyway.
      this.appendAof(this.store.takePropagated());
      this.flush();
      if (gone.length) this.onExpired?.(gone);
    });
  }

  /** What the Inspector shows of the disk: the AOF tail (synced or not) and the last snapshot. */
  private recordDisk(): void {
    const tail: Json[] = [];
    let offset = this.disk.writtenBytes;
    for (let i = this.disk.aof.length - 1; i >= 0 && tail.length < 8; i--) {
      const r = this.disk.aof[i];
      offset -= r.bytes;
      tail.unshift({
        text: r.text,
        bytes: r.bytes,
        synced: offset + r.bytes <= this.disk.syncedBytes,
      });
    }
    // Commands wholly on disk: walk back over the unsynced tail only.
    let syncedCommands = this.disk.aof.length;
    for (let end = this.disk.writtenBytes; syncedCommands > 0 && end > this.disk.syncedBytes;)
      end -= this.disk.aof[--syncedCommands].bytes;
    this.world.data(this.id, '#aof', {
      appendonly: this.config('appendonly') === 'yes',
      appendfsync: this.config('appendfsync'),
      writtenBytes: this.disk.writtenBytes,
      syncedBytes: this.disk.syncedBytes,
      commands: this.disk.aof.length,
      syncedCommands,
      tail,
    });
    const rdb = this.disk.rdb;
    this.world.data(this.id, '#rdb', {
      save: this.config('save'),
      lastSaveAtMs: rdb ? rdb.doneAtMs : null,
      forkAtMs: rdb ? rdb.forkAtMs : null,
      // The fork of the last completed snapshot to the µs (forkAtMs is Redis's ms clock).
      forkAtUs: rdb && rdb.forkAtNs !== undefined ? Math.round(rdb.forkAtNs / 1e3) : null,
      keys: rdb ? rdb.keys : 0,
      childWriting: this.child !== null,
    });
  }

  /**
   * Crashes the process. Memory is gone; the disk keeps what the crash kind
   * allows: a process kill keeps every byte written to the OS, a power loss
   * only the fsynced ones (and the last completed RDB file).
   */
  crash(kind: CrashKind = 'process-kill'): void {
    this.epoch++;
    this.crashKind = kind;
    this.preCrash = this.store.snapshot();
    this.queue = [];
    this.awaitingFsync = [];
    for (const t of [this.cycleId, this.fsyncTimer, this.saveTimer?.id, this.child?.id]) {
      if (t !== null && t !== undefined) this.world.engine.cancel(t);
    }
    this.cycleId = this.fsyncTimer = null;
    this.saveTimer = null;
    this.child = null; // the child dies with the machine
    this.forking = this.fsyncing = this.forkWanted = false;
    this.bgsaveSnapshot = null;
    this.machine.cancelAll();
    this.disk.truncateTo(kind);
    if (this.options.keyspaceSummary)
      this.world.data(this.id, '#keyspace', { keys: 0, ranges: [] });
    else for (const key of this.store.keys()) this.world.data(this.id, key, null);
    this.keysDirty = false;
    this.keySet.clear();
    this.volatile.clear();
    this.store = createRedisStore({ config: this.options.config });
    this.machine.send({ type: 'CRASH' });
    this.recordDisk();
  }

  /**
   * A new per-command cost from now on (a latency intervention, ns); the
   * command on the CPU now finishes at its old cost.
   */
  setCostNs(ns: number): void {
    this.machine.send({ type: 'COST', ns: Math.max(0, Math.round(ns)) });
  }

  /** Starts the process again: it loads the AOF (appendonly yes) or the RDB before serving. */
  restart(): void {
    if (this.machine.value !== 'crashed') return;
    // The fresh process reads its config file again: CONFIG SET changes are gone.
    const aof = this.config('appendonly') === 'yes';
    const t = this.timings;
    const loadNs = aof
      ? t.loadBaseNs + t.aofLoadNsPerCommand * this.disk.aof.length
      : t.loadBaseNs + t.rdbLoadNsPerKey * (this.disk.rdb?.keys ?? 0);
    const source = aof ? 'aof' : this.disk.rdb ? 'rdb' : 'none';
    const size = aof ? this.disk.aof.length : (this.disk.rdb?.keys ?? 0);
    this.onPersist?.({ kind: 'loading', source, size });
    if (this.onLoading) this.onLoading(source);
    else if (!this.onPersist)
      this.world.narrate(
        'loading',
        aof
          ? 'Redis restarts and replays its AOF, command by command: until it is done, every command gets -LOADING.'
          : this.disk.rdb
            ? 'Redis restarts and loads its last RDB snapshot: until it is done, every command gets -LOADING.'
            : 'Redis restarts with no snapshot and no AOF: it will come back empty.',
      );
    this.machine.send({ type: 'RESTART', loadNs });
  }

  protected onLoaded(): void {
    const aof = this.config('appendonly') === 'yes';
    if (aof) this.store.loadAof(this.disk.text(), this.nowMs);
    else if (this.disk.rdb) this.store.loadSnapshot(this.disk.rdb.snapshot);
    const report = this.compare(aof ? 'aof' : this.disk.rdb ? 'rdb' : 'none');
    // Summarized: the count, the first and last few keys, and all of them as ranges.
    const lost = report.keys;
    this.world.data(
      this.id,
      '#lost',
      (this.options.keyspaceSummary
        ? {
            ...report,
            count: lost.length,
            keys: lost.length > 6 ? [...lost.slice(0, 3), ...lost.slice(-3)] : lost,
            ranges: keyRanges(lost.map((k) => k.key)),
          }
        : report) as unknown as Json,
    );
    this.flush();
    this.recordDisk();
    this.scheduleSavePoint();
    if (this.onRecovered) this.onRecovered(report);
    else {
      const lost = report.keys.map((k) => k.key);
      this.world.narrate(
        `recovered-${this.id}`,
        // Key names only (no counts): the Inspector's persistence panel has the numbers.
        `${this.id} finished loading ${report.source === 'none' ? '(nothing on disk: it is empty)' : `from its ${report.source.toUpperCase()}`}. ${lost.length === 0 ? 'Nothing acknowledged was lost.' : `Lost: ${lost.slice(0, 4).join(', ')}${lost.length > 4 ? ' and more (see the Inspector)' : ''}.`}`,
      );
    }
  }

  /** Key by key, what the crash took: values before the crash that did not come back the same. */
  private compare(source: 'aof' | 'rdb' | 'none'): RecoveryReport {
    const lost: RecoveryReport['keys'] = [];
    const before = this.preCrash;
    if (before) {
      const fresh = createRedisStore();
      fresh.loadSnapshot(before);
      for (const key of fresh.keys().sort()) {
        const was = fresh.keyView(key, this.nowMs);
        if (!was) continue; // it would have expired by now anyway
        const now = this.store.keyView(key, this.nowMs);
        const same =
          now !== null &&
          JSON.stringify(now.value) === JSON.stringify(was.value) &&
          now.type === was.type;
        if (!same)
          lost.push({
            key,
            before: summarize(was.value),
            after: now ? summarize(now.value) : null,
          });
      }
    }
    return { source, crashKind: this.crashKind, atMs: this.nowMs, keys: lost };
  }
}

/** Bytes on the wire: the RESP text plus a 40-byte TCP/IP header. */
export function wireBytes(resp: string): number {
  return 40 + utf8Length(resp);
}

/** What a recovery lost, key by key. */
export interface RecoveryReport {
  source: 'aof' | 'rdb' | 'none';
  crashKind: CrashKind;
  atMs: number;
  keys: { key: string; before: string; after: string | null }[];
}

function summarize(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/**
 * A pushed reply as a packet label a newcomer can read: `message room: hi`,
 * `subscribed room (1)`, `BRPOP → jobs: email:7`, `BLMOVE → email:7`,
 * `BZPOPMIN → board: ada (3)`, `BLPOP timed out (nil)`. `command` names the
 * blocking pop that was served or timed out (BRPOP when unknown).
 */
export function pushLabel(reply: Reply, command = 'BRPOP'): string {
  const items = reply.type === 'array' ? reply.value : null;
  if (reply.type === 'array' && items === null) return `${command} timed out (nil)`;
  const text = (r: Reply | undefined): string =>
    r?.type === 'bulk' ? (r.value ?? '(nil)') : r?.type === 'integer' ? r.value : '';
  const clip = (s: string): string => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  if (reply.type === 'bulk') return clip(`${command} → ${text(reply)}`);
  const kind = text(items?.[0]);
  /** BLMPOP's elements, or BZMPOP's [member, score] pairs shown as `member (score)`. */
  const elements = (r: Reply): string =>
    r.type === 'array' && r.value
      ? r.value
          .map((x) =>
            x.type === 'array' && x.value ? `${text(x.value[0])} (${text(x.value[1])})` : text(x),
          )
          .join(', ')
      : text(r);
  switch (kind) {
    case 'message':
      return clip(`message ${text(items?.[1])}: ${text(items?.[2])}`);
    case 'pmessage':
      return clip(`message ${text(items?.[2])}: ${text(items?.[3])}`);
    case 'subscribe':
    case 'psubscribe':
      return clip(`subscribed ${text(items?.[1])} (${text(items?.[2])})`);
    case 'unsubscribe':
    case 'punsubscribe':
      return clip(`unsubscribed ${text(items?.[1])} (${text(items?.[2])})`);
    default:
      if (items?.length === 2) {
        // BLMPOP / BZMPOP nest the popped elements under the key.
        const what = elements(items[1]);
        return clip(`${command} → ${text(items[0])}: ${what}`);
      }
      if (items?.length === 3) {
        return clip(`${command} → ${text(items[0])}: ${text(items[1])} (${text(items[2])})`);
      }
      return shortReply(reply);
  }
}

/** A reply as one short label for a packet: `"bar"`, `(nil)`, `(integer) 2`. */
export function shortReply(reply: Reply): string {
  const text = formatReply(reply).split('\n');
  const first = text[0] ?? '';
  const more = text.length > 1 ? ` …+${text.length - 1}` : '';
  return (first.length > 36 ? `${first.slice(0, 35)}…` : first) + more;
}
