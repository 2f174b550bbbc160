import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { globMatch } from '../glob';
import { INT64_MAX, INT64_MIN, parseInt64 } from '../int64';
import {
  bulkArray,
  error,
  integer,
  NOT_INTEGER,
  OK,
  ONE,
  simple,
  SYNTAX,
  ZERO,
  type Reply,
} from '../reply';
import { moreKeyCommands } from './keysMore';

function del(e: Engine, a: string[]): Reply {
  let n = 0;
  for (let i = 1; i < a.length; i++) {
    // expireIfNeeded first: an expired key counts as not deleted.
    if (e.lookup(a[i]) !== undefined && e.delete(a[i])) n++;
  }
  e.dirty += n;
  return integer(n);
}

function exists(e: Engine, a: string[]): Reply {
  let n = 0;
  // LOOKUP_NOTOUCH: EXISTS, TYPE and the TTL family leave OBJECT IDLETIME alone.
  for (let i = 1; i < a.length; i++) if (e.lookup(a[i], true) !== undefined) n++;
  return integer(n);
}

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (expireGenericCommand). Propagates as
 * PEXPIREAT with the absolute time, or DEL when the time is already past.
 */
function expireGeneric(relative: boolean, seconds: boolean, name: string) {
  return (e: Engine, a: string[]): Reply => {
    let flags = 0;
    for (let j = 3; j < a.length; j++) {
      const o = a[j].toLowerCase();
      if (o === 'nx') flags |= NX;
      else if (o === 'xx') flags |= XX;
      else if (o === 'gt') flags |= GT;
      else if (o === 'lt') flags |= LT;
      else return error(`ERR Unsupported option ${a[j]}`);
    }
    if (flags & NX && flags & (XX | GT | LT)) {
      return error('ERR NX and XX, GT or LT options at the same time are not compatible');
    }
    if (flags & GT && flags & LT) {
      return error('ERR GT and LT options at the same time are not compatible');
    }
    let when = parseInt64(a[2]);
    if (when === null) return NOT_INTEGER;
    const timeErr = error(`ERR invalid expire time in '${name}' command`);
    if (seconds) {
      if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) return timeErr;
      when *= 1000n;
    }
    const base = relative ? BigInt(e.nowMs) : 0n;
    if (when > INT64_MAX - base) return timeErr;
    when += base;
    const key = a[1];
    if (e.lookup(key) === undefined) return ZERO;
    if (flags) {
      const cur = e.getExpire(key);
      if (flags & NX && cur !== null) return ZERO;
      if (flags & XX && cur === null) return ZERO;
      if (flags & GT && (cur === null || when <= cur)) return ZERO;
      if (flags & LT && cur !== null && when >= cur) return ZERO;
    }
    if (when <= BigInt(e.nowMs) && !e.loading) {
      e.delete(key);
      e.dirty++;
      e.propArgv = ['DEL', key];
      return ONE;
    }
    e.setExpire(key, when);
    e.dirty++;
    const prop = a.slice();
    prop[0] = name === 'pexpireat' ? a[0] : 'PEXPIREAT';
    if (relative || seconds) prop[2] = String(when);
    e.propArgv = prop;
    return ONE;
  };
}

function ttlGeneric(ms: boolean) {
  return (e: Engine, a: string[]): Reply => {
    if (e.lookup(a[1], true) === undefined) return integer(-2);
    const when = e.getExpire(a[1]);
    if (when === null) return integer(-1);
    let ttl = when - BigInt(e.nowMs);
    if (ttl < 0n) ttl = 0n;
    return integer(ms ? ttl : (ttl + 500n) / 1000n);
  };
}

function persist(e: Engine, a: string[]): Reply {
  if (e.lookup(a[1]) === undefined || !e.removeExpire(a[1])) return ZERO;
  e.touch(a[1]);
  e.dirty++;
  return ONE;
}

function type(e: Engine, a: string[]): Reply {
  return simple(e.lookup(a[1], true)?.type ?? 'none');
}

function keys(e: Engine, a: string[]): Reply {
  const pattern = a[1];
  const all = pattern === '*';
  const out: string[] = [];
  for (const k of e.data.keys()) {
    if ((all || globMatch(pattern, k)) && !e.isExpired(k)) out.push(k);
  }
  return bulkArray(out);
}

function flushall(e: Engine, a: string[]): Reply {
  if (a.length > 2) return SYNTAX;
  if (a.length === 2 && !['sync', 'async'].includes(a[1].toLowerCase())) return SYNTAX;
  e.dirty += e.clearData();
  if (e.bgsaveInProgress) e.bgsaveInProgress = false;
  if (e.config.save !== '') {
    // With save points FLUSHALL also writes an empty RDB synchronously; it
    // keeps `dirty` so the next save point still fires.
    e.lastSaveMs = e.nowMs;
  }
  // Even an empty FLUSHALL reaches the AOF.
  e.forcePropagation = true;
  return OK;
}

function select(_e: Engine, a: string[]): Reply {
  const db = parseInt64(a[1]);
  if (db === null) return error('ERR value is not an integer or out of range');
  // The simulation keeps one database.
  return db === 0n ? OK : error('ERR DB index is out of range');
}

export const keyCommands: Record<string, CommandSpec> = {
  del: { arity: -2, run: del },
  exists: { arity: -2, run: exists },
  expire: { arity: -3, run: expireGeneric(true, true, 'expire') },
  pexpire: { arity: -3, run: expireGeneric(true, false, 'pexpire') },
  expireat: { arity: -3, run: expireGeneric(false, true, 'expireat') },
  pexpireat: { arity: -3, run: expireGeneric(false, false, 'pexpireat') },
  ttl: { arity: 2, run: ttlGeneric(false) },
  pttl: { arity: 2, run: ttlGeneric(true) },
  persist: { arity: 2, run: persist },
  type: { arity: 2, run: type },
  dbsize: { arity: 1, run: (e) => integer(e.data.size) },
  keys: { arity: 2, run: keys },
  flushall: { arity: -1, run: flushall },
  select: { arity: 2, run: select },
  ...moreKeyCommands,
};
