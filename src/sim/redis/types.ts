import type { Reply } from './reply';
import type { SortedSet } from './sortedSet';

/** A value in the keyspace, tagged with its Redis type name. */
export type Entry = (
  | {
      type: 'string';
      value: string;
      /**
       * How the string object was created when it was not by tryObjectEncoding:
       * 'raw' (APPEND, SETRANGE), 'plain' (createStringObject: embstr or raw
       * by length, never int, as INCRBYFLOAT) or 'unshared' (COPY's
       * dupStringObject: the same encoding, but never a shared integer).
       * Absent: int/embstr/raw by content, small integers shared.
       */
      made?: 'raw' | 'plain' | 'unshared';
    }
  | { type: 'list'; value: string[] }
  | { type: 'set'; value: Set<string> }
  | { type: 'zset'; value: SortedSet }
  | { type: 'hash'; value: Map<string, string> }
) & {
  /**
   * Sticky: the collection was converted to its big encoding (hashtable,
   * skiplist); Redis 7.0 never converts back. Maintained by encoding.ts.
   */
  big?: boolean;
  /** Last access time in ms (the LRU clock), for OBJECT IDLETIME. */
  lru?: number;
};

export type EntryType = Entry['type'];

/** JSON-safe view of one key for an inspector. */
export interface KeyView {
  type: EntryType;
  value: string | string[] | { member: string; score: number }[] | Record<string, string>;
  expiresAtMs: number | null;
}

/** JSON-safe deep copy of a dataset; scores are %.17g strings so inf survives JSON. */
export interface RdbSnapshot {
  keys: {
    key: string;
    type: EntryType;
    value: string | string[] | [string, string][];
    expiresAtMs: number | null;
  }[];
}

export interface ExecContext {
  nowMs: number;
  client?: string;
}

/** The public face of the store (see DESIGN.md section 7). */
export interface RedisStore {
  exec(argv: string[], ctx: ExecContext): Reply;
  /** Replies sent outside a command; `command` names the blocking pop that was served or timed out. */
  takePushes(): { client: string; reply: Reply; command?: string }[];
  /** Clients waiting in a blocking pop, by connection (deadline 0 = forever). */
  blockedClients(): { client: string; command: string; keys: string[]; deadlineMs: number }[];
  /** The client's connection closed: subscriptions, BRPOP and MULTI go with it. */
  disconnect(client: string): void;
  exportAof(): string;
  tick(nowMs: number): string[];
  takeChanges(): string[];
  keyView(key: string, nowMs: number): KeyView | null;
  keys(): string[];
  readonly dbsize: number;
  takePropagated(): string[][];
  snapshot(): RdbSnapshot;
  loadSnapshot(snap: RdbSnapshot): void;
  loadAof(text: string, nowMs: number): { commands: number; truncated: boolean };
  readonly dirty: number;
  lastSaveMs: number;
  readonly config: Readonly<Record<string, string>>;
  readonly bgsaveInProgress: boolean;
  /** A blocking pop with a finite timeout is waiting: tick() must keep running. */
  readonly hasTimedBlocks: boolean;
  finishBgsave(ok: boolean, nowMs: number): void;
}
