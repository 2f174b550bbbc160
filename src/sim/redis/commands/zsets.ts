import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { formatDouble, parseDouble, parseScoreBound } from '../double';
import { parseLong } from '../int64';
import {
  array,
  bulk,
  error,
  integer,
  NOT_FLOAT,
  NOT_INTEGER,
  NULL_BULK,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import { SortedSet } from '../sortedSet';
import {
  emit,
  gteMin,
  lteMax,
  parseLex,
  zsetOrNull,
  lexRangeIndexes,
  scoreRangeIndexes,
  storeZset,
  type Bound,
  type LexBound,
} from './zsetRange';
import { zsetMoreCommands } from './zsetsMore';

const NAN_ERR = 'ERR resulting score is not a number (NaN)';

/** zaddGenericCommand, shared by ZADD and ZINCRBY (which is ZADD INCR). */
function zaddGeneric(forceIncr: boolean) {
  return (e: Engine, a: string[]): Reply => {
    let nx = false;
    let xx = false;
    let gt = false;
    let lt = false;
    let ch = false;
    let incr = forceIncr;
    let idx = 2;
    for (; idx < a.length; idx++) {
      const o = a[idx].toLowerCase();
      if (o === 'nx') nx = true;
      else if (o === 'xx') xx = true;
      else if (o === 'ch') ch = true;
      else if (o === 'incr') incr = true;
      else if (o === 'gt') gt = true;
      else if (o === 'lt') lt = true;
      else break;
    }
    const rest = a.length - idx;
    if (rest % 2 !== 0 || rest === 0) return SYNTAX;
    const n = rest / 2;
    if (nx && xx) return error('ERR XX and NX options at the same time are not compatible');
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      return error('ERR GT, LT, and/or NX options at the same time are not compatible');
    }
    if (incr && n > 1) return error('ERR INCR option supports a single increment-element pair');
    const scores: number[] = [];
    for (let j = 0; j < n; j++) {
      const s = parseDouble(a[idx + j * 2]);
      if (s === null) return NOT_FLOAT;
      scores.push(s);
    }
    const key = a[1];
    let v = e.lookup(key);
    if (v && v.type !== 'zset') return WRONGTYPE;
    let added = 0;
    let updated = 0;
    let processed = 0;
    let score = 0;
    let reply: Reply | null = null;
    if (!v && !xx) {
      v = { type: 'zset', value: new SortedSet() };
      e.add(key, v);
    }
    if (v) {
      const z = v.value;
      for (let j = 0; j < n; j++) {
        const member = a[idx + 1 + j * 2];
        let s = scores[j];
        const cur = z.scores.get(member);
        if (cur !== undefined) {
          if (nx) continue;
          if (incr) {
            s += cur;
            if (Number.isNaN(s)) {
              reply = error(NAN_ERR);
              break;
            }
          }
          if ((lt && s >= cur) || (gt && s <= cur)) continue;
          processed++;
          score = s;
          if (s !== cur) {
            z.set(member, s);
            updated++;
          }
        } else if (!xx) {
          z.set(member, s);
          added++;
          processed++;
          score = s;
        }
      }
    }
    if (added || updated) e.touch(key);
    // A NaN skips the dirty count (goto cleanup in t_zset.c): not propagated.
    if (reply) return reply;
    e.dirty += added + updated;
    if (incr) return processed ? bulk(formatDouble(score)) : NULL_BULK;
    return integer(ch ? added + updated : added);
  };
}

type RangeType = 'auto' | 'rank' | 'score' | 'lex';

/**
 * zrangeGenericCommand: ZRANGE, ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
 * ZRANGEBYLEX, ZREVRANGEBYLEX and ZRANGESTORE (`store`: argv[1] is the
 * destination and the source key comes one argument later).
 */
function zrangeGeneric(fixedType: RangeType, fixedRev: boolean | null, store = false) {
  return (e: Engine, a: string[]): Reply => {
    const argStart = store ? 2 : 1;
    let withScores = false;
    let offset = 0;
    let limit = -1;
    let rev = fixedRev;
    let mode = fixedType;
    for (let j = argStart + 3; j < a.length; j++) {
      const o = a[j].toLowerCase();
      const left = a.length - j - 1;
      if (!store && o === 'withscores') withScores = true;
      else if (o === 'limit' && left >= 2) {
        const off = parseLong(a[j + 1]);
        if (off === null) return NOT_INTEGER;
        const lim = parseLong(a[j + 2]);
        if (lim === null) return NOT_INTEGER;
        offset = off;
        limit = lim;
        j += 2;
      } else if (rev === null && o === 'rev') rev = true;
      else if (mode === 'auto' && o === 'bylex') mode = 'lex';
      else if (mode === 'auto' && o === 'byscore') mode = 'score';
      else return SYNTAX;
    }
    if (rev === null) rev = false;
    if (mode === 'auto') mode = 'rank';
    if (limit !== -1 && mode === 'rank') {
      return error(
        'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
      );
    }
    if (withScores && mode === 'lex') {
      return error('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
    }
    let minArg = a[argStart + 1];
    let maxArg = a[argStart + 2];
    if (rev && mode !== 'rank') [minArg, maxArg] = [maxArg, minArg];
    let start = 0;
    let end = 0;
    let min: Bound | null = null;
    let max: Bound | null = null;
    let lmin: LexBound | null = null;
    let lmax: LexBound | null = null;
    if (mode === 'rank') {
      const s = parseLong(minArg);
      if (s === null) return NOT_INTEGER;
      const t = parseLong(maxArg);
      if (t === null) return NOT_INTEGER;
      start = s;
      end = t;
    } else if (mode === 'score') {
      min = parseScoreBound(minArg);
      max = parseScoreBound(maxArg);
      if (!min || !max) return error('ERR min or max is not a float');
    } else {
      lmin = parseLex(minArg);
      lmax = parseLex(maxArg);
      if (!lmin || !lmax) return error('ERR min or max not valid string range item');
    }
    const z = zsetOrNull(e, a[argStart]);
    if (z === null) return store ? storeZset(e, a[1], new SortedSet()) : array([]);
    if (z === 'wrongtype') return WRONGTYPE;
    let idx: number[];
    if (mode === 'rank') {
      idx = [];
      const len = z.size;
      if (start < 0) start += len;
      if (end < 0) end += len;
      if (start < 0) start = 0;
      if (!(start > end || start >= len)) {
        if (end >= len) end = len - 1;
        for (let i = start; i <= end; i++) idx.push(rev ? len - 1 - i : i);
      }
    } else if (mode === 'score') idx = scoreRangeIndexes(z, min!, max!, rev, offset, limit);
    else idx = lexRangeIndexes(z, lmin!, lmax!, rev, offset, limit);
    if (store) {
      const out = new SortedSet();
      for (const i of idx) out.set(z.members[i], z.values[i]);
      return storeZset(e, a[1], out);
    }
    const out: Reply[] = [];
    for (const i of idx) emit(out, z, i, withScores);
    return array(out);
  };
}

function zscore(e: Engine, a: string[]): Reply {
  const z = zsetOrNull(e, a[1]);
  if (z === null) return NULL_BULK;
  if (z === 'wrongtype') return WRONGTYPE;
  const s = z.scores.get(a[2]);
  return s === undefined ? NULL_BULK : bulk(formatDouble(s));
}

function zrank(e: Engine, a: string[]): Reply {
  const z = zsetOrNull(e, a[1]);
  if (z === null) return NULL_BULK;
  if (z === 'wrongtype') return WRONGTYPE;
  const r = z.rank(a[2]);
  return r === null ? NULL_BULK : integer(r);
}

function zcard(e: Engine, a: string[]): Reply {
  const z = zsetOrNull(e, a[1]);
  if (z === null) return ZERO;
  if (z === 'wrongtype') return WRONGTYPE;
  return integer(z.size);
}

function zremrangebyscore(e: Engine, a: string[]): Reply {
  const lo = parseScoreBound(a[2]);
  const hi = parseScoreBound(a[3]);
  if (!lo || !hi) return error('ERR min or max is not a float');
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'zset') return WRONGTYPE;
  const z = v.value;
  if (lo.value > hi.value || (lo.value === hi.value && (lo.exclusive || hi.exclusive))) return ZERO;
  let i = 0;
  while (i < z.size && !gteMin(z.values[i], lo)) i++;
  let j = i;
  while (j < z.size && lteMax(z.values[j], hi)) j++;
  const n = j - i;
  if (n > 0) {
    z.removeRange(i, j);
    e.touch(a[1]);
    e.dirty += n;
    e.deleteIfEmpty(a[1], v);
  }
  return integer(n);
}

export const zsetCommands: Record<string, CommandSpec> = {
  zadd: { arity: -4, run: zaddGeneric(false) },
  zincrby: { arity: 4, run: zaddGeneric(true) },
  zrange: { arity: -4, run: zrangeGeneric('auto', null) },
  zrevrange: { arity: -4, run: zrangeGeneric('rank', true) },
  zrangebyscore: { arity: -4, run: zrangeGeneric('score', false) },
  zrevrangebyscore: { arity: -4, run: zrangeGeneric('score', true) },
  zrangebylex: { arity: -4, run: zrangeGeneric('lex', false) },
  zrevrangebylex: { arity: -4, run: zrangeGeneric('lex', true) },
  zrangestore: { arity: -5, run: zrangeGeneric('auto', null, true) },
  ...zsetMoreCommands,
  zscore: { arity: 3, run: zscore },
  zrank: { arity: 3, run: zrank },
  zcard: { arity: 2, run: zcard },
  zremrangebyscore: { arity: 4, run: zremrangebyscore },
};
