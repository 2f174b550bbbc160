// The SCAN family's cursor, shared by SCAN, HSCAN and (for the list/set/zset
// commands) SSCAN and ZSCAN. It follows dictScan: elements sit in the
// buckets of a virtual power-of-two table (a fixed hash of each element),
// and the cursor walks the buckets in reverse-binary order. That keeps
// Redis's guarantee across calls even when the collection grows or shrinks
// in between: an element present for the whole iteration is returned at
// least once (possibly more than once). The cursor is opaque; COUNT is a hint.
import { globMatch } from './glob';
import { parseInt64 } from './int64';
import { array, bulk, bulkArray, error, NOT_INTEGER, SYNTAX, type Reply } from './reply';

/** DICT_HT_INITIAL_SIZE. */
const MIN_TABLE = 4;

/** 32-bit FNV-1a of the UTF-16 units: a stable bucket for an element. */
export function scanHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function rev32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  v = (v >>> 16) | (v << 16);
  return v >>> 0;
}

/** The table size a dict of `size` elements has (power of two, at least 4). */
export function tableSizeFor(size: number): number {
  let n = MIN_TABLE;
  while (n < size && n < 2 ** 30) n *= 2;
  return n;
}

/**
 * parseScanCursorOrReply (strtoul): digits with an optional sign ('-' wraps
 * around), the empty string reads as 0. Returns the cursor's low 32 bits,
 * all this table uses, or an error reply.
 */
export function parseScanCursor(s: string): number | Reply {
  const bad = error('ERR invalid cursor');
  if (!/^[+-]?[0-9]*$/.test(s) || s === '+' || s === '-') return bad;
  if (s === '') return 0;
  const neg = s[0] === '-';
  let v = BigInt(neg || s[0] === '+' ? s.slice(1) : s);
  if (v > 0xffffffffffffffffn) return bad;
  if (neg) v = (1n << 64n) - v;
  return Number(v & 0xffffffffn);
}

/** Elements sorted by their place in the reverse-binary bucket walk of one table size. */
interface BucketIndex<T> {
  version: number;
  tableSize: number;
  /** Walk position of each element (the bit-reversed bucket), ascending. */
  pos: Uint32Array;
  items: T[];
}

const indexes = new WeakMap<object, BucketIndex<unknown>>();

function log2(n: number): number {
  return 31 - Math.clz32(n);
}

/** Bit-reverses the low `bits` bits of v. */
function revBits(v: number, bits: number): number {
  return bits === 0 ? 0 : rev32(v) >>> (32 - bits);
}

function buildIndex<T>(
  items: Iterable<T>,
  tableSize: number,
  nameOf: (item: T) => string,
  version: number,
): BucketIndex<T> {
  const bits = log2(tableSize);
  const mask = tableSize - 1;
  const tagged: { p: number; it: T }[] = [];
  for (const it of items) tagged.push({ p: revBits(scanHash(nameOf(it)) & mask, bits), it });
  tagged.sort((a, b) => a.p - b.p);
  const pos = new Uint32Array(tagged.length);
  for (let i = 0; i < tagged.length; i++) pos[i] = tagged[i].p;
  return { version, tableSize, pos, items: tagged.map((t) => t.it) };
}

/**
 * One SCAN call over a hashtable-encoded collection: visits buckets from
 * `cursor` until `count` elements are gathered (or count*10 buckets, as
 * scanGenericCommand bounds it). Returns the next cursor ("0" at the end).
 * Walking buckets in reverse-binary order is walking positions rev(bucket)
 * upward, so the elements are kept sorted by that position; `cache` (the
 * collection plus a counter bumped on every write) reuses that order across
 * the calls of one iteration.
 */
export function scanBuckets<T>(
  items: Iterable<T>,
  size: number,
  nameOf: (item: T) => string,
  cursor: number,
  count: number,
  cache?: { owner: object; version: number },
): { cursor: string; items: T[] } {
  const tableSize = tableSizeFor(size);
  const bits = log2(tableSize);
  let index = cache ? (indexes.get(cache.owner) as BucketIndex<T> | undefined) : undefined;
  if (!index || index.version !== cache!.version || index.tableSize !== tableSize) {
    index = buildIndex(items, tableSize, nameOf, cache?.version ?? 0);
    if (cache) indexes.set(cache.owner, index);
  }
  const { pos } = index;
  let p = revBits((cursor >>> 0) & (tableSize - 1), bits);
  // First element at or after position p.
  let lo = 0;
  let hi = pos.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pos[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  let maxIterations = count * 10;
  let i = lo;
  do {
    while (i < pos.length && pos[i] === p) out.push(index.items[i++]);
    p++;
  } while (p < tableSize && maxIterations-- > 0 && out.length < count);
  return { cursor: p >= tableSize ? '0' : String(revBits(p, bits)), items: out };
}

/** The options of SCAN, HSCAN, SSCAN, ZSCAN. */
export interface ScanOptions {
  count: number;
  /** null: no MATCH, or MATCH *. */
  pattern: string | null;
  /** SCAN's TYPE filter. */
  type: string | null;
}

/** scanGenericCommand's option loop, from argv[start]; TYPE only for SCAN. */
export function parseScanOptions(
  a: string[],
  start: number,
  allowType: boolean,
): ScanOptions | Reply {
  const opts: ScanOptions = { count: 10, pattern: null, type: null };
  for (let i = start; i < a.length; i += 2) {
    const opt = a[i].toLowerCase();
    const more = a.length - i >= 2;
    if (opt === 'count' && more) {
      const n = parseInt64(a[i + 1]);
      if (n === null) return NOT_INTEGER;
      if (n < 1n) return SYNTAX;
      opts.count = n > 1_000_000_000n ? 1_000_000_000 : Number(n);
    } else if (opt === 'match' && more) {
      opts.pattern = a[i + 1] === '*' ? null : a[i + 1];
    } else if (opt === 'type' && allowType && more) {
      opts.type = a[i + 1];
    } else return SYNTAX;
  }
  return opts;
}

/** Whether an element passes MATCH. */
export function scanMatches(opts: ScanOptions, name: string): boolean {
  return opts.pattern === null || globMatch(opts.pattern, name);
}

/** The two-element SCAN reply: cursor, then the elements. */
export function scanReply(cursor: string, elements: readonly string[]): Reply {
  return array([bulk(cursor), bulkArray(elements)]);
}

/** The reply for a missing key (shared.emptyscan). */
export const EMPTY_SCAN: Reply = scanReply('0', []);

/**
 * The body of HSCAN, SSCAN and ZSCAN once the key is found: parses the
 * options from argv[3], then either returns a compact collection (listpack,
 * intset) whole with cursor 0, as scanGenericCommand does, or walks the
 * buckets of a hashtable one step. `emit` writes an element's reply items
 * (a field and its value, a member and its score, or just a member).
 */
export function scanCollection<T>(
  a: string[],
  cursor: number,
  collection: { items: Iterable<T>; size: number; compact: boolean },
  cache: { owner: object; version: number },
  nameOf: (item: T) => string,
  emit: (item: T, out: string[]) => void,
): Reply {
  const opts = parseScanOptions(a, 3, false);
  if (!('count' in opts)) return opts;
  const out: string[] = [];
  if (collection.compact) {
    for (const it of collection.items) if (scanMatches(opts, nameOf(it))) emit(it, out);
    return scanReply('0', out);
  }
  const step = scanBuckets(collection.items, collection.size, nameOf, cursor, opts.count, cache);
  for (const it of step.items) if (scanMatches(opts, nameOf(it))) emit(it, out);
  return scanReply(step.cursor, out);
}
