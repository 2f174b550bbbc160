import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { addInt64, INT64_MAX, INT64_MIN, parseInt64 } from '../int64';
import { moreStringCommands } from './stringsMore';
import {
  array,
  bulk,
  error,
  ERR_OVERFLOW,
  NOT_INTEGER,
  NULL_BULK,
  OK,
  SYNTAX,
  WRONGTYPE,
  type Reply,
} from '../reply';

function get(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return NULL_BULK;
  if (v.type !== 'string') return WRONGTYPE;
  return bulk(v.value);
}

const F_NX = 1;
const F_XX = 2;
const F_GET = 4;
const F_KEEPTTL = 8;
const F_EX = 16;
const F_PX = 32;
const F_EXAT = 64;
const F_PXAT = 128;
const F_ANY_EXPIRE = F_EX | F_PX | F_EXAT | F_PXAT;

/** SET with the option grammar of parseExtendedStringArgumentsOrReply. */
function set(e: Engine, a: string[]): Reply {
  let flags = 0;
  let expire: string | null = null;
  for (let j = 3; j < a.length; j++) {
    const opt = a[j].toLowerCase();
    const hasNext = j < a.length - 1;
    if (opt === 'nx' && !(flags & F_XX)) flags |= F_NX;
    else if (opt === 'xx' && !(flags & F_NX)) flags |= F_XX;
    else if (opt === 'get') flags |= F_GET;
    else if (opt === 'keepttl' && !(flags & F_ANY_EXPIRE)) flags |= F_KEEPTTL;
    else if (
      (opt === 'ex' || opt === 'px' || opt === 'exat' || opt === 'pxat') &&
      hasNext &&
      !(flags & F_KEEPTTL)
    ) {
      const f = opt === 'ex' ? F_EX : opt === 'px' ? F_PX : opt === 'exat' ? F_EXAT : F_PXAT;
      // The same unit may repeat (the last wins); a different one may not.
      if (flags & F_ANY_EXPIRE & ~f) return SYNTAX;
      flags |= f;
      expire = a[++j];
    } else return SYNTAX;
  }
  let ms = 0n;
  if (expire !== null) {
    const v = parseInt64(expire);
    if (v === null) return NOT_INTEGER;
    const bad = error("ERR invalid expire time in 'set' command");
    const seconds = (flags & (F_EX | F_EXAT)) !== 0;
    if (v <= 0n || (seconds && v > INT64_MAX / 1000n)) return bad;
    ms = seconds ? v * 1000n : v;
    if (flags & (F_EX | F_PX)) ms += BigInt(e.nowMs);
    // C wraps around on overflow and then sees a non-positive time.
    if (ms > INT64_MAX) return bad;
  }
  const key = a[1];
  let old: Reply | null = null;
  if (flags & F_GET) {
    old = get(e, ['get', key]);
    if (old.type === 'error') return old;
  }
  const found = e.lookup(key) !== undefined;
  if ((flags & F_NX && found) || (flags & F_XX && !found)) return old ?? NULL_BULK;
  e.setKey(key, { type: 'string', value: a[2] }, (flags & F_KEEPTTL) !== 0);
  e.dirty++;
  if (expire !== null) {
    e.setExpire(key, ms);
    e.propArgv = ['SET', key, a[2], 'PXAT', String(ms)];
  } else if (flags & F_GET) {
    e.propArgv = a.filter((x, j) => j < 3 || x.toLowerCase() !== 'get');
  }
  return old ?? OK;
}

function mget(e: Engine, a: string[]): Reply {
  const out: Reply[] = [];
  for (let i = 1; i < a.length; i++) {
    const v = e.lookup(a[i]);
    out.push(v && v.type === 'string' ? bulk(v.value) : NULL_BULK);
  }
  return array(out);
}

function incrDecr(e: Engine, key: string, by: bigint): Reply {
  const v = e.lookup(key);
  if (v && v.type !== 'string') return WRONGTYPE;
  const cur = v ? parseInt64(v.value) : 0n;
  if (cur === null) return NOT_INTEGER;
  const next = addInt64(cur, by);
  if (next === null) return error(ERR_OVERFLOW);
  const value = String(next);
  if (v) {
    v.value = value;
    // A new integer object replaces whatever encoding the old one had.
    delete v.made;
    e.touch(key);
  } else e.add(key, { type: 'string', value });
  e.dirty++;
  return { type: 'integer', value };
}

export const stringCommands: Record<string, CommandSpec> = {
  get: { arity: 2, run: get },
  set: { arity: -3, run: set },
  mget: { arity: -2, run: mget },
  incr: { arity: 2, run: (e, a) => incrDecr(e, a[1], 1n) },
  decr: { arity: 2, run: (e, a) => incrDecr(e, a[1], -1n) },
  incrby: {
    arity: 3,
    run: (e, a) => {
      const by = parseInt64(a[2]);
      return by === null ? NOT_INTEGER : incrDecr(e, a[1], by);
    },
  },
  decrby: {
    arity: 3,
    run: (e, a) => {
      const by = parseInt64(a[2]);
      if (by === null) return NOT_INTEGER;
      if (by === INT64_MIN) return error('ERR decrement would overflow');
      return incrDecr(e, a[1], -by);
    },
  },
  ...moreStringCommands,
};
