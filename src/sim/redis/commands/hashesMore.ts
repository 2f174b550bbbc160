// The rest of 7.0's hash commands (t_hash.c): HEXISTS, HINCRBYFLOAT, HKEYS,
// HLEN, HMGET, HRANDFIELD, HSCAN, HSETNX, HSTRLEN, HVALS.
import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { objectEncoding } from '../encoding';
import { parseInt64 } from '../int64';
import { addLongDouble, formatLongDoubleHuman, longDoubleFromInt } from '../longDouble';
import {
  array,
  bulk,
  bulkArray,
  error,
  integer,
  NOT_FLOAT,
  NOT_INTEGER,
  NULL_BULK,
  ONE,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import { byteLength } from '../resp';
import { EMPTY_SCAN, parseScanCursor, scanCollection } from '../scanCursor';
import type { Entry } from '../types';
import { longDoubleOf } from './stringsMore';

type Hash = Extract<Entry, { type: 'hash' }>;

/** lookupKeyRead + checkType(hash). */
function readHash(e: Engine, key: string): Hash | undefined | 'wrongtype' {
  const v = e.lookup(key);
  if (!v) return undefined;
  return v.type === 'hash' ? v : 'wrongtype';
}

/** hashTypeLookupWriteOrCreate: creates the (empty) key even if the command then fails. */
function hashForWrite(e: Engine, key: string): Hash | null {
  const v = e.lookup(key);
  if (v && v.type !== 'hash') return null;
  if (v) return v;
  const h: Hash = { type: 'hash', value: new Map() };
  e.add(key, h);
  return h;
}

function hexists(e: Engine, a: string[]): Reply {
  const h = readHash(e, a[1]);
  if (h === 'wrongtype') return WRONGTYPE;
  return h && h.value.has(a[2]) ? ONE : ZERO;
}

function hlen(e: Engine, a: string[]): Reply {
  const h = readHash(e, a[1]);
  if (h === 'wrongtype') return WRONGTYPE;
  return integer(h ? h.value.size : 0);
}

function hstrlen(e: Engine, a: string[]): Reply {
  const h = readHash(e, a[1]);
  if (h === 'wrongtype') return WRONGTYPE;
  const v = h?.value.get(a[2]);
  return integer(v === undefined ? 0 : byteLength(v));
}

function hmget(e: Engine, a: string[]): Reply {
  const h = readHash(e, a[1]);
  if (h === 'wrongtype') return WRONGTYPE;
  const out: Reply[] = [];
  for (let i = 2; i < a.length; i++) out.push(bulk(h?.value.get(a[i]) ?? null));
  return array(out);
}

function hkeysVals(keys: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const h = readHash(e, a[1]);
    if (h === 'wrongtype') return WRONGTYPE;
    if (!h) return array([]);
    return bulkArray(keys ? [...h.value.keys()] : [...h.value.values()]);
  };
}

function hsetnx(e: Engine, a: string[]): Reply {
  const h = hashForWrite(e, a[1]);
  if (!h) return WRONGTYPE;
  if (h.value.has(a[2])) return ZERO;
  h.value.set(a[2], a[3]);
  e.touch(a[1]);
  e.dirty++;
  return ONE;
}

function hincrbyfloat(e: Engine, a: string[]): Reply {
  const incr = longDoubleOf(a[3]);
  if (incr === null) return NOT_FLOAT;
  if (incr.kind === 'inf') return error('ERR value is NaN or Infinity');
  const h = hashForWrite(e, a[1]);
  if (!h) return WRONGTYPE;
  const old = h.value.get(a[2]);
  const cur = old === undefined ? longDoubleFromInt(0n) : longDoubleOf(old);
  if (cur === null) return error('ERR hash value is not a float');
  const sum = addLongDouble(cur, incr);
  if (sum === null || sum.kind === 'inf') {
    return error('ERR increment would produce NaN or Infinity');
  }
  const value = formatLongDoubleHuman(sum);
  h.value.set(a[2], value);
  e.touch(a[1]);
  e.dirty++;
  // Replicated as HSET with the final value, so float formatting cannot drift.
  e.propArgv = ['HSET', a[1], a[2], value];
  return bulk(value);
}

const LONG_MAX = 9223372036854775807n;
/** The most repeated picks a negative HRANDFIELD count may ask for here. */
export const MAX_RANDOM_PICKS = 1_000_000;

function hrandfield(e: Engine, a: string[]): Reply {
  if (a.length === 2) {
    const h = readHash(e, a[1]);
    if (h === 'wrongtype') return WRONGTYPE;
    if (!h) return NULL_BULK;
    const fields = [...h.value.keys()];
    return bulk(fields[e.randomInt(fields.length)]);
  }
  const l = parseInt64(a[2]);
  if (l === null) return NOT_INTEGER;
  if (l < -LONG_MAX) {
    return error(
      'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
    );
  }
  if (a.length > 4 || (a.length === 4 && a[3].toLowerCase() !== 'withvalues')) return SYNTAX;
  const withvalues = a.length === 4;
  if (withvalues && (l < -LONG_MAX / 2n || l > LONG_MAX / 2n)) {
    return error('ERR value is out of range');
  }
  const h = readHash(e, a[1]);
  if (h === 'wrongtype') return WRONGTYPE;
  if (!h || l === 0n) return array([]);
  const entries = [...h.value];
  const pick: [string, string][] = [];
  if (l < 0n || l === 1n) {
    // Negative: repetitions allowed, exactly |count| picks. redis-server would
    // stream billions of them; the simulation refuses rather than hang.
    const n = l < 0n ? -l : l;
    if (n > BigInt(MAX_RANDOM_PICKS)) {
      return error(`ERR count exceeds the simulation limit of ${MAX_RANDOM_PICKS} picks`);
    }
    for (let i = 0n; i < n; i++) pick.push(entries[e.randomInt(entries.length)]);
  } else if (l >= BigInt(entries.length)) {
    for (const x of entries) pick.push(x);
  } else {
    // Distinct fields: a partial Fisher-Yates shuffle.
    const n = Number(l);
    for (let i = 0; i < n; i++) {
      const j = i + e.randomInt(entries.length - i);
      [entries[i], entries[j]] = [entries[j], entries[i]];
      pick.push(entries[i]);
    }
  }
  const out: string[] = [];
  for (const [f, v] of pick) {
    out.push(f);
    if (withvalues) out.push(v);
  }
  return bulkArray(out);
}

function hscan(e: Engine, a: string[]): Reply {
  const cursor = parseScanCursor(a[2]);
  if (typeof cursor !== 'number') return cursor;
  const h = readHash(e, a[1]);
  if (h === 'wrongtype') return WRONGTYPE;
  if (!h) return EMPTY_SCAN;
  return scanCollection(
    a,
    cursor,
    { items: h.value, size: h.value.size, compact: objectEncoding(h) !== 'hashtable' },
    { owner: h.value, version: e.writeVersion },
    ([f]) => f,
    ([f, v], out) => out.push(f, v),
  );
}

export const moreHashCommands: Record<string, CommandSpec> = {
  hexists: { arity: 3, run: hexists },
  hincrbyfloat: { arity: 4, run: hincrbyfloat },
  hkeys: { arity: 2, run: hkeysVals(true) },
  hvals: { arity: 2, run: hkeysVals(false) },
  hlen: { arity: 2, run: hlen },
  hmget: { arity: -3, run: hmget },
  hrandfield: { arity: -2, run: hrandfield },
  hscan: { arity: -3, run: hscan },
  hsetnx: { arity: 4, run: hsetnx },
  hstrlen: { arity: 3, run: hstrlen },
};
