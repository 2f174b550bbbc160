import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { addInt64, parseInt64 } from '../int64';
import {
  array,
  bulk,
  error,
  ERR_OVERFLOW,
  integer,
  NOT_INTEGER,
  NULL_BULK,
  OK,
  WRONGTYPE,
  ZERO,
  type Reply,
} from '../reply';
import type { Entry } from '../types';
import { moreHashCommands } from './hashesMore';

type Hash = Extract<Entry, { type: 'hash' }>;

/** hashTypeLookupWriteOrCreate: creates the key even if the command then fails. */
function hashForWrite(e: Engine, key: string): Hash | null {
  const v = e.lookup(key);
  if (v && v.type !== 'hash') return null;
  if (v) return v;
  const h: Hash = { type: 'hash', value: new Map() };
  e.add(key, h);
  return h;
}

function hset(ok: boolean, name: string) {
  return (e: Engine, a: string[]): Reply => {
    if (a.length % 2 === 1) return error(`ERR wrong number of arguments for '${name}' command`);
    const h = hashForWrite(e, a[1]);
    if (!h) return WRONGTYPE;
    let created = 0;
    for (let i = 2; i < a.length; i += 2) {
      if (!h.value.has(a[i])) created++;
      h.value.set(a[i], a[i + 1]);
    }
    e.touch(a[1]);
    e.dirty += (a.length - 2) / 2;
    return ok ? OK : integer(created);
  };
}

function hget(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return NULL_BULK;
  if (v.type !== 'hash') return WRONGTYPE;
  return bulk(v.value.get(a[2]) ?? null);
}

function hgetall(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return array([]);
  if (v.type !== 'hash') return WRONGTYPE;
  const out: Reply[] = [];
  for (const [f, x] of v.value) out.push(bulk(f), bulk(x));
  return array(out);
}

function hincrby(e: Engine, a: string[]): Reply {
  const by = parseInt64(a[3]);
  if (by === null) return NOT_INTEGER;
  const h = hashForWrite(e, a[1]);
  if (!h) return WRONGTYPE;
  const old = h.value.get(a[2]);
  const cur = old === undefined ? 0n : parseInt64(old);
  if (cur === null) return error('ERR hash value is not an integer');
  const next = addInt64(cur, by);
  if (next === null) return error(ERR_OVERFLOW);
  h.value.set(a[2], String(next));
  e.touch(a[1]);
  e.dirty++;
  return integer(next);
}

function hdel(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'hash') return WRONGTYPE;
  let n = 0;
  for (let i = 2; i < a.length; i++) if (v.value.delete(a[i])) n++;
  if (n) e.touch(a[1]);
  e.dirty += n;
  e.deleteIfEmpty(a[1], v);
  return integer(n);
}

export const hashCommands: Record<string, CommandSpec> = {
  hset: { arity: -4, run: hset(false, 'hset') },
  hmset: { arity: -4, run: hset(true, 'hmset') },
  hget: { arity: 3, run: hget },
  hgetall: { arity: 2, run: hgetall },
  hincrby: { arity: 4, run: hincrby },
  hdel: { arity: -3, run: hdel },
  ...moreHashCommands,
};
