// Shared pieces of the sorted-set commands: range parsing and walking
// (score and lex, as zslParseRange / zslParseLexRange), and the *STORE tail.
import type { Engine } from '../engine';
import { formatDouble } from '../double';
import { bulk, integer, ZERO, type Reply } from '../reply';
import { byteCmp, SortedSet } from '../sortedSet';

/** The sorted set at `key`, null when missing, 'wrongtype' for another type. */
export function zsetOrNull(e: Engine, key: string): SortedSet | null | 'wrongtype' {
  const v = e.lookup(key);
  if (!v) return null;
  if (v.type !== 'zset') return 'wrongtype';
  return v.value;
}

/** Appends member i (and its %.17g score) to a reply. */
export function emit(out: Reply[], z: SortedSet, i: number, withScores: boolean): void {
  out.push(bulk(z.members[i]));
  if (withScores) out.push(bulk(formatDouble(z.values[i])));
}

/** One end of a score range; `exclusive` for a '(' bound. */
export interface Bound {
  value: number;
  exclusive: boolean;
}
/** Whether a score is above a range's lower end. */
export const gteMin = (x: number, min: Bound): boolean =>
  min.exclusive ? x > min.value : x >= min.value;
/** Whether a score is below a range's upper end. */
export const lteMax = (x: number, max: Bound): boolean =>
  max.exclusive ? x < max.value : x <= max.value;

/** One end of a lex range: '[' inclusive, '(' exclusive, '-' / '+' the infinities. */
export interface LexBound {
  value: string;
  exclusive: boolean;
  /** -1 for '-', +1 for '+', 0 for a string. */
  inf: number;
}
/** zslParseLexRangeItem: null where Redis says 'not valid string range item'. */
export function parseLex(s: string): LexBound | null {
  if (s === '+') return { value: '', exclusive: false, inf: 1 };
  if (s === '-') return { value: '', exclusive: false, inf: -1 };
  if (s[0] === '(') return { value: s.slice(1), exclusive: true, inf: 0 };
  if (s[0] === '[') return { value: s.slice(1), exclusive: false, inf: 0 };
  return null;
}
/** Orders two lex bounds (the infinities first/last). */
export function lexCmp(a: LexBound, b: LexBound): number {
  if (a.inf !== 0 || b.inf !== 0) return a.inf === b.inf ? 0 : a.inf < b.inf ? -1 : 1;
  return byteCmp(a.value, b.value);
}
/** Whether a member is above a lex range's lower end. */
export function lexGteMin(m: string, min: LexBound): boolean {
  if (min.inf) return min.inf < 0;
  const c = byteCmp(m, min.value);
  return min.exclusive ? c > 0 : c >= 0;
}
/** Whether a member is below a lex range's upper end. */
export function lexLteMax(m: string, max: LexBound): boolean {
  if (max.inf) return max.inf > 0;
  const c = byteCmp(m, max.value);
  return max.exclusive ? c < 0 : c <= 0;
}

/** Positions of a score range, walking from the low or the high end; offset/limit as Redis. */
export function scoreRangeIndexes(
  z: SortedSet,
  lo: Bound,
  hi: Bound,
  rev: boolean,
  offset: number,
  limit: number,
): number[] {
  const out: number[] = [];
  const len = z.size;
  if (lo.value > hi.value || (lo.value === hi.value && (lo.exclusive || hi.exclusive))) return out;
  if (offset > 0 && offset >= len) return out;
  // A negative offset makes Redis skip forever: nothing is returned.
  if (offset < 0) return out;
  let remaining = limit < 0 ? Infinity : limit;
  if (!rev) {
    let i = 0;
    while (i < len && !gteMin(z.values[i], lo)) i++;
    i += offset;
    for (; i < len && remaining > 0 && lteMax(z.values[i], hi); i++, remaining--) out.push(i);
  } else {
    let i = len - 1;
    while (i >= 0 && !lteMax(z.values[i], hi)) i--;
    i -= offset;
    for (; i >= 0 && remaining > 0 && gteMin(z.values[i], lo); i--, remaining--) out.push(i);
  }
  return out;
}

/** True when the lex range cannot match anything (zslIsInLexRange's first checks). */
export function lexRangeEmpty(lo: LexBound, hi: LexBound): boolean {
  const c = lexCmp(lo, hi);
  return c > 0 || (c === 0 && (lo.exclusive || hi.exclusive));
}

/** Positions of a lex range as the listpack walk finds them (first >= min, then while <= max). */
export function lexRangeIndexes(
  z: SortedSet,
  lo: LexBound,
  hi: LexBound,
  rev: boolean,
  offset: number,
  limit: number,
): number[] {
  const out: number[] = [];
  const len = z.size;
  if (lexRangeEmpty(lo, hi)) return out;
  if (offset > 0 && offset >= len) return out;
  if (offset < 0) return out;
  if (len === 0 || !lexGteMin(z.members[len - 1], lo) || !lexLteMax(z.members[0], hi)) return out;
  let remaining = limit < 0 ? Infinity : limit;
  // Linear scans, like the listpack encoding every small sorted set uses.
  if (!rev) {
    let i = 0;
    while (i < len && !lexGteMin(z.members[i], lo)) i++;
    if (i < len && !lexLteMax(z.members[i], hi)) return out;
    i += offset;
    for (; i < len && remaining > 0 && lexLteMax(z.members[i], hi); i++, remaining--) out.push(i);
  } else {
    let i = len - 1;
    while (i >= 0 && !lexLteMax(z.members[i], hi)) i--;
    if (i >= 0 && !lexGteMin(z.members[i], lo)) return out;
    i -= offset;
    for (; i >= 0 && remaining > 0 && lexGteMin(z.members[i], lo); i--, remaining--) out.push(i);
  }
  return out;
}

/** The tail of ZRANGESTORE / ZUNIONSTORE...: setKey when non-empty, else delete the destination. */
export function storeZset(e: Engine, dst: string, result: SortedSet): Reply {
  if (result.size > 0) {
    e.lookup(dst); // setKey looks the key up first (lazy expiry)
    if (e.data.has(dst)) e.setKey(dst, { type: 'zset', value: result });
    else e.add(dst, { type: 'zset', value: result });
    e.removeExpire(dst);
    e.dirty++;
    return integer(result.size);
  }
  if (e.delete(dst)) e.dirty++;
  return ZERO;
}
