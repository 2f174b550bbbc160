import { outString, KEY_MAX_LENGTH, type Conn } from './connection';
import { safeStrtoull } from './cNumbers';
import { setNoreplyMaybe } from './storage';

const U64 = 1n << 64n;

/**
 * process_arithmetic_command + do_add_delta: the value is an unsigned 64-bit
 * decimal; incr wraps at 2^64, decr stops at 0. A result no longer than the
 * old value is written in place, space-padded to the old length (memcached
 * keeps the item's size); a longer one makes a new item. Both take a new cas.
 */
export function processArithmetic(c: Conn, words: string[], incr: boolean): void {
  setNoreplyMaybe(c, words);
  const key = words[1];
  if (key.length > KEY_MAX_LENGTH) {
    outString(c, 'CLIENT_ERROR bad command line format');
    return;
  }
  const delta = safeStrtoull(words[2]);
  if (delta === null) {
    outString(c, 'CLIENT_ERROR invalid numeric delta argument');
    return;
  }
  const it = c.table.get(key, c.now, false);
  if (!it) {
    outString(c, 'NOT_FOUND');
    return;
  }
  // Empty values and chunked (over half the item size limit) ones are never numbers.
  const chunked =
    48 + 8 + key.length + 1 + (it.flags ? 4 : 0) + it.value.length + 2 > c.itemSizeMax / 2;
  const current = it.value.length === 0 || chunked ? null : parseItemNumber(it.value);
  if (current === null) {
    outString(c, 'CLIENT_ERROR cannot increment or decrement non-numeric value');
    return;
  }
  const next = incr ? (current + delta) % U64 : delta > current ? 0n : current - delta;
  const digits = next.toString();
  const value = digits.length <= it.value.length ? digits.padEnd(it.value.length, ' ') : digits;
  c.table.link(key, { value, flags: it.flags, exptime: it.exptime }, c.now);
  outString(c, digits);
}

/**
 * safe_strtoull on the item's data, which memcached reads in place: the
 * bytes are followed by "\r\n", so a number may end at the value's end.
 */
function parseItemNumber(value: string): bigint | null {
  // A NUL ends the C string early; otherwise the number may run to the \r.
  const nul = value.indexOf('\0');
  return safeStrtoull(nul >= 0 ? value.slice(0, nul) : value + '\r\n');
}
