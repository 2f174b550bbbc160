import { rewriteAof } from './aof';
import { arityError, type CommandSpec } from './command';
import { commandTable } from './commandTable';
import { encodeCommand } from './resp';
import { error, QUEUED, type Reply } from './reply';
import { defaultConfig } from './commands/config';
import { noteWrite } from './encoding';
import type { Entry } from './types';
import { blockClient, serveBlockedClients, type BlockSpec } from './blocking';

/** One WATCHed key of a client (watchedKey in multi.c). */
export interface WatchedKey {
  key: string;
  /** The key was already logically expired when WATCH ran. */
  expired: boolean;
}

/** Per-connection state: transaction queue, subscriptions, a pending blocking pop, WATCHes. */
export interface ClientState {
  multi: { queue: { spec: CommandSpec; argv: string[] }[]; failed: boolean } | null;
  channels: Set<string>;
  patterns: Set<string>;
  blocked: BlockSpec | null;
  /** WATCHed keys, in WATCH order. */
  watching: WatchedKey[];
  /** CLIENT_DIRTY_CAS: a watched key changed, the next EXEC fails with *-1. */
  dirtyCas: boolean;
}

/** Redis's 7.0 active expiry: 20 keys a loop, again while over 10% were stale. */
export const ACTIVE_EXPIRE_KEYS_PER_LOOP = 20;
export const ACTIVE_EXPIRE_ACCEPTABLE_STALE_PERCENT = 10;
/** Stand-in for the cycle's 25 ms CPU budget, so a tick is bounded and deterministic. */
export const ACTIVE_EXPIRE_MAX_LOOPS = 16;

/**
 * The keyspace plus the server state commands touch. Commands mutate it
 * through these helpers so that lazy expiry, change tracking, the dirty
 * counter and propagation stay consistent.
 */
export class Engine {
  readonly data = new Map<string, Entry>();
  readonly expires = new Map<string, number>();
  /** Exact times for TTLs beyond 2^53 ms, which a double cannot hold. */
  readonly hugeExpires = new Map<string, bigint>();
  nowMs = 0;
  dirty = 0;
  dirtyAtFork = 0;
  lastSaveMs = 0;
  bgsaveInProgress = false;
  readonly config: Record<string, string> = { ...defaultConfig };
  /** AOF replay: nothing is propagated and past expiries are kept, as in loading. */
  loading = false;

  /** Connection id of the command being run. */
  client = 'default';
  /** True while EXEC runs its queue: BRPOP must not block. */
  inExec = false;
  /** The argv this command will be propagated as; commands may rewrite it. */
  propArgv: string[] = [];
  /** forceCommandPropagation: propagate even though `dirty` did not move. */
  forcePropagation = false;

  readonly clients = new Map<string, ClientState>();
  readonly channelSubs = new Map<string, string[]>();
  readonly patternSubs = new Map<string, string[]>();
  readonly blockedOn = new Map<string, string[]>();
  /** db->watched_keys: key -> the clients' watch records, in WATCH order. */
  readonly watchedKeys = new Map<string, { client: string; wk: WatchedKey }[]>();
  readonly readyKeys = new Set<string>();
  /** Replies sent outside a command: pub/sub messages, served or timed-out blocking pops. */
  pushes: { client: string; reply: Reply; command?: string }[] = [];

  changes = new Set<string>();
  /** Bumped by every keyModified and flush: lets SCAN reuse its bucket order between writes. */
  writeVersion = 0;
  /** Effects of the current execution unit, flushed (MULTI-wrapped if >1) at its end. */
  private unit: string[][] = [];
  propagated: string[][] = [];
  aofBase = '';
  aofChunks: string[] = [];
  /** Whether the AOF stream has selected db 0 since it started. */
  aofSelected = false;
  private expireCursor: IterableIterator<string> | null = null;
  /** State of the seeded generator behind RANDOMKEY, HRANDFIELD and the like. */
  private rngState = 0x2545f491;

  clientState(id: string): ClientState {
    let c = this.clients.get(id);
    if (!c) {
      c = {
        multi: null,
        channels: new Set(),
        patterns: new Set(),
        blocked: null,
        watching: [],
        dirtyCas: false,
      };
      this.clients.set(id, c);
    }
    return c;
  }

  /** A deterministic random number in [0, 1) (mulberry32), for the random commands. */
  random(): number {
    this.rngState = (this.rngState + 0x6d2b79f5) >>> 0;
    let t = this.rngState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A random integer in [0, n). */
  randomInt(n: number): number {
    return Math.floor(this.random() * n);
  }

  // ---- keyspace ----------------------------------------------------------

  /**
   * Looks a key up, deleting it first if its TTL has passed (lazy expiry).
   * `noTouch` (LOOKUP_NOTOUCH) leaves the access time alone, as OBJECT does.
   */
  lookup(key: string, noTouch = false): Entry | undefined {
    const when = this.expires.get(key);
    if (when !== undefined && this.nowMs > when && !this.loading) {
      this.deleteExpired(key);
      return undefined;
    }
    const entry = this.data.get(key);
    if (entry && !noTouch) entry.lru = this.nowMs;
    return entry;
  }

  /** Expired but not yet removed: KEYS skips these without deleting them. */
  isExpired(key: string, nowMs = this.nowMs): boolean {
    const when = this.expires.get(key);
    return when !== undefined && nowMs > when;
  }

  private deleteExpired(key: string): void {
    this.data.delete(key);
    this.removeExpire(key);
    this.keyModified(key);
    this.alsoPropagate(['DEL', key]);
  }

  /** Stores a value under a key, dropping the TTL unless keepTtl (setKey). */
  setKey(key: string, entry: Entry, keepTtl = false): void {
    this.data.set(key, entry);
    if (!keepTtl) this.removeExpire(key);
    this.keyModified(key);
  }

  /** Adds a brand-new key (dbAdd), which wakes clients blocked on it. */
  add(key: string, entry: Entry): void {
    this.data.set(key, entry);
    this.keyModified(key);
    this.signalReady(key);
  }

  delete(key: string): boolean {
    if (!this.data.delete(key)) return false;
    this.removeExpire(key);
    this.keyModified(key);
    return true;
  }

  /** Marks a key as modified in place (signalModifiedKey). */
  touch(key: string): void {
    this.keyModified(key);
  }

  /**
   * signalModifiedKey: the single hook every write to a key goes through
   * (add, setKey, touch, delete, setExpire, expiry). It records the change
   * for the inspector, invalidates WATCHes (touchWatchedKey) and updates the
   * value's sticky encoding.
   */
  keyModified(key: string): void {
    this.writeVersion++;
    this.changes.add(key);
    const entry = this.data.get(key);
    if (entry) {
      entry.lru ??= this.nowMs;
      noteWrite(entry);
    }
    if (this.watchedKeys.size > 0) this.touchWatchedKey(key);
  }

  // ---- WATCH -----------------------------------------------------------------

  /** watchForKey: a no-op if this client already watches the key. */
  watch(client: string, key: string): void {
    const c = this.clientState(client);
    if (c.watching.some((w) => w.key === key)) return;
    const wk: WatchedKey = { key, expired: this.data.has(key) && this.isExpired(key) };
    c.watching.push(wk);
    const list = this.watchedKeys.get(key);
    if (list) list.push({ client, wk });
    else this.watchedKeys.set(key, [{ client, wk }]);
  }

  /** unwatchAllKeys (the dirty flag is the caller's business, as in multi.c). */
  unwatchAll(client: string): void {
    const c = this.clients.get(client);
    if (!c || c.watching.length === 0) return;
    for (const wk of c.watching) {
      const list = this.watchedKeys.get(wk.key);
      if (!list) continue;
      const i = list.findIndex((x) => x.wk === wk);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.watchedKeys.delete(wk.key);
    }
    c.watching = [];
  }

  /** touchWatchedKey, including 7.0's handling of keys watched while expired. */
  private touchWatchedKey(key: string): void {
    const list = this.watchedKeys.get(key);
    if (!list) return;
    for (const { client, wk } of list.slice()) {
      if (wk.expired) {
        // An already expired key got deleted: logically no change.
        if (!this.data.has(key)) {
          wk.expired = false;
          continue;
        }
        // multi.c breaks out of the loop here (7.0 behaviour, kept as is).
        break;
      }
      const c = this.clients.get(client);
      if (!c) continue;
      c.dirtyCas = true;
      this.unwatchAll(client);
    }
  }

  /** touchAllWatchedKeysInDb(db, NULL), run by FLUSHALL before the data goes. */
  private touchAllWatchedKeys(): void {
    for (const [key, list] of [...this.watchedKeys]) {
      if (!this.data.has(key)) continue;
      for (const { client, wk } of list) {
        if (wk.expired) {
          wk.expired = false;
          continue;
        }
        const c = this.clients.get(client);
        if (c) c.dirtyCas = true;
      }
    }
  }

  /** isWatchedKeyExpired: a key that expired since WATCH also fails EXEC. */
  watchedKeyExpired(client: string): boolean {
    const c = this.clients.get(client);
    if (!c) return false;
    return c.watching.some((wk) => !wk.expired && this.data.has(wk.key) && this.isExpired(wk.key));
  }

  /** Deletes a collection that became empty, as every Redis write path does. */
  deleteIfEmpty(key: string, entry: Entry): void {
    const size =
      entry.type === 'string' ? 1 : entry.type === 'list' ? entry.value.length : entry.value.size;
    if (size === 0) this.delete(key);
  }

  setExpire(key: string, whenMs: number | bigint): void {
    // Delete first so the key moves to the end of the active-expiry order.
    this.expires.delete(key);
    this.expires.set(key, Number(whenMs));
    if (typeof whenMs === 'bigint' && !Number.isSafeInteger(Number(whenMs))) {
      this.hugeExpires.set(key, whenMs);
    } else this.hugeExpires.delete(key);
    this.keyModified(key);
  }

  removeExpire(key: string): boolean {
    this.hugeExpires.delete(key);
    return this.expires.delete(key);
  }

  /** The exact absolute expiry in ms, or null without a TTL. */
  getExpire(key: string): bigint | null {
    const huge = this.hugeExpires.get(key);
    if (huge !== undefined) return huge;
    const when = this.expires.get(key);
    return when === undefined ? null : BigInt(when);
  }

  /** signalKeyAsReady: clients blocked on this key are served after the current command. */
  signalReady(key: string): void {
    if (this.blockedOn.has(key)) this.readyKeys.add(key);
  }

  // ---- propagation ---------------------------------------------------------

  alsoPropagate(argv: string[]): void {
    if (!this.loading) this.unit.push(argv);
  }

  /** Ends an execution unit: wraps several effects in MULTI/EXEC as 7.0 does. */
  flushUnit(): void {
    const ops = this.unit;
    if (ops.length === 0) return;
    this.unit = [];
    if (ops.length > 1) {
      ops.unshift(['MULTI']);
      ops.push(['EXEC']);
    }
    for (const op of ops) {
      if (!this.aofSelected) {
        this.aofSelected = true;
        this.emit(['SELECT', '0']);
      }
      this.emit(op);
    }
  }

  private emit(argv: string[]): void {
    this.propagated.push(argv);
    this.aofChunks.push(encodeCommand(argv));
  }

  // ---- command dispatch ----------------------------------------------------

  /** processCommand: lookup, arity, subscriber mode, MULTI queueing, then call. */
  process(argv: string[]): Reply {
    const c = this.clientState(this.client);
    if (argv.length === 0) return { type: 'multi', replies: [] };
    // 7.0's processCommand answers QUIT before any lookup (even in MULTI or
    // subscriber mode), then closes the connection after the reply.
    if (argv[0].toLowerCase() === 'quit') {
      this.disconnect(this.client);
      return { type: 'simple', value: 'OK' };
    }
    let spec = commandTable[argv[0].toLowerCase()] as CommandSpec | undefined;
    let fullname = argv[0].toLowerCase();
    if (!spec) {
      let args = '';
      for (let i = 1; i < argv.length && args.length < 128; i++) {
        args += `'${argv[i].slice(0, 128 - args.length)}' `;
      }
      return this.reject(
        c,
        `ERR unknown command '${argv[0].slice(0, 128)}', with args beginning with: ${args}`,
      );
    }
    if (spec.subcommands) {
      if (argv.length >= 2) {
        const sub = spec.subcommands[argv[1].toLowerCase()] as CommandSpec | undefined;
        if (!sub) {
          return this.reject(
            c,
            `ERR unknown subcommand '${argv[1].slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`,
          );
        }
        spec = sub;
        fullname = `${fullname}|${argv[1].toLowerCase()}`;
      }
    }
    if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity) {
      return this.reject(c, arityError(fullname), fullname);
    }
    if ((c.channels.size > 0 || c.patterns.size > 0) && !spec.pubsub) {
      return this.reject(
        c,
        `ERR Can't execute '${fullname}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
        fullname,
      );
    }
    if (c.multi && spec.noMulti)
      return this.reject(c, 'ERR Command not allowed inside a transaction');
    if (c.multi && !spec.transaction) {
      c.multi.queue.push({ spec, argv });
      return QUEUED;
    }
    return this.call(spec, argv);
  }

  /**
   * rejectCommand: the error also dooms an open transaction (EXECABORT). A
   * rejected EXEC itself (execCommandAbort) discards the transaction and its
   * WATCHes, even outside MULTI, and says why.
   */
  private reject(c: ClientState, text: string, fullname = ''): Reply {
    if (c.multi) c.multi.failed = true;
    const flat = text.replace(/[\r\n]/g, ' ');
    if (fullname !== 'exec') return error(flat);
    c.multi = null;
    c.dirtyCas = false;
    this.unwatchAll(this.client);
    return error(`EXECABORT Transaction discarded because of: ${flat.replace(/^ERR /, '')}`);
  }

  /** call(): runs a command and propagates it if it changed the dataset. */
  call(spec: CommandSpec, argv: string[]): Reply {
    const before = this.dirty;
    this.propArgv = argv;
    this.forcePropagation = false;
    const reply = spec.run(this, argv);
    if ((this.dirty > before || this.forcePropagation) && this.propArgv.length > 0) {
      this.alsoPropagate(this.propArgv);
    }
    this.forcePropagation = false;
    return reply;
  }

  // ---- background work -----------------------------------------------------

  /** Serves blocked clients whose keys got data, each as its own execution unit. */
  serveBlocked(): void {
    serveBlockedClients(this);
  }

  block(client: string, spec: BlockSpec): void {
    blockClient(this, client, spec);
  }

  /**
   * The connection closed (QUIT, or the client went away): like freeClient,
   * it leaves its channels and patterns, stops waiting in a BRPOP, and drops
   * an open MULTI. A later command on the same id starts a fresh connection.
   */
  disconnect(client: string): void {
    const c = this.clients.get(client);
    if (!c) return;
    this.unblock(client);
    this.unwatchAll(client);
    for (const [subs, names] of [
      [this.channelSubs, c.channels],
      [this.patternSubs, c.patterns],
    ] as const) {
      for (const name of names) {
        const list = subs.get(name);
        if (!list) continue;
        const i = list.indexOf(client);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) subs.delete(name);
      }
    }
    this.clients.delete(client);
  }

  unblock(client: string): void {
    const c = this.clientState(client);
    if (!c.blocked) return;
    for (const k of c.blocked.keys) {
      const list = this.blockedOn.get(k);
      if (!list) continue;
      const i = list.indexOf(client);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.blockedOn.delete(k);
    }
    c.blocked = null;
  }

  /** True while some client waits in a BRPOP with a finite timeout (the cron must keep ticking). */
  hasTimedBlocks(): boolean {
    for (const c of this.clients.values()) if (c.blocked && c.blocked.deadlineMs !== 0) return true;
    return false;
  }

  /** Times out blocking pops whose deadline has passed (`*-1`). */
  timeoutBlocked(nowMs: number): void {
    for (const [id, c] of this.clients) {
      if (c.blocked && c.blocked.deadlineMs !== 0 && c.blocked.deadlineMs < nowMs) {
        const command = c.blocked.cmd.toUpperCase();
        this.unblock(id);
        this.pushes.push({ client: id, reply: { type: 'array', value: null }, command });
      }
    }
  }

  /**
   * activeExpireCycle: sample keys with a TTL in a stable round-robin order,
   * delete the expired ones, repeat while too many were stale.
   */
  activeExpire(nowMs: number): string[] {
    const deleted: string[] = [];
    for (let loop = 0; loop < ACTIVE_EXPIRE_MAX_LOOPS && this.expires.size > 0; loop++) {
      const n = Math.min(ACTIVE_EXPIRE_KEYS_PER_LOOP, this.expires.size);
      let expired = 0;
      for (let i = 0; i < n; i++) {
        let next = this.expireCursor?.next();
        if (!next || next.done) {
          this.expireCursor = this.expires.keys();
          next = this.expireCursor.next();
          if (next.done) break;
        }
        const key = next.value;
        const when = this.expires.get(key);
        if (when !== undefined && nowMs > when) {
          this.deleteExpired(key);
          this.flushUnit();
          deleted.push(key);
          expired++;
        }
      }
      if ((expired * 100) / n <= ACTIVE_EXPIRE_ACCEPTABLE_STALE_PERCENT) break;
    }
    return deleted;
  }

  /** BGREWRITEAOF (modelled as instant): the log restarts from a compact base. */
  rewriteAof(): void {
    this.aofBase = rewriteAof(this.data, (k) => this.getExpire(k), this.nowMs);
    this.aofChunks = [];
    this.aofSelected = false;
  }

  /** Empties the dataset (FLUSHALL, loads); returns how many keys it held. */
  clearData(): number {
    if (this.watchedKeys.size > 0) this.touchAllWatchedKeys();
    this.writeVersion++;
    const n = this.data.size;
    for (const k of this.data.keys()) this.changes.add(k);
    this.data.clear();
    this.expires.clear();
    this.hugeExpires.clear();
    this.expireCursor = null;
    return n;
  }
}
