import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import {
  EMPTY_SCAN,
  parseScanCursor,
  parseScanOptions,
  scanMembers,
  scanReply,
} from '../collectionScan';
import { objectEncoding, SET_MAX_INTSET_ENTRIES } from '../encoding';
import { globMatch } from '../glob';
import { randomIndex } from '../engineRandom';
import { parseInt64, parseLong } from '../int64';
import {
  array,
  bulk,
  bulkArray,
  error,
  integer,
  NOT_INTEGER,
  NULL_BULK,
  ONE,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';

function sadd(e: Engine, a: string[]): Reply {
  const key = a[1];
  let v = e.lookup(key);
  if (v && v.type !== 'set') return WRONGTYPE;
  if (!v) {
    v = { type: 'set', value: new Set() };
    e.add(key, v);
  }
  const set = v.value;
  let added = 0;
  for (let i = 2; i < a.length; i++) {
    if (!set.has(a[i])) {
      set.add(a[i]);
      added++;
    }
  }
  if (added) e.touch(key);
  e.dirty += added;
  return integer(added);
}

function srem(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'set') return WRONGTYPE;
  let removed = 0;
  for (let i = 2; i < a.length; i++) if (v.value.delete(a[i])) removed++;
  if (removed) e.touch(a[1]);
  e.dirty += removed;
  e.deleteIfEmpty(a[1], v);
  return integer(removed);
}

function smembers(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return array([]);
  if (v.type !== 'set') return WRONGTYPE;
  return bulkArray([...v.value]);
}

/** SINTER: a missing key is an empty set, but every key is type-checked first. */
function sinter(e: Engine, a: string[]): Reply {
  const sets: Set<string>[] = [];
  let empty = false;
  for (let i = 1; i < a.length; i++) {
    const v = e.lookup(a[i]);
    if (!v) {
      empty = true;
      continue;
    }
    if (v.type !== 'set') return WRONGTYPE;
    sets.push(v.value);
  }
  if (empty) return array([]);
  sets.sort((x, y) => x.size - y.size);
  const out: string[] = [];
  for (const m of sets[0]) if (sets.every((s) => s.has(m))) out.push(m);
  return bulkArray(out);
}

function scard(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'set') return WRONGTYPE;
  return integer(v.value.size);
}

function sismember(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'set') return WRONGTYPE;
  return v.value.has(a[2]) ? ONE : ZERO;
}

function smismember(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (v && v.type !== 'set') return WRONGTYPE;
  const out: Reply[] = [];
  for (let i = 2; i < a.length; i++) out.push(v?.value.has(a[i]) ? ONE : ZERO);
  return array(out);
}

/** Looks every key up (a missing key is null) and type-checks them all first. */
function lookupSets(e: Engine, keys: string[]): (Set<string> | null)[] | Reply {
  const sets: (Set<string> | null)[] = [];
  for (const k of keys) {
    const v = e.lookup(k);
    if (v && v.type !== 'set') return WRONGTYPE;
    sets.push(v ? v.value : null);
  }
  return sets;
}

/** The tail of every *STORE: setKey when non-empty, else delete the destination. */
export function storeSet(e: Engine, dst: string, result: Set<string>): Reply {
  if (result.size > 0) {
    e.lookup(dst); // setKey looks the key up first (lazy expiry)
    const existed = e.data.has(dst);
    if (existed) e.setKey(dst, { type: 'set', value: result });
    else e.add(dst, { type: 'set', value: result });
    e.removeExpire(dst);
    e.dirty++;
    return integer(result.size);
  }
  if (e.delete(dst)) e.dirty++;
  return ZERO;
}

/** sinterGenericCommand for SINTERSTORE and SINTERCARD. */
function intersect(sets: Set<string>[], limit: number): Set<string> {
  const sorted = sets.slice().sort((x, y) => x.size - y.size);
  const out = new Set<string>();
  for (const m of sorted[0]) {
    if (sorted.every((s) => s.has(m))) {
      out.add(m);
      if (limit && out.size >= limit) break;
    }
  }
  return out;
}

function sinterstore(e: Engine, a: string[]): Reply {
  const sets = lookupSets(e, a.slice(2));
  if (!Array.isArray(sets)) return sets;
  if (sets.some((x) => x === null)) return storeSet(e, a[1], new Set());
  return storeSet(e, a[1], intersect(sets as Set<string>[], 0));
}

function sintercard(e: Engine, a: string[]): Reply {
  const numkeys = parseLong(a[1]);
  if (numkeys === null || numkeys < 1) return error('ERR numkeys should be greater than 0');
  if (numkeys > a.length - 2) {
    return error("ERR Number of keys can't be greater than number of args");
  }
  let limit = 0;
  for (let j = 2 + numkeys; j < a.length; j++) {
    if (a[j].toLowerCase() === 'limit' && j < a.length - 1) {
      const l = parseLong(a[++j]);
      if (l === null || l < 0) return error("ERR LIMIT can't be negative");
      limit = l;
    } else return SYNTAX;
  }
  const sets = lookupSets(e, a.slice(2, 2 + numkeys));
  if (!Array.isArray(sets)) return sets;
  if (sets.some((x) => x === null)) return ZERO;
  return integer(intersect(sets as Set<string>[], limit).size);
}

/** sunionDiffGenericCommand: missing keys are empty sets. */
function unionDiff(sets: (Set<string> | null)[], diff: boolean): Set<string> {
  if (!diff) {
    const out = new Set<string>();
    for (const s of sets) if (s) for (const m of s) out.add(m);
    return out;
  }
  const out = new Set<string>();
  const first = sets[0];
  if (!first) return out;
  for (const m of first) {
    let keep = true;
    for (let i = 1; i < sets.length && keep; i++) if (sets[i]?.has(m)) keep = false;
    if (keep) out.add(m);
  }
  return out;
}

function unionDiffCommand(diff: boolean, store: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const sets = lookupSets(e, a.slice(store ? 2 : 1));
    if (!Array.isArray(sets)) return sets;
    const result = unionDiff(sets, diff);
    return store ? storeSet(e, a[1], result) : bulkArray(intsetOrder(result));
  };
}

/**
 * The members of a new result set in the order redis-server replies them:
 * sunionDiffGenericCommand builds it as an intset, which keeps integers
 * ascending, until a non-integer or the set-max-intset-entries+1st member
 * makes it a hashtable (whose order the comparators treat as unordered).
 */
function intsetOrder(result: Set<string>): string[] {
  const all = [...result];
  const intset = all.length <= SET_MAX_INTSET_ENTRIES && all.every((m) => parseInt64(m) !== null);
  return intset ? ascending(all) : all;
}

/** Canonical integers in ascending order, as an intset keeps them. */
function ascending(ints: string[]): string[] {
  return ints.sort((x, y) => {
    const d = BigInt(x) - BigInt(y);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  });
}

function smove(e: Engine, a: string[]): Reply {
  const src = e.lookup(a[1]);
  const dst = e.lookup(a[2]);
  if (!src) return ZERO;
  if (src.type !== 'set' || (dst && dst.type !== 'set')) return WRONGTYPE;
  if (src === dst) return src.value.has(a[3]) ? ONE : ZERO;
  if (!src.value.delete(a[3])) return ZERO;
  e.deleteIfEmpty(a[1], src);
  let target = dst;
  if (!target) {
    target = { type: 'set', value: new Set() };
    e.add(a[2], target);
  }
  e.touch(a[1]);
  e.dirty++;
  if (target.type === 'set' && !target.value.has(a[3])) {
    target.value.add(a[3]);
    e.dirty++;
    e.touch(a[2]);
  }
  return ONE;
}

/** A uniformly random member (setTypeRandomElement). */
function randomMember(e: Engine, members: string[]): string {
  return members[randomIndex(e, members.length)];
}

function spop(e: Engine, a: string[]): Reply {
  if (a.length > 3) return SYNTAX;
  const key = a[1];
  if (a.length === 2) {
    const v = e.lookup(key);
    if (!v) return NULL_BULK;
    if (v.type !== 'set') return WRONGTYPE;
    const m = randomMember(e, [...v.value]);
    v.value.delete(m);
    e.propArgv = ['SREM', key, m];
    e.deleteIfEmpty(key, v);
    e.touch(key);
    e.dirty++;
    return bulk(m);
  }
  const count = parseLong(a[2]);
  if (count === null || count < 0) return error('ERR value is out of range, must be positive');
  const v = e.lookup(key);
  if (!v) return array([]);
  if (v.type !== 'set') return WRONGTYPE;
  if (count === 0) return array([]);
  const size = v.value.size;
  e.touch(key);
  if (count >= size) {
    const all = [...v.value];
    e.dirty += size;
    e.delete(key);
    e.propArgv = ['DEL', key];
    return bulkArray(all);
  }
  e.dirty += count;
  const members = [...v.value];
  // Partial Fisher-Yates: `count` distinct random members, each logged as SREM.
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(e, members.length - i);
    const t = members[i];
    members[i] = members[j];
    members[j] = t;
    v.value.delete(members[i]);
    e.alsoPropagate(['SREM', key, members[i]]);
  }
  e.propArgv = []; // preventCommandPropagation: the SREMs stand for it
  return bulkArray(members.slice(0, count));
}

function srandmember(e: Engine, a: string[]): Reply {
  if (a.length > 3) return SYNTAX;
  if (a.length === 2) {
    const v = e.lookup(a[1]);
    if (!v) return NULL_BULK;
    if (v.type !== 'set') return WRONGTYPE;
    return bulk(randomMember(e, [...v.value]));
  }
  const l = parseLong(a[2]);
  if (l === null) return NOT_INTEGER;
  if (a[2] === '-9223372036854775808') {
    return error(
      'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
    );
  }
  const v = e.lookup(a[1]);
  if (!v) return array([]);
  if (v.type !== 'set') return WRONGTYPE;
  const members = [...v.value];
  return bulkArray(randomPicks(e, members, l));
}

/** SRANDMEMBER/ZRANDMEMBER count rules: positive = distinct (at most all), negative = |n| with repeats. */
export function randomPicks<T>(e: Engine, members: T[], l: number): T[] {
  if (l === 0) return [];
  const out: T[] = [];
  if (l < 0 || l === 1) {
    for (let i = 0, n = Math.abs(l); i < n; i++) out.push(members[randomIndex(e, members.length)]);
    return out;
  }
  if (l >= members.length) return members.slice();
  const pool = members.slice();
  for (let i = 0; i < l; i++) {
    const j = i + randomIndex(e, pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
    out.push(pool[i]);
  }
  return out;
}

function sscan(e: Engine, a: string[]): Reply {
  const cursor = parseScanCursor(a[2]);
  if (typeof cursor !== 'number') return cursor;
  const v = e.lookup(a[1]);
  if (!v) return EMPTY_SCAN;
  if (v.type !== 'set') return WRONGTYPE;
  const opts = parseScanOptions(a, 3);
  if ('type' in opts) return opts;
  // An intset is returned whole, sorted; a hashtable (for good, even once all integers again) by cursor.
  if (objectEncoding(v) === 'intset') {
    const all = ascending([...v.value]);
    const pattern = opts.pattern;
    return scanReply(0, pattern === null ? all : all.filter((m) => globMatch(pattern, m)));
  }
  const r = scanMembers(v.value, v.value.size, cursor, opts);
  return scanReply(r.cursor, r.found);
}

export const setCommands: Record<string, CommandSpec> = {
  sadd: { arity: -3, run: sadd },
  srem: { arity: -3, run: srem },
  smembers: { arity: 2, run: smembers },
  sinter: { arity: -2, run: sinter },
  scard: { arity: 2, run: scard },
  sismember: { arity: 3, run: sismember },
  smismember: { arity: -3, run: smismember },
  sinterstore: { arity: -3, run: sinterstore },
  sintercard: { arity: -3, run: sintercard },
  sunion: { arity: -2, run: unionDiffCommand(false, false) },
  sunionstore: { arity: -3, run: unionDiffCommand(false, true) },
  sdiff: { arity: -2, run: unionDiffCommand(true, false) },
  sdiffstore: { arity: -3, run: unionDiffCommand(true, true) },
  smove: { arity: 4, run: smove },
  spop: { arity: -2, run: spop },
  srandmember: { arity: -2, run: srandmember },
  sscan: { arity: -3, run: sscan },
};
