import type { Json } from '../../sim';
import { parseCommands } from '../../sim/redis';

/** The AOF as the Redis node records it ('#aof'). */
export interface AofView {
  appendonly: boolean;
  appendfsync: string;
  writtenBytes: number;
  syncedBytes: number;
  commands: number;
  tail: { text: string; bytes: number; synced: boolean }[];
}

/** The last completed snapshot ('#rdb'). */
export interface RdbView {
  /** The save points, e.g. "3600 1 300 100 60 10000"; '' turns snapshots off. */
  save: string;
  lastSaveAtMs: number | null;
  forkAtMs: number | null;
  keys: number;
  childWriting: boolean;
}

/** What a recovery lost ('#lost'). */
export interface LostView {
  source: 'aof' | 'rdb' | 'none';
  crashKind: 'process-kill' | 'power-loss';
  atMs: number;
  keys: { key: string; before: string; after: string | null }[];
  /** With a keyspace summary: how many keys were lost (`keys` then holds the first and last few). */
  count?: number;
  ranges?: string[];
}

const isObj = (v: Json | undefined): v is Record<string, Json> =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

/** Reads a node's '#aof', '#rdb' and '#lost' entries, or null where absent or malformed. */
export function persistenceOf(data: Record<string, Json> | undefined): {
  aof: AofView | null;
  rdb: RdbView | null;
  lost: LostView | null;
} {
  const aof = data?.['#aof'];
  const rdb = data?.['#rdb'];
  const lost = data?.['#lost'];
  return {
    aof: isObj(aof) && typeof aof.writtenBytes === 'number' ? (aof as unknown as AofView) : null,
    rdb: isObj(rdb) && typeof rdb.keys === 'number' ? (rdb as unknown as RdbView) : null,
    lost: isObj(lost) && Array.isArray(lost.keys) ? (lost as unknown as LostView) : null,
  };
}

/** One AOF record (RESP) as the command a person would type: `SET k:1 v1 PXAT 1700…`. */
export function aofLine(text: string): string {
  const { commands } = parseCommands(text);
  const argv = commands[0];
  if (!argv) return text.replace(/\r\n/g, '␍␊');
  return argv.map((a) => (/^[\w:.+\-*]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** Bytes in a readable unit: 512 B, 1.2 kB, 3.4 MB. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}
