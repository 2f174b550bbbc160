// More generic (keyspace) commands of 7.0's db.c, expire.c, object.c and
// sort.c: COPY, EXPIRETIME/PEXPIRETIME, OBJECT, RANDOMKEY, RENAME/RENAMENX,
// SCAN, SORT/SORT_RO, TOUCH, UNLINK.
import type { CommandSpec } from '../command';
import { strtod } from '../double';
import type { Engine } from '../engine';
import { objectEncoding, objectRefcount, stringEncoding } from '../encoding';
import { parseInt64 } from '../int64';
import {
  array,
  bulk,
  bulkArray,
  error,
  integer,
  NOT_INTEGER,
  NULL_BULK,
  OK,
  ONE,
  simple,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import {
  parseScanCursor,
  parseScanOptions,
  scanBuckets,
  scanMatches,
  scanReply,
} from '../scanCursor';
import { byteCmp, SortedSet } from '../sortedSet';
import type { Entry } from '../types';

/** A deep copy of a value that keeps its encoding (dupStringObject, hashTypeDup...). */
export function duplicateEntry(e: Entry): Entry {
  let copy: Entry;
  switch (e.type) {
    case 'string':
      copy = { type: 'string', value: e.value };
      // dupStringObject keeps the encoding; a copied integer is no longer shared.
      if (e.made) copy.made = e.made;
      else if (stringEncoding(e.value) === 'int') copy.made = 'unshared';
      break;
    case 'list':
      copy = { type: 'list', value: e.value.slice() };
      break;
    case 'set':
      copy = { type: 'set', value: new Set(e.value) };
      break;
    case 'zset': {
      const z = new SortedSet();
      for (let i = 0; i < e.value.size; i++) z.set(e.value.members[i], e.value.values[i]);
      copy = { type: 'zset', value: z };
      break;
    }
    case 'hash':
      copy = { type: 'hash', value: new Map(e.value) };
      break;
  }
  if (e.big) copy.big = true;
  return copy;
}

function copy(e: Engine, a: string[]): Reply {
  let replace = false;
  for (let j = 3; j < a.length; j++) {
    const opt = a[j].toLowerCase();
    if (opt === 'replace') replace = true;
    else if (opt === 'db' && a.length - j - 1 >= 1) {
      const db = parseInt64(a[j + 1]);
      if (db === null) return NOT_INTEGER;
      if (db > 2147483647n || db < -2147483648n) {
        return error('ERR value is out of range, value must between -2147483648 and 2147483647');
      }
      // The simulation keeps one database: any other index is out of range.
      if (db !== 0n) return error('ERR DB index is out of range');
      j++;
    } else return SYNTAX;
  }
  const [, src, dst] = a;
  if (src === dst) return error('ERR source and destination objects are the same');
  const o = e.lookup(src);
  if (!o) return ZERO;
  const when = e.getExpire(src);
  if (e.lookup(dst) !== undefined) {
    if (!replace) return ZERO;
    e.delete(dst);
  }
  e.add(dst, duplicateEntry(o));
  if (when !== null) e.setExpire(dst, when);
  e.dirty++;
  return ONE;
}

function renameGeneric(nx: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const [, src, dst] = a;
    const o = e.lookup(src);
    if (!o) return error('ERR no such key');
    if (src === dst) return nx ? ZERO : OK;
    const when = e.getExpire(src);
    if (e.lookup(dst) !== undefined) {
      if (nx) return ZERO;
      e.delete(dst);
    }
    e.data.delete(src);
    e.removeExpire(src);
    e.add(dst, o);
    if (when !== null) e.setExpire(dst, when);
    e.touch(src);
    e.dirty++;
    return nx ? ONE : OK;
  };
}

function expiretime(ms: boolean) {
  return (e: Engine, a: string[]): Reply => {
    if (e.lookup(a[1], true) === undefined) return integer(-2);
    const when = e.getExpire(a[1]);
    if (when === null) return integer(-1);
    return integer(ms ? when : when / 1000n);
  };
}

/** dbRandomKey: a random key, expired ones are reclaimed on the way. */
function randomkey(e: Engine): Reply {
  for (;;) {
    if (e.data.size === 0) return NULL_BULK;
    const keys = [...e.data.keys()];
    const key = keys[e.randomInt(keys.length)];
    if (e.isExpired(key) && !e.loading) {
      e.lookup(key);
      continue;
    }
    return bulk(key);
  }
}

function touchKeys(e: Engine, a: string[]): Reply {
  let n = 0;
  for (let i = 1; i < a.length; i++) if (e.lookup(a[i]) !== undefined) n++;
  return integer(n);
}

function unlink(e: Engine, a: string[]): Reply {
  let n = 0;
  for (let i = 1; i < a.length; i++) {
    if (e.lookup(a[i]) !== undefined && e.delete(a[i])) n++;
  }
  e.dirty += n;
  return integer(n);
}

function scan(e: Engine, a: string[]): Reply {
  const cursor = parseScanCursor(a[1]);
  if (typeof cursor !== 'number') return cursor;
  const opts = parseScanOptions(a, 2, true);
  if (!('count' in opts)) return opts;
  const step = scanBuckets(e.data.keys(), e.data.size, (k) => k, cursor, opts.count, {
    owner: e.data,
    version: e.writeVersion,
  });
  const out: string[] = [];
  for (const key of step.items) {
    if (!scanMatches(opts, key)) continue;
    if (opts.type !== null) {
      // lookupKeyRead: an expired key is reclaimed here and reads as "none".
      const t = e.lookup(key, true)?.type ?? 'none';
      if (t !== opts.type.toLowerCase()) continue;
    }
    if (e.isExpired(key) && !e.loading) {
      e.lookup(key);
      continue;
    }
    out.push(key);
  }
  return scanReply(step.cursor, out);
}

// ---- OBJECT ---------------------------------------------------------------

const OBJECT_HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

/** addReplyHelp: an array of status lines. */
export function helpReply(lines: readonly string[]): Reply {
  return array(lines.map((l) => simple(l)));
}

function objectSub(what: (e: Engine, o: Entry) => Reply): CommandSpec {
  return {
    arity: 3,
    run: (e, a) => {
      const o = e.lookup(a[2], true);
      return o ? what(e, o) : NULL_BULK;
    },
  };
}

export const objectCommand: CommandSpec = {
  arity: -2,
  run: () => error('ERR unknown subcommand'),
  subcommands: {
    encoding: objectSub((_e, o) => bulk(objectEncoding(o))),
    refcount: objectSub((_e, o) => integer(objectRefcount(o))),
    // The LRU clock ticks in seconds (LRU_CLOCK_RESOLUTION 1000 ms).
    idletime: objectSub((e, o) =>
      integer(Math.max(0, Math.floor(e.nowMs / 1000) - Math.floor((o.lru ?? e.nowMs) / 1000))),
    ),
    freq: objectSub(() =>
      error(
        'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
      ),
    ),
    help: { arity: 2, run: () => helpReply(OBJECT_HELP) },
  },
};

// ---- SORT -----------------------------------------------------------------

function sortGeneric(readonly: boolean) {
  return (e: Engine, a: string[]): Reply => {
    let desc = false;
    let alpha = false;
    let limitStart = 0n;
    let limitCount = -1n;
    let unsupported: string | null = null;
    for (let j = 2; j < a.length; j++) {
      const opt = a[j].toLowerCase();
      const left = a.length - j - 1;
      if (opt === 'asc') desc = false;
      else if (opt === 'desc') desc = true;
      else if (opt === 'alpha') alpha = true;
      else if (opt === 'limit' && left >= 2) {
        const s = parseInt64(a[j + 1]);
        if (s === null) return NOT_INTEGER;
        const c = parseInt64(a[j + 2]);
        if (c === null) return NOT_INTEGER;
        limitStart = s;
        limitCount = c;
        j += 2;
      } else if (
        (opt === 'by' && left >= 1) ||
        (opt === 'get' && left >= 1) ||
        (!readonly && opt === 'store' && left >= 1)
      ) {
        unsupported ??= opt.toUpperCase();
        j++;
      } else return SYNTAX;
    }
    const o = e.lookup(a[1]);
    if (o && o.type !== 'set' && o.type !== 'list' && o.type !== 'zset') return WRONGTYPE;
    if (unsupported !== null) {
      return error(
        `ERR SORT ${unsupported} is not supported by this simulation (only ASC, DESC, ALPHA and LIMIT)`,
      );
    }
    let items: string[];
    if (!o) items = [];
    else if (o.type === 'list') items = o.value.slice();
    else if (o.type === 'set') items = [...o.value];
    else if (o.type === 'zset') {
      // sort.c converts a sorted set to a skiplist for good before sorting it.
      o.big = true;
      items = o.value.members.slice();
    } else return WRONGTYPE;
    const n = BigInt(items.length);
    let start = limitStart < 0n ? 0n : limitStart > n ? n : limitStart;
    const count = limitCount < -1n ? -1n : limitCount > n ? n : limitCount;
    let end = count < 0n ? n - 1n : start + count - 1n;
    if (start >= n) {
      start = n - 1n;
      end = n - 2n;
    }
    if (end >= n) end = n - 1n;
    let cmp: (x: string, y: string) => number;
    // strcoll in the C.UTF-8 locale compares UTF-8 bytes, as memcmp does.
    if (alpha) cmp = byteCmp;
    else {
      const scores = new Map<string, number>();
      for (const it of items) {
        if (scores.has(it)) continue;
        const r = strtod(it);
        // strtod with no conversion leaves eptr at the start: only "" passes.
        const consumed = r.end === 0 ? it.length === 0 : r.end === it.length;
        if (!consumed || r.erange || Number.isNaN(r.value)) {
          return error("ERR One or more scores can't be converted into double");
        }
        scores.set(it, r.value);
      }
      cmp = (x, y) => {
        const sx = scores.get(x)!;
        const sy = scores.get(y)!;
        return sx > sy ? 1 : sx < sy ? -1 : byteCmp(x, y);
      };
    }
    items.sort(desc ? (x, y) => -cmp(x, y) : cmp);
    const out: string[] = [];
    for (let i = start; i <= end; i++) out.push(items[Number(i)]);
    return bulkArray(out);
  };
}

export const moreKeyCommands: Record<string, CommandSpec> = {
  copy: { arity: -3, run: copy },
  expiretime: { arity: 2, run: expiretime(false) },
  pexpiretime: { arity: 2, run: expiretime(true) },
  object: objectCommand,
  randomkey: { arity: 1, run: randomkey },
  rename: { arity: 3, run: renameGeneric(false) },
  renamenx: { arity: 3, run: renameGeneric(true) },
  scan: { arity: -2, run: scan },
  sort: { arity: -2, run: sortGeneric(false) },
  sort_ro: { arity: -2, run: sortGeneric(true) },
  touch: { arity: -2, run: touchKeys },
  unlink: { arity: -2, run: unlink },
};
