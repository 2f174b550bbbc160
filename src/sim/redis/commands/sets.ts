import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { array, bulkArray, integer, ONE, WRONGTYPE, ZERO, type Reply } from '../reply';

function sadd(e: Engine, a: string[]): Reply {
  const key = a[1];
  let v = e.lookup(key);
  if (v && v.type !== 'set') return WRONGTYPE;
  if (!v) {
    v = { type: 'set', value: new Set() };
    e.add(key, v);
  }
  const set = v.value;
  let added = 0;
  for (let i = 2; i < a.length; i++) {
    if (!set.has(a[i])) {
      set.add(a[i]);
      added++;
    }
  }
  if (added) e.touch(key);
  e.dirty += added;
  return integer(added);
}

function srem(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'set') return WRONGTYPE;
  let removed = 0;
  for (let i = 2; i < a.length; i++) if (v.value.delete(a[i])) removed++;
  if (removed) e.touch(a[1]);
  e.dirty += removed;
  e.deleteIfEmpty(a[1], v);
  return integer(removed);
}

function smembers(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return array([]);
  if (v.type !== 'set') return WRONGTYPE;
  return bulkArray([...v.value]);
}

/** SINTER: a missing key is an empty set, but every key is type-checked first. */
function sinter(e: Engine, a: string[]): Reply {
  const sets: Set<string>[] = [];
  let empty = false;
  for (let i = 1; i < a.length; i++) {
    const v = e.lookup(a[i]);
    if (!v) {
      empty = true;
      continue;
    }
    if (v.type !== 'set') return WRONGTYPE;
    sets.push(v.value);
  }
  if (empty) return array([]);
  sets.sort((x, y) => x.size - y.size);
  const out: string[] = [];
  for (const m of sets[0]) if (sets.every((s) => s.has(m))) out.push(m);
  return bulkArray(out);
}

function scard(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'set') return WRONGTYPE;
  return integer(v.value.size);
}

function sismember(e: Engine, a: string[]): Reply {
  const v = e.lookup(a[1]);
  if (!v) return ZERO;
  if (v.type !== 'set') return WRONGTYPE;
  return v.value.has(a[2]) ? ONE : ZERO;
}

export const setCommands: Record<string, CommandSpec> = {
  sadd: { arity: -3, run: sadd },
  srem: { arity: -3, run: srem },
  smembers: { arity: 2, run: smembers },
  sinter: { arity: -2, run: sinter },
  scard: { arity: 2, run: scard },
  sismember: { arity: 3, run: sismember },
};
