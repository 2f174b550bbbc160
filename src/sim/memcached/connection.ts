import type { ItemTable } from './items';

/** Store-wide settings, as memcached's command-line options set them. */
export interface MemcachedOptions {
  /** `-I`: the largest item, header included, in bytes (default 1 MB). */
  itemSizeMax?: number;
  /** When the process started, in ms of the caller's clock (default: the first exec's nowMs). */
  startedMs?: number;
  /** What `version` answers. */
  version?: string;
}

/** What one command line leaves the connection doing next. */
export type NextState =
  | { kind: 'newCommand' }
  /** conn_nread: read `bytes` (data plus \r\n), then finish the store. */
  | { kind: 'nread'; bytes: number; complete: (data: string) => void }
  /** conn_swallow: discard `bytes` of the stream. */
  | { kind: 'swallow'; bytes: number }
  /** The server closes the connection (quit, an HTTP request). */
  | { kind: 'close' };

/**
 * The per-request state memcached keeps on its conn struct, plus the
 * server-wide table and settings the command handlers read.
 */
export interface Conn {
  table: ItemTable;
  /** current time, absolute seconds. */
  now: number;
  processStarted: number;
  itemSizeMax: number;
  version: string;
  /** c->noreply: set by set_noreply_maybe, cleared before each command line. */
  noreply: boolean;
  /** The response bytes written so far. */
  out: string[];
  /** How many of `out` memcached has already sent (it flushes after every get). */
  sent: number;
}

/** out_string: one reply line, unless the command asked for noreply. */
export function outString(c: Conn, line: string): void {
  if (c.noreply) return;
  c.out.push(line + '\r\n');
}

/** proto_text.c KEY_MAX_LENGTH. */
export const KEY_MAX_LENGTH = 250;

/**
 * item_size_ok: the item header (48 bytes), the cas (8), the key and its
 * NUL, the client flags (4, only when non-zero), the data and its \r\n.
 */
export function itemFits(c: Conn, nkey: number, flags: number, nbytes: number): boolean {
  return 48 + 8 + nkey + 1 + (flags === 0 ? 0 : 4) + nbytes <= c.itemSizeMax;
}
