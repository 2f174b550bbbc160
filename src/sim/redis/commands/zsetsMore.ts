// The sorted-set commands beyond ZADD/ZRANGE (t_zset.c in 7.0): counting,
// removing ranges, popping (and blocking pops), random members, set algebra
// (ZUNION/ZINTER/ZDIFF, which also take plain sets) and ZSCAN.
import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { parseTimeout } from '../blocking';
import {
  EMPTY_SCAN,
  parseScanCursor,
  parseScanOptions,
  scanMembers,
  scanReply,
} from '../collectionScan';
import { formatDouble, parseDouble, parseScoreBound } from '../double';
import { objectEncoding } from '../encoding';
import { globMatch } from '../glob';
import { parseLong } from '../int64';
import { isMpopArgs, parseMpopArgs } from './mpopArgs';
import {
  array,
  bulk,
  error,
  integer,
  NOT_INTEGER,
  NULL_ARRAY,
  NULL_BULK,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import { byteCmp, SortedSet } from '../sortedSet';
import { randomPicks } from './sets';
import { gteMin, lexRangeIndexes, lteMax, parseLex, storeZset, zsetOrNull } from './zsetRange';

const NOT_FLOAT_RANGE = 'ERR min or max is not a float';
const NOT_LEX_RANGE = 'ERR min or max not valid string range item';

function zcount(e: Engine, a: string[]): Reply {
  const lo = parseScoreBound(a[2]);
  const hi = parseScoreBound(a[3]);
  if (!lo || !hi) return error(NOT_FLOAT_RANGE);
  const z = zsetOrNull(e, a[1]);
  if (z === null) return ZERO;
  if (z === 'wrongtype') return WRONGTYPE;
  let n = 0;
  for (let i = 0; i < z.size; i++) if (gteMin(z.values[i], lo) && lteMax(z.values[i], hi)) n++;
  return integer(n);
}

function zlexcount(e: Engine, a: string[]): Reply {
  const lo = parseLex(a[2]);
  const hi = parseLex(a[3]);
  if (!lo || !hi) return error(NOT_LEX_RANGE);
  const z = zsetOrNull(e, a[1]);
  if (z === null) return ZERO;
  if (z === 'wrongtype') return WRONGTYPE;
  // The listpack walk: from the first member >= min, while members are <= max.
  return integer(lexRangeIndexes(z, lo, hi, false, 0, -1).length);
}

function zrem(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'zset') return WRONGTYPE;
  let n = 0;
  for (let i = 2; i < a.length; i++) if (v.value.delete(a[i])) n++;
  if (n) {
    e.touch(a[1]);
    e.dirty += n;
    e.deleteIfEmpty(a[1], v);
  }
  return integer(n);
}

/** zremrangeGenericCommand for ZREMRANGEBYRANK and ZREMRANGEBYLEX. */
function zremrange(kind: 'rank' | 'lex') {
  return (e: Engine, a: string[]): Reply => {
    let start = 0;
    let end = 0;
    const lo = kind === 'lex' ? parseLex(a[2]) : null;
    const hi = kind === 'lex' ? parseLex(a[3]) : null;
    if (kind === 'rank') {
      const s = parseLong(a[2]);
      if (s === null) return NOT_INTEGER;
      const t = parseLong(a[3]);
      if (t === null) return NOT_INTEGER;
      start = s;
      end = t;
    } else if (!lo || !hi) return error(NOT_LEX_RANGE);
    const v = e.lookup(a[1]);
    if (!v) return ZERO;
    if (v.type !== 'zset') return WRONGTYPE;
    const z = v.value;
    let from: number;
    let to: number;
    if (kind === 'rank') {
      const len = z.size;
      if (start < 0) start += len;
      if (end < 0) end += len;
      if (start < 0) start = 0;
      if (start > end || start >= len) return ZERO;
      if (end >= len) end = len - 1;
      from = start;
      to = end + 1;
    } else {
      const idx = lexRangeIndexes(z, lo!, hi!, false, 0, -1);
      from = idx.length ? idx[0] : 0;
      to = idx.length ? idx[idx.length - 1] + 1 : 0;
    }
    const n = to - from;
    if (n > 0) {
      z.removeRange(from, to);
      e.touch(a[1]);
      e.dirty += n;
      e.deleteIfEmpty(a[1], v);
    }
    return integer(n);
  };
}

function zrevrank(e: Engine, a: string[]): Reply {
  const z = zsetOrNull(e, a[1]);
  if (z === null) return NULL_BULK;
  if (z === 'wrongtype') return WRONGTYPE;
  const r = z.rank(a[2]);
  return r === null ? NULL_BULK : integer(z.size - 1 - r);
}

function zmscore(e: Engine, a: string[]): Reply {
  const z = zsetOrNull(e, a[1]);
  if (z === 'wrongtype') return WRONGTYPE;
  const out: Reply[] = [];
  for (let i = 2; i < a.length; i++) {
    const s = z?.scores.get(a[i]);
    out.push(s === undefined ? NULL_BULK : bulk(formatDouble(s)));
  }
  return array(out);
}

/**
 * genericZpopCommand on one existing sorted set: pops up to `count` from the
 * low (min) or high end. Flat [m, s, ...] or nested [[m, s], ...].
 */
function popFrom(e: Engine, key: string, min: boolean, count: number, nested: boolean): Reply[] {
  const v = e.lookup(key)!;
  if (v.type !== 'zset') throw new Error('popFrom: not a zset');
  const z = v.value;
  const n = Math.min(count, z.size);
  const items: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const at = min ? 0 : z.size - 1;
    const member = z.members[at];
    const score = bulk(formatDouble(z.values[at]));
    z.delete(member);
    if (nested) items.push(array([bulk(member), score]));
    else items.push(bulk(member), score);
  }
  e.dirty += n;
  e.touch(key);
  e.deleteIfEmpty(key, v);
  return items;
}

function zpop(min: boolean) {
  return (e: Engine, a: string[]): Reply => {
    if (a.length > 3) return SYNTAX;
    let count = 1;
    if (a.length === 3) {
      const c = parseLong(a[2]);
      if (c === null || c < 0) return error('ERR value is out of range, must be positive');
      count = c;
    }
    const z = zsetOrNull(e, a[1]);
    if (z === null) return array([]);
    if (z === 'wrongtype') return WRONGTYPE;
    if (count === 0) return array([]);
    return array(popFrom(e, a[1], min, count, false));
  };
}

/** ZMPOP / BZMPOP: numkeys, keys, MIN|MAX, [COUNT n]. */
function zmpop(block: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const parsed = parseMpopArgs(a, block, (w) => {
      const lw = w.toLowerCase();
      return lw === 'min' || lw === 'max' ? lw : null;
    });
    if (!isMpopArgs(parsed)) return parsed;
    const { keys, where, count } = parsed;
    if (block) return blockingZpop(e, keys, where === 'min', a[1], count, 'bzmpop');
    for (const key of keys) {
      const z = zsetOrNull(e, key);
      if (z === null) continue;
      if (z === 'wrongtype') return WRONGTYPE;
      e.propArgv = [where === 'min' ? 'ZPOPMIN' : 'ZPOPMAX', key, String(Math.min(count, z.size))];
      return array([bulk(key), array(popFrom(e, key, where === 'min', count, true))]);
    }
    return NULL_ARRAY;
  };
}

/** blockingGenericZpopCommand: pops at once from the first non-empty key, else blocks. */
function blockingZpop(
  e: Engine,
  keys: string[],
  min: boolean,
  timeoutArg: string,
  count: number,
  cmd: 'bzpopmin' | 'bzpopmax' | 'bzmpop',
): Reply {
  const timeout = parseTimeout(timeoutArg);
  if (typeof timeout !== 'number') return timeout;
  for (const key of keys) {
    const z = zsetOrNull(e, key);
    if (z === null) continue;
    if (z === 'wrongtype') return WRONGTYPE;
    const name = min ? 'ZPOPMIN' : 'ZPOPMAX';
    if (count === -1) {
      e.propArgv = [name, key];
      return array([bulk(key), ...popFrom(e, key, min, 1, false)]);
    }
    e.propArgv = [name, key, String(Math.min(count, z.size))];
    return array([bulk(key), array(popFrom(e, key, min, count, true))]);
  }
  if (e.inExec) return NULL_ARRAY;
  e.block(e.client, {
    keys,
    deadlineMs: timeout > 0 ? e.nowMs + timeout : 0,
    cmd,
    head: min,
    count,
  });
  return { type: 'blocked' };
}

function zrandmember(e: Engine, a: string[]): Reply {
  if (a.length >= 3) {
    const l = parseLong(a[2]);
    if (l === null) return NOT_INTEGER;
    if (a[2] === '-9223372036854775808') {
      return error(
        'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
      );
    }
    if (a.length > 4 || (a.length === 4 && a[3].toLowerCase() !== 'withscores')) return SYNTAX;
    const withScores = a.length === 4;
    const big = BigInt(a[2]);
    if (withScores && (big < -4611686018427387903n || big > 4611686018427387903n)) {
      return error('ERR value is out of range');
    }
    const z = zsetOrNull(e, a[1]);
    if (z === null) return array([]);
    if (z === 'wrongtype') return WRONGTYPE;
    const picks = randomPicks(
      e,
      z.members.map((_, i) => i),
      l,
    );
    const out: Reply[] = [];
    for (const i of picks) {
      out.push(bulk(z.members[i]));
      if (withScores) out.push(bulk(formatDouble(z.values[i])));
    }
    return array(out);
  }
  const z = zsetOrNull(e, a[1]);
  if (z === null) return NULL_BULK;
  if (z === 'wrongtype') return WRONGTYPE;
  return bulk(randomPicks(e, z.members, -1)[0]);
}

type SetOp = 'union' | 'inter' | 'diff';
/** A source of ZUNION & co: a sorted set, or a plain set whose members all score 1. */
type Source = { members: string[]; score: (m: string) => number | undefined; size: number } | null;

function aggregate(target: number, value: number, how: string): number {
  if (how === 'sum') {
    const r = target + value;
    return Number.isNaN(r) ? 0 : r;
  }
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

/**
 * zunionInterDiffGenericCommand: ZUNION, ZINTER, ZDIFF, their *STORE forms
 * and ZINTERCARD. Keys are type-checked before the options are parsed.
 */
function zsetOp(op: SetOp, store: boolean, cardOnly = false) {
  return (e: Engine, a: string[]): Reply => {
    const numIdx = store ? 2 : 1;
    const setnum = parseLong(a[numIdx]);
    if (setnum === null) return NOT_INTEGER;
    if (setnum < 1) {
      return error(`ERR at least 1 input key is needed for '${a[0].toLowerCase()}' command`);
    }
    if (setnum > a.length - (numIdx + 1)) return SYNTAX;
    const src: Source[] = [];
    const weights: number[] = [];
    let j = numIdx + 1;
    for (let i = 0; i < setnum; i++, j++) {
      const v = e.lookup(a[j]);
      if (v && v.type !== 'zset' && v.type !== 'set') return WRONGTYPE;
      if (!v) src.push(null);
      else if (v.type === 'zset') {
        const z = v.value;
        src.push({ members: z.members, score: (m) => z.scores.get(m), size: z.size });
      } else if (v.type === 'set') {
        const s = v.value;
        src.push({ members: [...s], score: (m) => (s.has(m) ? 1 : undefined), size: s.size });
      }
      weights.push(1);
    }
    let how = 'sum';
    let withScores = false;
    let limit = 0;
    while (j < a.length) {
      const remaining = a.length - j;
      const o = a[j].toLowerCase();
      if (op !== 'diff' && !cardOnly && remaining >= setnum + 1 && o === 'weights') {
        j++;
        for (let i = 0; i < setnum; i++, j++) {
          const w = parseDouble(a[j]);
          if (w === null) return error('ERR weight value is not a float');
          weights[i] = w;
        }
      } else if (op !== 'diff' && !cardOnly && remaining >= 2 && o === 'aggregate') {
        const g = a[j + 1].toLowerCase();
        if (g !== 'sum' && g !== 'min' && g !== 'max') return SYNTAX;
        how = g;
        j += 2;
      } else if (!store && !cardOnly && o === 'withscores') {
        withScores = true;
        j++;
      } else if (cardOnly && remaining >= 2 && o === 'limit') {
        const l = parseLong(a[j + 1]);
        if (l === null || l < 0) return error("ERR LIMIT can't be negative");
        limit = l;
        j += 2;
      } else return SYNTAX;
    }
    // Sources by ascending size (stable), except for ZDIFF whose first key is special.
    const order = src.map((_, i) => i);
    const size = (i: number): number => src[i]?.size ?? 0;
    if (op !== 'diff') order.sort((x, y) => size(x) - size(y));
    const result = new Map<string, number>();
    if (op === 'inter') {
      const first = src[order[0]];
      let card = 0;
      if (first) {
        for (const m of first.members) {
          let score = weights[order[0]] * first.score(m)!;
          if (Number.isNaN(score)) score = 0;
          let k = 1;
          for (; k < order.length; k++) {
            const s = src[order[k]]?.score(m);
            if (s === undefined) break;
            score = aggregate(score, s * weights[order[k]], how);
          }
          if (k < order.length) continue;
          if (cardOnly) {
            card++;
            if (limit && card >= limit) break;
          } else result.set(m, score);
        }
      }
      if (cardOnly) return integer(card);
    } else if (op === 'union') {
      for (const i of order) {
        const s = src[i];
        if (!s) continue;
        for (const m of s.members) {
          let score = weights[i] * s.score(m)!;
          if (Number.isNaN(score)) score = 0;
          const old = result.get(m);
          result.set(m, old === undefined ? score : aggregate(old, score, how));
        }
      }
    } else {
      const first = src[0];
      if (first) {
        for (const m of first.members) {
          let found = false;
          for (let i = 1; i < src.length && !found; i++) found = src[i]?.score(m) !== undefined;
          if (!found) result.set(m, first.score(m)!);
        }
      }
    }
    if (store) {
      const z = new SortedSet();
      for (const [m, s] of result) z.set(m, s);
      return storeZset(e, a[1], z);
    }
    // A skiplist keeps -0 as it is, so sort without normalizing the scores.
    const sorted = [...result].sort((x, y) =>
      x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : byteCmp(x[0], y[0]),
    );
    const out: Reply[] = [];
    for (const [m, s] of sorted) {
      out.push(bulk(m));
      if (withScores) out.push(bulk(formatDouble(s)));
    }
    return array(out);
  };
}

function zscan(e: Engine, a: string[]): Reply {
  const cursor = parseScanCursor(a[2]);
  if (typeof cursor !== 'number') return cursor;
  const v = e.lookup(a[1]);
  if (!v) return EMPTY_SCAN;
  if (v.type !== 'zset') return WRONGTYPE;
  const z = v.value;
  const opts = parseScanOptions(a, 3);
  if ('type' in opts) return opts;
  let members: string[];
  let next = 0;
  // A listpack is returned whole; a skiplist (for good, even once small again) by cursor.
  if (objectEncoding(v) === 'listpack') members = z.members;
  else {
    const r = scanMembers(z.members, z.size, cursor, { count: opts.count, pattern: null });
    members = r.found;
    next = r.cursor;
  }
  const out: string[] = [];
  const pattern = opts.pattern;
  for (const m of members) {
    if (pattern !== null && !globMatch(pattern, m)) continue;
    out.push(m, formatDouble(z.scores.get(m)!));
  }
  return scanReply(next, out);
}

export const zsetMoreCommands: Record<string, CommandSpec> = {
  zcount: { arity: 4, run: zcount },
  zlexcount: { arity: 4, run: zlexcount },
  zrem: { arity: -3, run: zrem },
  zremrangebyrank: { arity: 4, run: zremrange('rank') },
  zremrangebylex: { arity: 4, run: zremrange('lex') },
  zrevrank: { arity: 3, run: zrevrank },
  zmscore: { arity: -3, run: zmscore },
  zpopmin: { arity: -2, run: zpop(true) },
  zpopmax: { arity: -2, run: zpop(false) },
  zmpop: { arity: -4, run: zmpop(false) },
  bzmpop: { arity: -5, run: zmpop(true) },
  bzpopmin: {
    arity: -3,
    run: (e, a) => blockingZpop(e, a.slice(1, -1), true, a[a.length - 1], -1, 'bzpopmin'),
  },
  bzpopmax: {
    arity: -3,
    run: (e, a) => blockingZpop(e, a.slice(1, -1), false, a[a.length - 1], -1, 'bzpopmax'),
  },
  zrandmember: { arity: -2, run: zrandmember },
  zunion: { arity: -3, run: zsetOp('union', false) },
  zinter: { arity: -3, run: zsetOp('inter', false) },
  zdiff: { arity: -3, run: zsetOp('diff', false) },
  zunionstore: { arity: -4, run: zsetOp('union', true) },
  zinterstore: { arity: -4, run: zsetOp('inter', true) },
  zdiffstore: { arity: -4, run: zsetOp('diff', true) },
  zintercard: { arity: -3, run: zsetOp('inter', false, true) },
  zscan: { arity: -3, run: zscan },
};
