// The rest of 7.0's string commands (t_string.c): APPEND, GETDEL, GETEX,
// GETRANGE/SUBSTR, GETSET, INCRBYFLOAT, LCS, MSET/MSETNX, SETEX/PSETEX,
// SETNX, SETRANGE, STRLEN.
import { byteSlice, fromBytes, isAscii, toBytes } from '../bytes';
import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { INT64_MAX, parseInt64 } from '../int64';
import {
  addLongDouble,
  formatLongDoubleHuman,
  longDoubleFromInt,
  parseLongDouble,
  type LongDouble,
} from '../longDouble';
import {
  array,
  bulk,
  error,
  integer,
  NOT_FLOAT,
  NOT_INTEGER,
  NULL_BULK,
  OK,
  ONE,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import { byteLength } from '../resp';
import type { Entry } from '../types';

type Str = Extract<Entry, { type: 'string' }>;

/** proto-max-bulk-len: the largest string Redis builds (512 MB). */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
const TOO_BIG = error('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
/**
 * A browser cannot hold Redis's 512 MB strings (V8 caps strings near 2^29
 * UTF-16 units), so growth past 32 MB that Redis would allow is refused with
 * an error of the simulation's own, never silently.
 */
export const SIM_MAX_STRING = 32 * 1024 * 1024;
const SIM_TOO_BIG = error(
  'ERR string exceeds the simulation limit of 32 MB (redis-server allows 512 MB)',
);

/** lookupKeyRead + checkType(string); undefined for a missing key. */
function readString(e: Engine, key: string): Str | undefined | 'wrongtype' {
  const v = e.lookup(key);
  if (!v) return undefined;
  return v.type === 'string' ? v : 'wrongtype';
}

/** getExpireMillisecondsOrReply: a positive time, relative ones made absolute. */
function expireMs(
  e: Engine,
  text: string,
  seconds: boolean,
  relative: boolean,
  name: string,
): bigint | Reply {
  const v = parseInt64(text);
  if (v === null) return NOT_INTEGER;
  const bad = error(`ERR invalid expire time in '${name}' command`);
  if (v <= 0n || (seconds && v > INT64_MAX / 1000n)) return bad;
  let ms = seconds ? v * 1000n : v;
  if (relative) ms += BigInt(e.nowMs);
  // C wraps around on overflow and then sees a non-positive time.
  if (ms > INT64_MAX) return bad;
  return ms;
}

/** SETEX / PSETEX: SET with a TTL, propagated as SET key value PXAT ms. */
function setex(seconds: boolean, name: string) {
  return (e: Engine, a: string[]): Reply => {
    const ms = expireMs(e, a[2], seconds, true, name);
    if (typeof ms !== 'bigint') return ms;
    e.setKey(a[1], { type: 'string', value: a[3] });
    e.dirty++;
    e.setExpire(a[1], ms);
    e.propArgv = ['SET', a[1], a[3], 'PXAT', String(ms)];
    return OK;
  };
}

function setnx(e: Engine, a: string[]): Reply {
  if (e.lookup(a[1]) !== undefined) return ZERO;
  e.setKey(a[1], { type: 'string', value: a[2] });
  e.dirty++;
  return ONE;
}

function getdel(e: Engine, a: string[]): Reply {
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  if (!v) return NULL_BULK;
  e.delete(a[1]);
  e.dirty++;
  e.propArgv = ['DEL', a[1]];
  return bulk(v.value);
}

const G_EX = 1;
const G_PX = 2;
const G_EXAT = 4;
const G_PXAT = 8;
const G_PERSIST = 16;

/** GETEX: parseExtendedStringArgumentsOrReply in its GET flavour. */
function getex(e: Engine, a: string[]): Reply {
  let flags = 0;
  let expire: string | null = null;
  for (let j = 2; j < a.length; j++) {
    const opt = a[j].toLowerCase();
    const hasNext = j < a.length - 1;
    const anyTime = flags & (G_EX | G_PX | G_EXAT | G_PXAT);
    if (opt === 'persist' && !anyTime) flags |= G_PERSIST;
    else if (
      (opt === 'ex' || opt === 'px' || opt === 'exat' || opt === 'pxat') &&
      hasNext &&
      !(flags & G_PERSIST)
    ) {
      const f = opt === 'ex' ? G_EX : opt === 'px' ? G_PX : opt === 'exat' ? G_EXAT : G_PXAT;
      if (anyTime & ~f) return SYNTAX;
      flags |= f;
      expire = a[++j];
    } else return SYNTAX;
  }
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  if (!v) return NULL_BULK;
  const key = a[1];
  if (expire !== null) {
    const seconds = (flags & (G_EX | G_EXAT)) !== 0;
    const ms = expireMs(e, expire, seconds, (flags & (G_EX | G_PX)) !== 0, 'getex');
    if (typeof ms !== 'bigint') return ms;
    if (flags & (G_EXAT | G_PXAT) && ms <= BigInt(e.nowMs) && !e.loading) {
      e.delete(key);
      e.dirty++;
      e.propArgv = ['DEL', key];
    } else {
      e.setExpire(key, ms);
      e.dirty++;
      e.propArgv = ['PEXPIREAT', key, String(ms)];
    }
  } else if (flags & G_PERSIST) {
    if (e.removeExpire(key)) {
      e.touch(key);
      e.dirty++;
      e.propArgv = ['PERSIST', key];
    }
  }
  return bulk(v.value);
}

function getset(e: Engine, a: string[]): Reply {
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  e.setKey(a[1], { type: 'string', value: a[2] });
  e.dirty++;
  e.propArgv = ['SET', a[1], a[2]];
  return v ? bulk(v.value) : NULL_BULK;
}

function getrange(e: Engine, a: string[]): Reply {
  const s0 = parseInt64(a[2]);
  const e0 = parseInt64(a[3]);
  if (s0 === null || e0 === null) return NOT_INTEGER;
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  if (!v) return bulk('');
  const len = BigInt(byteLength(v.value));
  let start = s0;
  let end = e0;
  if (start < 0n && end < 0n && start > end) return bulk('');
  if (start < 0n) start += len;
  if (end < 0n) end += len;
  if (start < 0n) start = 0n;
  if (end < 0n) end = 0n;
  if (end >= len) end = len - 1n;
  if (start > end || len === 0n) return bulk('');
  return bulk(byteSlice(v.value, Number(start), Number(end) + 1));
}

function setrange(e: Engine, a: string[]): Reply {
  const offset = parseInt64(a[2]);
  if (offset === null) return NOT_INTEGER;
  if (offset < 0n) return error('ERR offset is out of range');
  const value = a[3];
  const vlen = byteLength(value);
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  if (!v && vlen === 0) return ZERO;
  if (v && vlen === 0) return integer(byteLength(v.value));
  if (offset + BigInt(vlen) > BigInt(PROTO_MAX_BULK_LEN)) return TOO_BIG;
  if (offset + BigInt(vlen) > BigInt(SIM_MAX_STRING)) return SIM_TOO_BIG;
  const off = Number(offset);
  const old = v ? v.value : '';
  let next: string;
  if (isAscii(old) && isAscii(value)) {
    const padded = old.length < off ? old + '\0'.repeat(off - old.length) : old;
    next = padded.slice(0, off) + value + padded.slice(off + value.length);
  } else {
    const ob = toBytes(old);
    const vb = toBytes(value);
    const out = new Uint8Array(Math.max(ob.length, off + vb.length));
    out.set(ob);
    out.set(vb, off);
    next = fromBytes(out);
  }
  if (v) {
    v.value = next;
    v.made = 'raw';
    e.touch(a[1]);
  } else e.add(a[1], { type: 'string', value: next, made: 'raw' });
  e.dirty++;
  return integer(byteLength(next));
}

function append(e: Engine, a: string[]): Reply {
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  if (!v) {
    e.add(a[1], { type: 'string', value: a[2] });
    e.dirty++;
    return integer(byteLength(a[2]));
  }
  const total = byteLength(v.value) + byteLength(a[2]);
  if (total > PROTO_MAX_BULK_LEN) return TOO_BIG;
  if (total > SIM_MAX_STRING) return SIM_TOO_BIG;
  v.value += a[2];
  v.made = 'raw';
  e.touch(a[1]);
  e.dirty++;
  return integer(total);
}

function strlen(e: Engine, a: string[]): Reply {
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  return integer(v ? byteLength(v.value) : 0);
}

/** A string value as a long double (getLongDoubleFromObject); null when not a valid float. */
export function longDoubleOf(s: string): LongDouble | null {
  const i = s.length <= 20 ? parseInt64(s) : null;
  if (i !== null) return longDoubleFromInt(i);
  return parseLongDouble(s);
}

function incrbyfloat(e: Engine, a: string[]): Reply {
  const v = readString(e, a[1]);
  if (v === 'wrongtype') return WRONGTYPE;
  const cur = v ? longDoubleOf(v.value) : longDoubleFromInt(0n);
  const incr = longDoubleOf(a[2]);
  if (cur === null || incr === null) return NOT_FLOAT;
  const sum = addLongDouble(cur, incr);
  if (sum === null || sum.kind === 'inf') {
    return error('ERR increment would produce NaN or Infinity');
  }
  const value = formatLongDoubleHuman(sum);
  // createStringObjectFromLongDouble: embstr or raw by length, never int.
  const entry: Str = { type: 'string', value, made: 'plain' };
  if (v) e.setKey(a[1], entry, true);
  else e.add(a[1], entry);
  e.dirty++;
  e.propArgv = ['SET', a[1], value, 'KEEPTTL'];
  return bulk(value);
}

function mset(nx: boolean, name: string) {
  return (e: Engine, a: string[]): Reply => {
    if (a.length % 2 === 0) return error(`ERR wrong number of arguments for '${name}' command`);
    if (nx) {
      for (let j = 1; j < a.length; j += 2) if (e.lookup(a[j]) !== undefined) return ZERO;
    }
    for (let j = 1; j < a.length; j += 2) e.setKey(a[j], { type: 'string', value: a[j + 1] });
    e.dirty += (a.length - 1) / 2;
    return nx ? ONE : OK;
  };
}

/** LCS with its dynamic-programming table and 7.0's backtracking order for IDX. */
function lcs(e: Engine, a: string[]): Reply {
  const oa = e.lookup(a[1]);
  const ob = e.lookup(a[2]);
  if ((oa && oa.type !== 'string') || (ob && ob.type !== 'string')) {
    return error('ERR The specified keys must contain string values');
  }
  let getidx = false;
  let getlen = false;
  let withmatchlen = false;
  let minmatchlen = 0n;
  for (let j = 3; j < a.length; j++) {
    const opt = a[j].toLowerCase();
    const more = a.length - 1 - j;
    if (opt === 'idx') getidx = true;
    else if (opt === 'len') getlen = true;
    else if (opt === 'withmatchlen') withmatchlen = true;
    else if (opt === 'minmatchlen' && more > 0) {
      const m = parseInt64(a[j + 1]);
      if (m === null) return NOT_INTEGER;
      minmatchlen = m < 0n ? 0n : m;
      j++;
    } else return SYNTAX;
  }
  if (getlen && getidx) {
    return error('ERR If you want both the length and indexes, please just use IDX.');
  }
  const A = toBytes(oa && oa.type === 'string' ? oa.value : '');
  const B = toBytes(ob && ob.type === 'string' ? ob.value : '');
  const alen = A.length;
  const blen = B.length;
  if ((alen + 1) * (blen + 1) * 4 > PROTO_MAX_BULK_LEN) {
    return error('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
  }
  const w = blen + 1;
  const t = new Uint32Array((alen + 1) * w);
  for (let i = 1; i <= alen; i++) {
    for (let j = 1; j <= blen; j++) {
      t[i * w + j] =
        A[i - 1] === B[j - 1]
          ? t[(i - 1) * w + j - 1] + 1
          : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
    }
  }
  const total = t[alen * w + blen];
  if (getlen) return integer(total);
  const result = new Uint8Array(total);
  let idx = total;
  const matches: Reply[] = [];
  let aStart = alen;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (i > 0 && j > 0) {
    let emit = false;
    if (A[i - 1] === B[j - 1]) {
      result[idx - 1] = A[i - 1];
      if (aStart === alen) {
        aStart = i - 1;
        aEnd = i - 1;
        bStart = j - 1;
        bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else emit = true;
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (t[(i - 1) * w + j] > t[i * w + j - 1]) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    const matchLen = aEnd - aStart + 1;
    if (emit) {
      if (getidx && (minmatchlen === 0n || BigInt(matchLen) >= minmatchlen)) {
        const m: Reply[] = [
          array([integer(aStart), integer(aEnd)]),
          array([integer(bStart), integer(bEnd)]),
        ];
        if (withmatchlen) m.push(integer(matchLen));
        matches.push(array(m));
      }
      aStart = alen;
    }
  }
  if (getidx) return array([bulk('matches'), array(matches), bulk('len'), integer(total)]);
  return bulk(fromBytes(result));
}

export const moreStringCommands: Record<string, CommandSpec> = {
  append: { arity: 3, run: append },
  getdel: { arity: 2, run: getdel },
  getex: { arity: -2, run: getex },
  getrange: { arity: 4, run: getrange },
  substr: { arity: 4, run: getrange },
  getset: { arity: 3, run: getset },
  incrbyfloat: { arity: 3, run: incrbyfloat },
  lcs: { arity: -3, run: lcs },
  mset: { arity: -3, run: mset(false, 'mset') },
  msetnx: { arity: -3, run: mset(true, 'msetnx') },
  psetex: { arity: 4, run: setex(false, 'psetex') },
  setex: { arity: 4, run: setex(true, 'setex') },
  setnx: { arity: 3, run: setnx },
  setrange: { arity: 4, run: setrange },
  strlen: { arity: 2, run: strlen },
};
