import { formatDouble, parseDouble } from './double';
import { Engine } from './engine';
import { normalizeConfig } from './commands/config';
import { parseCommands } from './resp';
import type { Reply } from './reply';
import { SortedSet } from './sortedSet';
import type { Entry, ExecContext, KeyView, RdbSnapshot, RedisStore } from './types';

function copyEntry(e: Entry): Entry {
  switch (e.type) {
    case 'string':
      return { type: 'string', value: e.value };
    case 'list':
      return { type: 'list', value: e.value.slice() };
    case 'set':
      return { type: 'set', value: new Set(e.value) };
    case 'zset':
      return { type: 'zset', value: e.value.clone() };
    case 'hash':
      return { type: 'hash', value: new Map(e.value) };
  }
}

/** The client id AOF replay runs as, like Redis's fake loading client. */
const LOADER = '\u0000aof-loader';

class Store implements RedisStore {
  private readonly e = new Engine();

  constructor(config: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(config)) {
      const name = k.toLowerCase();
      const r = normalizeConfig(name, v);
      if ('error' in r) throw new Error(`Bad config ${k}=${v}: ${r.error}`);
      this.e.config[name] = r.value;
    }
  }

  exec(argv: string[], ctx: ExecContext): Reply {
    const e = this.e;
    e.nowMs = ctx.nowMs;
    e.client = ctx.client ?? 'default';
    const reply = e.process(argv);
    e.flushUnit();
    e.serveBlocked();
    return reply;
  }

  blockedClients(): { client: string; command: string; keys: string[]; deadlineMs: number }[] {
    const out: { client: string; command: string; keys: string[]; deadlineMs: number }[] = [];
    for (const [client, c] of this.e.clients) {
      if (c.blocked) {
        const { cmd, keys, deadlineMs } = c.blocked;
        out.push({ client, command: cmd.toUpperCase(), keys: keys.slice(), deadlineMs });
      }
    }
    return out;
  }

  disconnect(client: string): void {
    this.e.disconnect(client);
  }

  takePushes(): { client: string; reply: Reply; command?: string }[] {
    const p = this.e.pushes;
    this.e.pushes = [];
    return p;
  }

  exportAof(): string {
    return this.e.aofBase + this.e.aofChunks.join('');
  }

  tick(nowMs: number): string[] {
    const e = this.e;
    e.nowMs = nowMs;
    const deleted = e.activeExpire(nowMs);
    e.timeoutBlocked(nowMs);
    return deleted;
  }

  takeChanges(): string[] {
    const c = [...this.e.changes];
    this.e.changes = new Set();
    return c;
  }

  keyView(key: string, nowMs: number): KeyView | null {
    const entry = this.e.data.get(key);
    if (!entry || this.e.isExpired(key, nowMs)) return null;
    const expiresAtMs = this.e.expires.get(key) ?? null;
    switch (entry.type) {
      case 'string':
        return { type: 'string', value: entry.value, expiresAtMs };
      case 'list':
        return { type: 'list', value: entry.value.slice(), expiresAtMs };
      case 'set':
        return { type: 'set', value: [...entry.value].sort(), expiresAtMs };
      case 'zset': {
        const z = entry.value;
        const value = z.members.map((member, i) => ({ member, score: z.values[i] }));
        return { type: 'zset', value, expiresAtMs };
      }
      case 'hash':
        return { type: 'hash', value: Object.fromEntries(entry.value), expiresAtMs };
    }
  }

  keys(): string[] {
    return [...this.e.data.keys()];
  }

  get dbsize(): number {
    return this.e.data.size;
  }

  takePropagated(): string[][] {
    const p = this.e.propagated;
    this.e.propagated = [];
    return p;
  }

  snapshot(): RdbSnapshot {
    const keys: RdbSnapshot['keys'] = [];
    for (const [key, entry] of this.e.data) {
      const expiresAtMs = this.e.expires.get(key) ?? null;
      let value: RdbSnapshot['keys'][number]['value'];
      switch (entry.type) {
        case 'string':
          value = entry.value;
          break;
        case 'list':
          value = entry.value.slice();
          break;
        case 'set':
          value = [...entry.value];
          break;
        case 'zset':
          value = entry.value.members.map((m, i): [string, string] => [
            m,
            formatDouble(entry.value.values[i]),
          ]);
          break;
        case 'hash':
          value = [...entry.value];
          break;
      }
      keys.push({ key, type: entry.type, value, expiresAtMs });
    }
    return { keys };
  }

  loadSnapshot(snap: RdbSnapshot): void {
    const e = this.e;
    e.clearData();
    for (const k of snap.keys) {
      let entry: Entry;
      switch (k.type) {
        case 'string':
          entry = { type: 'string', value: k.value as string };
          break;
        case 'list':
          entry = { type: 'list', value: (k.value as string[]).slice() };
          break;
        case 'set':
          entry = { type: 'set', value: new Set(k.value as string[]) };
          break;
        case 'zset': {
          const z = new SortedSet();
          for (const [m, s] of k.value as [string, string][]) z.set(m, parseDouble(s) ?? 0);
          entry = { type: 'zset', value: z };
          break;
        }
        case 'hash':
          entry = { type: 'hash', value: new Map(k.value as [string, string][]) };
          break;
      }
      e.add(k.key, copyEntry(entry));
      if (k.expiresAtMs !== null) e.setExpire(k.key, k.expiresAtMs);
    }
    this.afterLoad();
  }

  loadAof(text: string, nowMs: number): { commands: number; truncated: boolean } {
    const e = this.e;
    const { commands, truncated } = parseCommands(text);
    e.clearData();
    e.nowMs = nowMs;
    e.loading = true;
    const savedClient = e.client;
    e.client = LOADER;
    e.clients.delete(LOADER);
    try {
      for (const argv of commands) e.process(argv);
    } finally {
      // An unfinished MULTI at the end of the file is dropped, as Redis reverts it.
      e.clients.delete(LOADER);
      e.client = savedClient;
      e.loading = false;
    }
    this.afterLoad();
    return { commands: commands.length, truncated };
  }

  /** After a load the AOF restarts from the loaded data and nothing is dirty. */
  private afterLoad(): void {
    this.e.dirty = 0;
    this.e.rewriteAof();
  }

  get dirty(): number {
    return this.e.dirty;
  }

  get lastSaveMs(): number {
    return this.e.lastSaveMs;
  }

  set lastSaveMs(ms: number) {
    this.e.lastSaveMs = ms;
  }

  get config(): Readonly<Record<string, string>> {
    return { ...this.e.config };
  }

  get hasTimedBlocks(): boolean {
    return this.e.hasTimedBlocks();
  }

  get bgsaveInProgress(): boolean {
    return this.e.bgsaveInProgress;
  }

  finishBgsave(ok: boolean, nowMs: number): void {
    const e = this.e;
    if (!e.bgsaveInProgress) return;
    e.bgsaveInProgress = false;
    if (ok) {
      // Writes made while the child ran are still unsaved.
      e.dirty = Math.max(0, e.dirty - e.dirtyAtFork);
      e.lastSaveMs = nowMs;
    }
  }
}

/** Creates an empty Redis 7.0 keyspace (db 0) driven only by ctx.nowMs. */
export function createRedisStore(options?: { config?: Record<string, string> }): RedisStore {
  return new Store(options?.config);
}
