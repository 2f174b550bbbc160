import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { strtod } from '../double';
import { parseLong } from '../int64';
import {
  array,
  bulk,
  bulkArray,
  error,
  integer,
  NOT_INTEGER,
  NULL_ARRAY,
  NULL_BULK,
  OK,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';

function push(head: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const key = a[1];
    let v = e.lookup(key);
    if (v && v.type !== 'list') return WRONGTYPE;
    if (!v) {
      v = { type: 'list', value: [] };
      e.add(key, v);
    }
    const list = v.value;
    if (head) {
      const items = a.slice(2).reverse();
      list.unshift(...items);
    } else {
      for (let i = 2; i < a.length; i++) list.push(a[i]);
    }
    e.touch(key);
    e.dirty += a.length - 2;
    e.signalListReady(key);
    return integer(list.length);
  };
}

function pop(head: boolean) {
  return (e: Engine, a: string[]): Reply => {
    if (a.length > 3)
      return error(`ERR wrong number of arguments for '${head ? 'lpop' : 'rpop'}' command`);
    const hasCount = a.length === 3;
    let count = 0;
    if (hasCount) {
      const c = parseLong(a[2]);
      // getPositiveLongFromObjectOrReply uses one message for both failures.
      if (c === null || c < 0) return error('ERR value is out of range, must be positive');
      count = c;
    }
    const key = a[1];
    const v = e.lookup(key);
    if (!v) return hasCount ? NULL_ARRAY : NULL_BULK;
    if (v.type !== 'list') return WRONGTYPE;
    if (hasCount && count === 0) return array([]);
    const list = v.value;
    let reply: Reply;
    let n: number;
    if (!hasCount) {
      reply = bulk((head ? list.shift() : list.pop())!);
      n = 1;
    } else {
      n = Math.min(count, list.length);
      const taken = head ? list.splice(0, n) : list.splice(list.length - n, n).reverse();
      reply = bulkArray(taken);
    }
    e.touch(key);
    e.dirty += n;
    e.deleteIfEmpty(key, v);
    return reply;
  };
}

/** BRPOP: pops at once if it can, else blocks (never inside EXEC). */
function brpop(e: Engine, a: string[]): Reply {
  const t = a[a.length - 1];
  const r = strtod(t);
  if (
    t.length === 0 ||
    /^[ \t\n\v\f\r]/.test(t) ||
    r.end !== t.length ||
    Number.isNaN(r.value) ||
    (r.erange && (!Number.isFinite(r.value) || r.value === 0))
  ) {
    return error('ERR timeout is not a float or out of range');
  }
  const timeoutMs = Math.trunc(r.value * 1000);
  if (timeoutMs < 0) return error('ERR timeout is negative');
  const keys = a.slice(1, -1);
  for (const key of keys) {
    const v = e.lookup(key);
    if (!v) continue;
    if (v.type !== 'list') return WRONGTYPE;
    const value = v.value.pop()!;
    e.touch(key);
    e.dirty++;
    e.deleteIfEmpty(key, v);
    e.propArgv = ['RPOP', key];
    return bulkArray([key, value]);
  }
  if (e.inExec) return NULL_ARRAY;
  e.block(e.client, keys, timeoutMs > 0 ? e.nowMs + timeoutMs : 0);
  return { type: 'blocked' };
}

/** Clamps a Redis index range to [start, end] or null when empty. */
function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

function lrange(e: Engine, a: string[]): Reply {
  const start = parseLong(a[2]);
  const end = parseLong(a[3]);
  if (start === null || end === null) return NOT_INTEGER;
  const v = e.lookup(a[1]);
  if (!v) return array([]);
  if (v.type !== 'list') return WRONGTYPE;
  const r = clampRange(start, end, v.value.length);
  return bulkArray(r ? v.value.slice(r[0], r[1] + 1) : []);
}

function ltrim(e: Engine, a: string[]): Reply {
  const start = parseLong(a[2]);
  const end = parseLong(a[3]);
  if (start === null || end === null) return NOT_INTEGER;
  const v = e.lookup(a[1]);
  if (!v) return OK;
  if (v.type !== 'list') return WRONGTYPE;
  const list = v.value;
  const len = list.length;
  const r = clampRange(start, end, len);
  const [ltrimN, rtrimN] = r ? [r[0], len - r[1] - 1] : [len, 0];
  if (rtrimN > 0) list.splice(len - rtrimN, rtrimN);
  if (ltrimN > 0) list.splice(0, ltrimN);
  if (ltrimN + rtrimN > 0) e.touch(a[1]);
  e.dirty += ltrimN + rtrimN;
  e.deleteIfEmpty(a[1], v);
  return OK;
}

function llen(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'list') return WRONGTYPE;
  return integer(v.value.length);
}

export const listCommands: Record<string, CommandSpec> = {
  lpush: { arity: -3, run: push(true) },
  rpush: { arity: -3, run: push(false) },
  lpop: { arity: -2, run: pop(true) },
  rpop: { arity: -2, run: pop(false) },
  brpop: { arity: -3, run: brpop },
  lrange: { arity: 4, run: lrange },
  ltrim: { arity: 4, run: ltrim },
  llen: { arity: 2, run: llen },
};
