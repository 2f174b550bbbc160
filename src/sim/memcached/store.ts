import { fromBytes, toBytes } from './bytes';
import type { Conn, MemcachedOptions, NextState } from './connection';
import { outString } from './connection';
import { ItemTable, type Item } from './items';
import { processArithmetic } from './arithmetic';
import { processDelete, processFlushAll, processTouch, processVerbosity } from './otherCommands';
import { processGet } from './retrieval';
import { processUpdate } from './storage';
import { tokenize } from './tokenize';

/** memcached's process_started is the start time minus ITEM_UPDATE_INTERVAL + 2 s. */
const PROCESS_STARTED_OFFSET_SEC = 62;

/** A live item as views show it (value decoded from UTF-8). */
export interface MemcachedItemView {
  key: string;
  value: string;
  flags: number;
  /** Absolute expiry in seconds of the caller's clock; 0 = never. */
  exptime: number;
  cas: number;
}

/** The pure memcached 1.6 text-protocol store. */
export interface MemcachedStore {
  /**
   * Runs one request (its bytes on the wire: command lines, and the data
   * block of a storage command) and returns every byte memcached replies.
   * A request that ends mid-line or mid-block is answered up to there.
   * `nowMs` is the server's clock; exptimes above 30 days are Unix seconds of it.
   */
  exec(request: string, ctx: { nowMs: number }): string;
  /** Live items, sorted by key (no access time is touched). */
  items(nowMs: number): MemcachedItemView[];
  /** Forgets every item and counter: a restarted memcached. */
  reset(): void;
}

/**
 * Creates a memcached 1.6 text-protocol store (set add replace append
 * prepend cas get gets gat gats touch delete incr decr flush_all version
 * verbosity), checked byte for byte against memcached 1.6.18 by
 * tests/differential/memcached.test.ts. Deterministic: time comes only from ctx.
 */
export function createMemcachedStore(options: MemcachedOptions = {}): MemcachedStore {
  const table = new ItemTable();
  const itemSizeMax = options.itemSizeMax ?? 1024 * 1024;
  const version = options.version ?? '1.6.18';
  let processStarted: number | null =
    options.startedMs === undefined
      ? null
      : Math.floor(options.startedMs / 1000) - PROCESS_STARTED_OFFSET_SEC;

  function exec(request: string, ctx: { nowMs: number }): string {
    const now = Math.floor(ctx.nowMs / 1000);
    processStarted ??= now - PROCESS_STARTED_OFFSET_SEC;
    const buf = toBytes(request);
    const c: Conn = {
      table,
      now,
      processStarted,
      itemSizeMax,
      version,
      noreply: false,
      out: [],
      sent: 0,
    };
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) break; // memcached would wait for the rest of the line
      // try_read_command_ascii strips one \r before the \n, unless the line is only "\r".
      const end = nl - pos > 1 && buf[nl - 1] === '\r' ? nl - 1 : nl;
      const line = buf.slice(pos, end);
      pos = nl + 1;
      c.noreply = false;
      const next = processCommand(c, line);
      if (next.kind === 'close') break;
      if (next.kind === 'swallow') pos = Math.min(buf.length, pos + next.bytes);
      if (next.kind === 'nread') {
        if (pos + next.bytes > buf.length) break; // waiting for the rest of the block
        next.complete(buf.slice(pos, pos + next.bytes));
        pos += next.bytes;
      }
    }
    return fromBytes(c.out.join(''));
  }

  function items(nowMs: number): MemcachedItemView[] {
    const now = Math.floor(nowMs / 1000);
    return table.liveKeys(now).map((key) => {
      const it: Item = table.peek(key)!;
      return {
        key: fromBytes(key),
        value: fromBytes(it.value),
        flags: it.flags,
        exptime: it.exptime,
        cas: it.cas,
      };
    });
  }

  return { exec, items, reset: () => table.clear() };
}

/** The ERROR reply that WANT_TOKENS gives to a wrong word count. */
function wrongCount(c: Conn): NextState {
  outString(c, 'ERROR');
  return { kind: 'newCommand' };
}

/** process_command_ascii: dispatch one command line. */
function processCommand(c: Conn, rawLine: string): NextState {
  // The line is a C string: a NUL byte ends it.
  const nul = rawLine.indexOf('\0');
  const tl = tokenize(nul >= 0 ? rawLine.slice(0, nul) : rawLine);
  const w = tl.words;
  const ntokens = w.length + 1;
  const done: NextState = { kind: 'newCommand' };
  if (w.length === 0 || w[0].length < 2) return wrongCount(c);
  const cmd = w[0];
  const between = (lo: number, hi: number) => ntokens >= lo && ntokens <= hi;
  const either = (a: number, b: number) => ntokens === a || ntokens === b;
  switch (cmd) {
    case 'get':
    case 'gets':
    case 'gat':
    case 'gats':
    case 'bget':
      if (ntokens < 3) return wrongCount(c);
      processGet(c, tl, cmd === 'gets' || cmd === 'gats', cmd === 'gat' || cmd === 'gats');
      return done;
    case 'set':
    case 'add':
    case 'replace':
    case 'append':
    case 'prepend':
      if (!either(6, 7)) return wrongCount(c);
      return processUpdate(c, w, cmd);
    case 'cas':
      if (!either(7, 8)) return wrongCount(c);
      return processUpdate(c, w, 'cas');
    case 'incr':
    case 'decr':
      if (!either(4, 5)) return wrongCount(c);
      processArithmetic(c, w, cmd === 'incr');
      return done;
    case 'delete':
      if (!between(3, 5)) return wrongCount(c);
      processDelete(c, w);
      return done;
    case 'touch':
      if (!either(4, 5)) return wrongCount(c);
      processTouch(c, w);
      return done;
    case 'flush_all':
      if (!between(2, 4)) return wrongCount(c);
      processFlushAll(c, w);
      return done;
    case 'verbosity':
      if (!either(3, 4)) return wrongCount(c);
      processVerbosity(c, w);
      return done;
    case 'version':
      outString(c, `VERSION ${c.version}`);
      return done;
    case 'quit':
      return { kind: 'close' };
    default:
      // A stray HTTP request makes memcached hang up rather than answer; only
      // lines its first-letter switch does not claim get that far.
      if (!'gsacidtm'.includes(cmd[0]) && w[w.length - 1].startsWith('HTTP/'))
        return { kind: 'close' };
      // Not modelled: meta commands (mg ms md ma mn me), stats, slabs, lru,
      // watch, cache_memlimit, shutdown; they answer ERROR here.
      return wrongCount(c);
  }
}
