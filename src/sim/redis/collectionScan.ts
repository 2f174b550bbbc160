// SSCAN / ZSCAN (scanGenericCommand in 7.0): option parsing, and a cursor
// that walks a virtual hash table in reverse-binary order like dictScan, so
// an element present for the whole iteration is returned at least once even
// when the collection grows or shrinks between calls.
import { globMatch } from './glob';
import { array, bulk, bulkArray, error, NOT_INTEGER, SYNTAX, type Reply } from './reply';

/** The reply to SSCAN/ZSCAN on a missing key: cursor 0, no elements. */
export const EMPTY_SCAN: Reply = array([bulk('0'), array([])]);

/**
 * parseScanCursorOrReply: strtoul, so "-1" wraps and "" is 0; leading spaces,
 * trailing junk or overflow are "invalid cursor". Returns the low 32 bits,
 * all the virtual table uses.
 */
export function parseScanCursor(s: string): number | Reply {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)$/.exec(s);
  if (!m || /^[ \t\n\v\f\r]/.test(s) || (m[2] === '' && s !== '')) {
    return error('ERR invalid cursor');
  }
  let v = BigInt(m[2] || '0');
  if (v > 18446744073709551615n) return error('ERR invalid cursor');
  if (m[1] === '-') v = (1n << 64n) - v;
  return Number(v & 0xffffffffn);
}

export interface ScanOptions {
  count: number;
  pattern: string | null;
}

/** COUNT n (>= 1) and MATCH pattern, from argv[from] on; TYPE is not valid for a key's scan. */
export function parseScanOptions(a: string[], from: number): ScanOptions | Reply {
  let count = 10;
  let pattern: string | null = null;
  for (let i = from; i < a.length;) {
    const o = a[i].toLowerCase();
    const left = a.length - i;
    if (o === 'count' && left >= 2) {
      const n = /^(?:0|-?[1-9][0-9]{0,18})$/.test(a[i + 1]) ? BigInt(a[i + 1]) : null;
      if (n === null || n > 9223372036854775807n || n < -9223372036854775808n) return NOT_INTEGER;
      if (n < 1n) return SYNTAX;
      count = n > 1000000n ? 1000000 : Number(n);
      i += 2;
    } else if (o === 'match' && left >= 2) {
      pattern = a[i + 1] === '*' ? null : a[i + 1];
      i += 2;
    } else return SYNTAX;
  }
  return { count, pattern };
}

/** FNV-1a over UTF-16 code units: a fixed hash so cursors mean the same on every run. */
function hash(s: string): number {
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
  return ((v >>> 16) | (v << 16)) >>> 0;
}

/**
 * One SCAN call over `members`: visits buckets of a power-of-two table sized
 * for the collection until COUNT elements are gathered (at most COUNT*10
 * buckets), then filters by MATCH. Returns the next cursor (0 = done).
 */
export function scanMembers(
  members: Iterable<string>,
  size: number,
  cursor: number,
  opts: ScanOptions,
): { cursor: number; found: string[] } {
  let tableSize = 4;
  while (tableSize < size && tableSize < 2 ** 30) tableSize *= 2;
  const mask = tableSize - 1;
  const buckets = new Map<number, string[]>();
  for (const m of members) {
    const b = hash(m) & mask;
    const list = buckets.get(b);
    if (list) list.push(m);
    else buckets.set(b, [m]);
  }
  const found: string[] = [];
  let v = cursor >>> 0;
  let budget = opts.count * 10;
  do {
    for (const m of buckets.get(v & mask) ?? []) found.push(m);
    v = (v | ~mask) >>> 0;
    v = rev32((rev32(v) + 1) >>> 0);
  } while (v !== 0 && budget-- > 0 && found.length < opts.count);
  const pattern = opts.pattern;
  return {
    cursor: v,
    found: pattern === null ? found : found.filter((m) => globMatch(pattern, m)),
  };
}

/** The SCAN reply: [cursor, [elements]]. */
export function scanReply(cursor: number, items: string[]): Reply {
  return array([bulk(String(cursor)), bulkArray(items)]);
}
