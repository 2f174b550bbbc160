import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { parseTimeout, pushTo, type BlockSpec } from '../blocking';
import { parseLong } from '../int64';
import { isMpopArgs, parseMpopArgs } from './mpopArgs';
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
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import type { Entry } from '../types';

function push(head: boolean, xx: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const key = a[1];
    let v = e.lookup(key);
    if (v && v.type !== 'list') return WRONGTYPE;
    if (!v) {
      if (xx) return ZERO;
      v = { type: 'list', value: [] };
      e.add(key, v);
    }
    if (head) {
      // Built without spreading: LPUSH may carry any number of elements.
      const items: string[] = [];
      for (let i = a.length - 1; i >= 2; i--) items.push(a[i]);
      v.value = items.length > v.value.length ? items.concat(v.value) : prepend(v.value, items);
    } else {
      for (let i = 2; i < a.length; i++) v.value.push(a[i]);
    }
    e.touch(key);
    e.dirty += a.length - 2;
    return integer(v.value.length);
  };
}

/** Puts `items` in front of `list`, keeping the same array object. */
function prepend(list: string[], items: string[]): string[] {
  const n = items.length;
  const old = list.length;
  list.length = old + n;
  for (let i = old - 1; i >= 0; i--) list[i + n] = list[i];
  for (let i = 0; i < n; i++) list[i] = items[i];
  return list;
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
      reply = bulkArray(takeRange(list, head, n));
    }
    e.touch(key);
    e.dirty += n;
    e.deleteIfEmpty(key, v);
    return reply;
  };
}

/** Removes n elements from one end, in the order they are popped. */
function takeRange(list: string[], head: boolean, n: number): string[] {
  return head ? list.splice(0, n) : list.splice(list.length - n, n).reverse();
}

/** LEFT / RIGHT (getListPositionFromObjectOrReply): true for the head. */
function position(s: string): boolean | null {
  const l = s.toLowerCase();
  return l === 'left' ? true : l === 'right' ? false : null;
}

/** listPopRangeAndReplyWithKey: [key, [elements]], propagated as [LR]POP key n. */
function popRangeWithKey(e: Engine, key: string, list: Entry, head: boolean, count: number): Reply {
  if (list.type !== 'list') throw new Error('not a list');
  const n = Math.min(count, list.value.length);
  const taken = takeRange(list.value, head, n);
  e.touch(key);
  e.dirty += n;
  e.deleteIfEmpty(key, list);
  e.propArgv = [head ? 'LPOP' : 'RPOP', key, String(n)];
  return array([bulk(key), bulkArray(taken)]);
}

/** blockingPopGenericCommand: pops at once if it can, else blocks (never inside EXEC). */
function blockingPop(
  e: Engine,
  keys: string[],
  head: boolean,
  timeoutArg: string,
  count: number,
  cmd: BlockSpec['cmd'],
): Reply {
  const timeout = parseTimeout(timeoutArg);
  if (typeof timeout !== 'number') return timeout;
  for (const key of keys) {
    const v = e.lookup(key);
    if (!v) continue;
    if (v.type !== 'list') return WRONGTYPE;
    if (count !== -1) return popRangeWithKey(e, key, v, head, count);
    const value = (head ? v.value.shift() : v.value.pop())!;
    e.touch(key);
    e.dirty++;
    e.deleteIfEmpty(key, v);
    e.propArgv = [head ? 'LPOP' : 'RPOP', key];
    return bulkArray([key, value]);
  }
  if (e.inExec) return NULL_ARRAY;
  e.block(e.client, { keys, deadlineMs: deadline(e, timeout), cmd, head, count });
  return { type: 'blocked' };
}

function deadline(e: Engine, timeoutMs: number): number {
  return timeoutMs > 0 ? e.nowMs + timeoutMs : 0;
}

/** LMPOP / BLMPOP: numkeys, keys, LEFT|RIGHT, [COUNT n]. */
function mpop(block: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const parsed = parseMpopArgs(a, block, position);
    if (!isMpopArgs(parsed)) return parsed;
    const { keys, where: head, count } = parsed;
    if (block) return blockingPop(e, keys, head, a[1], count, 'blmpop');
    for (const key of keys) {
      const v = e.lookup(key);
      if (!v) continue;
      if (v.type !== 'list') return WRONGTYPE;
      return popRangeWithKey(e, key, v, head, count);
    }
    return NULL_ARRAY;
  };
}

/** lmoveGenericCommand; BLMOVE and BRPOPLPUSH are propagated as LMOVE / RPOPLPUSH. */
function lmoveGeneric(e: Engine, a: string[], fromHead: boolean, toHead: boolean): Reply {
  const src = e.lookup(a[1]);
  if (!src) return NULL_BULK;
  if (src.type !== 'list') return WRONGTYPE;
  const dst = e.lookup(a[2]);
  if (dst && dst.type !== 'list') return WRONGTYPE;
  const value = (fromHead ? src.value.shift() : src.value.pop())!;
  pushTo(e, a[2], value, toHead);
  // The source may be the destination: only now can it be empty.
  e.deleteIfEmpty(a[1], src);
  e.touch(a[1]);
  e.dirty++;
  const name = a[0].toLowerCase();
  if (name === 'blmove') e.propArgv = ['LMOVE', a[1], a[2], a[3], a[4]];
  else if (name === 'brpoplpush') e.propArgv = ['RPOPLPUSH', a[1], a[2]];
  return bulk(value);
}

function lmove(e: Engine, a: string[]): Reply {
  const from = position(a[3]);
  if (from === null) return SYNTAX;
  const to = position(a[4]);
  if (to === null) return SYNTAX;
  return lmoveGeneric(e, a, from, to);
}

function rpoplpush(e: Engine, a: string[]): Reply {
  return lmoveGeneric(e, a, false, true);
}

/** blmoveGenericCommand: LMOVE when the source has elements, else wait for it. */
function blmoveGeneric(
  e: Engine,
  a: string[],
  fromHead: boolean,
  toHead: boolean,
  timeout: number,
): Reply {
  const src = e.lookup(a[1]);
  if (src && src.type !== 'list') return WRONGTYPE;
  if (src) return lmoveGeneric(e, a, fromHead, toHead);
  if (e.inExec) return NULL_BULK;
  const cmd = a[0].toLowerCase() === 'blmove' ? 'blmove' : 'brpoplpush';
  e.block(e.client, {
    keys: [a[1]],
    deadlineMs: deadline(e, timeout),
    cmd,
    head: fromHead,
    target: a[2],
    toHead,
    count: -1,
  });
  return { type: 'blocked' };
}

function blmove(e: Engine, a: string[]): Reply {
  const from = position(a[3]);
  if (from === null) return SYNTAX;
  const to = position(a[4]);
  if (to === null) return SYNTAX;
  const t = parseTimeout(a[5]);
  if (typeof t !== 'number') return t;
  return blmoveGeneric(e, a, from, to, t);
}

function brpoplpush(e: Engine, a: string[]): Reply {
  const t = parseTimeout(a[3]);
  if (typeof t !== 'number') return t;
  return blmoveGeneric(e, a, false, true, t);
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

function lindex(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return NULL_BULK;
  if (v.type !== 'list') return WRONGTYPE;
  let i = parseLong(a[2]);
  if (i === null) return NOT_INTEGER;
  if (i < 0) i += v.value.length;
  return i >= 0 && i < v.value.length ? bulk(v.value[i]) : NULL_BULK;
}

function lset(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return error('ERR no such key');
  if (v.type !== 'list') return WRONGTYPE;
  let i = parseLong(a[2]);
  if (i === null) return NOT_INTEGER;
  if (i < 0) i += v.value.length;
  if (i < 0 || i >= v.value.length) return error('ERR index out of range');
  v.value[i] = a[3];
  e.touch(a[1]);
  e.dirty++;
  return OK;
}

function linsert(e: Engine, a: string[]): Reply {
  const where = a[2].toLowerCase();
  if (where !== 'after' && where !== 'before') return SYNTAX;
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'list') return WRONGTYPE;
  const i = v.value.indexOf(a[3]);
  if (i < 0) return integer(-1);
  v.value.splice(where === 'after' ? i + 1 : i, 0, a[4]);
  e.touch(a[1]);
  e.dirty++;
  return integer(v.value.length);
}

function lpos(e: Engine, a: string[]): Reply {
  let rank = 1;
  let rankIsMin = false;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < a.length; j++) {
    const o = a[j].toLowerCase();
    const more = j < a.length - 1;
    if (o === 'rank' && more) {
      const r = parseLong(a[++j]);
      if (r === null) return NOT_INTEGER;
      if (r === 0) {
        return error(
          "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
        );
      }
      rank = r;
      rankIsMin = a[j] === '-9223372036854775808';
    } else if (o === 'count' && more) {
      const c = parseLong(a[++j]);
      if (c === null || c < 0) return error("ERR COUNT can't be negative");
      count = c;
    } else if (o === 'maxlen' && more) {
      const m = parseLong(a[++j]);
      if (m === null || m < 0) return error("ERR MAXLEN can't be negative");
      maxlen = m;
    } else return SYNTAX;
  }
  const fromTail = rank < 0;
  // -LONG_MIN overflows in C and stays LONG_MIN, so the first match qualifies.
  if (fromTail && !rankIsMin) rank = -rank;
  const v = e.lookup(a[1]);
  if (!v) return count !== -1 ? array([]) : NULL_BULK;
  if (v.type !== 'list') return WRONGTYPE;
  const list = v.value;
  const len = list.length;
  const found: Reply[] = [];
  let matches = 0;
  for (let idx = 0; idx < len && (maxlen === 0 || idx < maxlen); idx++) {
    const at = fromTail ? len - 1 - idx : idx;
    if (list[at] !== a[2]) continue;
    matches++;
    if (matches >= rank) {
      if (count === -1) return integer(at);
      found.push(integer(at));
      if (count && matches - rank + 1 >= count) break;
    }
  }
  return count === -1 ? NULL_BULK : array(found);
}

function lrem(e: Engine, a: string[]): Reply {
  let toremove = parseLong(a[2]);
  if (toremove === null) return NOT_INTEGER;
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'list') return WRONGTYPE;
  const list = v.value;
  const fromTail = toremove < 0;
  if (fromTail) toremove = -toremove;
  const keep = new Array<boolean>(list.length).fill(true);
  let removed = 0;
  for (let idx = 0; idx < list.length; idx++) {
    const at = fromTail ? list.length - 1 - idx : idx;
    if (list[at] === a[3]) {
      keep[at] = false;
      removed++;
      if (toremove && removed === toremove) break;
    }
  }
  if (removed) {
    v.value = list.filter((_, i) => keep[i]);
    e.touch(a[1]);
    e.dirty += removed;
  }
  e.deleteIfEmpty(a[1], v);
  return integer(removed);
}

export const listCommands: Record<string, CommandSpec> = {
  lpush: { arity: -3, run: push(true, false) },
  rpush: { arity: -3, run: push(false, false) },
  lpushx: { arity: -3, run: push(true, true) },
  rpushx: { arity: -3, run: push(false, true) },
  lpop: { arity: -2, run: pop(true) },
  rpop: { arity: -2, run: pop(false) },
  blpop: {
    arity: -3,
    run: (e, a) => blockingPop(e, a.slice(1, -1), true, a[a.length - 1], -1, 'blpop'),
  },
  brpop: {
    arity: -3,
    run: (e, a) => blockingPop(e, a.slice(1, -1), false, a[a.length - 1], -1, 'brpop'),
  },
  lmpop: { arity: -4, run: mpop(false) },
  blmpop: { arity: -5, run: mpop(true) },
  lmove: { arity: 5, run: lmove },
  blmove: { arity: 6, run: blmove },
  rpoplpush: { arity: 3, run: rpoplpush },
  brpoplpush: { arity: 4, run: brpoplpush },
  lindex: { arity: 3, run: lindex },
  lset: { arity: 4, run: lset },
  linsert: { arity: 5, run: linsert },
  lpos: { arity: -3, run: lpos },
  lrem: { arity: 4, run: lrem },
  lrange: { arity: 4, run: lrange },
  ltrim: { arity: 4, run: ltrim },
  llen: { arity: 2, run: llen },
};
