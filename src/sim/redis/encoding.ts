// Redis 7.0's object encodings (OBJECT ENCODING), computed in one place.
// Collections convert one way: once big (hashtable, skiplist) they stay big,
// so the engine calls noteWrite after every write to a key.
import { parseInt64 } from './int64';
import { byteLength } from './resp';
import type { Entry } from './types';

/** 7.0 defaults: hash-max-listpack-entries/value, set-max-intset-entries, zset-max-listpack-*. */
export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;
export const SET_MAX_INTSET_ENTRIES = 512;
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;
/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
export const EMBSTR_SIZE_LIMIT = 44;

function tooLong(s: string, limit: number): boolean {
  // A UTF-8 string has at most 3 bytes per UTF-16 unit: skip the count when short.
  return s.length > limit || (s.length * 3 > limit && byteLength(s) > limit);
}

/** Whether the collection has outgrown its compact encoding right now. */
function outgrown(entry: Entry): boolean {
  switch (entry.type) {
    case 'string':
    case 'list':
      return false;
    case 'hash': {
      if (entry.value.size > HASH_MAX_LISTPACK_ENTRIES) return true;
      for (const [f, v] of entry.value) {
        if (tooLong(f, HASH_MAX_LISTPACK_VALUE) || tooLong(v, HASH_MAX_LISTPACK_VALUE)) return true;
      }
      return false;
    }
    case 'set': {
      if (entry.value.size > SET_MAX_INTSET_ENTRIES) return true;
      for (const m of entry.value) if (parseInt64(m) === null) return true;
      return false;
    }
    case 'zset': {
      if (entry.value.size > ZSET_MAX_LISTPACK_ENTRIES) return true;
      for (const m of entry.value.members) if (tooLong(m, ZSET_MAX_LISTPACK_VALUE)) return true;
      return false;
    }
  }
}

/**
 * Called after every write to a key's value: converts a compact collection
 * that crossed a threshold to its big encoding, for good.
 */
export function noteWrite(entry: Entry): void {
  if (!entry.big && outgrown(entry)) entry.big = true;
}

/** tryObjectEncoding's result for a string value: int, embstr or raw. */
export function stringEncoding(value: string, made?: 'raw' | 'plain' | 'unshared'): string {
  if (made === 'raw') return 'raw';
  if (made !== 'plain' && value.length <= 20 && parseInt64(value) !== null) return 'int';
  return byteLength(value) <= EMBSTR_SIZE_LIMIT ? 'embstr' : 'raw';
}

/** OBJECT ENCODING's answer for a value. */
export function objectEncoding(entry: Entry): string {
  switch (entry.type) {
    case 'string':
      return stringEncoding(entry.value, entry.made);
    case 'list':
      return 'quicklist';
    case 'hash':
      return entry.big ? 'hashtable' : 'listpack';
    case 'set':
      return entry.big ? 'hashtable' : 'intset';
    case 'zset':
      return entry.big ? 'skiplist' : 'listpack';
  }
}

/** OBJECT REFCOUNT: shared integers 0..9999 report INT_MAX (OBJ_SHARED_REFCOUNT). */
export function objectRefcount(entry: Entry): number {
  if (
    entry.type === 'string' &&
    entry.made !== 'unshared' &&
    stringEncoding(entry.value, entry.made) === 'int'
  ) {
    const v = parseInt64(entry.value)!;
    if (v >= 0n && v < 10000n) return 2147483647;
  }
  return 1;
}
