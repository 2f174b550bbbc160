import { outString, itemFits, KEY_MAX_LENGTH, type Conn, type NextState } from './connection';
import { safeStrtol32, safeStrtoul32, safeStrtoull } from './cNumbers';
import { realtime } from './realtime';

/** The storage commands; `cas` is the only one with a cas unique. */
export type StorageCommand = 'set' | 'add' | 'replace' | 'append' | 'prepend' | 'cas';

type StoreResult = 'STORED' | 'NOT_STORED' | 'EXISTS' | 'NOT_FOUND';

/** set_noreply_maybe: the last word is "noreply". */
export function setNoreplyMaybe(c: Conn, words: string[]): void {
  if (words[words.length - 1] === 'noreply') c.noreply = true;
}

/**
 * process_update_command: validates the line, then asks for the data block
 * (or swallows it when the item cannot fit). Errors leave the data block to
 * be read as the next command line, exactly as memcached does.
 */
export function processUpdate(c: Conn, words: string[], comm: StorageCommand): NextState {
  setNoreplyMaybe(c, words);
  const key = words[1];
  if (key.length > KEY_MAX_LENGTH) {
    outString(c, 'CLIENT_ERROR bad command line format');
    return { kind: 'newCommand' };
  }
  const flags = safeStrtoul32(words[2]);
  const exptimeInt = safeStrtol32(words[3]);
  const vlen = safeStrtol32(words[4]);
  if (flags === null || exptimeInt === null || vlen === null) {
    outString(c, 'CLIENT_ERROR bad command line format');
    return { kind: 'newCommand' };
  }
  const exptime = realtime(exptimeInt, c.now, c.processStarted);
  let reqCas = 0n;
  if (comm === 'cas') {
    const v = safeStrtoull(words[5]);
    if (v === null) {
      outString(c, 'CLIENT_ERROR bad command line format');
      return { kind: 'newCommand' };
    }
    reqCas = v;
  }
  if (vlen < 0 || vlen > 2147483647 - 2) {
    outString(c, 'CLIENT_ERROR bad command line format');
    return { kind: 'newCommand' };
  }
  const nbytes = vlen + 2;
  if (!itemFits(c, key.length, flags, nbytes)) {
    outString(c, 'SERVER_ERROR object too large for cache');
    // A failed SET must not leave the old value readable.
    if (comm === 'set' && c.table.get(key, c.now, false)) c.table.unlink(key);
    return { kind: 'swallow', bytes: nbytes };
  }
  return {
    kind: 'nread',
    bytes: nbytes,
    complete: (data) => completeNread(c, comm, key, flags, exptime, reqCas, data),
  };
}

/** complete_nread_ascii: the block must end in \r\n, then do_store_item. */
function completeNread(
  c: Conn,
  comm: StorageCommand,
  key: string,
  flags: number,
  exptime: number,
  reqCas: bigint,
  data: string,
): void {
  if (!data.endsWith('\r\n')) {
    outString(c, 'CLIENT_ERROR bad data chunk');
    return;
  }
  outString(c, storeItem(c, comm, key, flags, exptime, reqCas, data.slice(0, -2)));
}

/** do_store_item (memcached.c). */
function storeItem(
  c: Conn,
  comm: StorageCommand,
  key: string,
  flags: number,
  exptime: number,
  reqCas: bigint,
  value: string,
): StoreResult {
  const old = c.table.get(key, c.now, false);
  if (!old) {
    if (comm === 'set' || comm === 'add') {
      c.table.link(key, { value, flags, exptime }, c.now);
      return 'STORED';
    }
    return comm === 'cas' ? 'NOT_FOUND' : 'NOT_STORED';
  }
  switch (comm) {
    case 'add':
      if (old.time < c.now - 60) old.time = c.now; // do_item_update on the old one
      return 'NOT_STORED';
    case 'cas':
      // A cas of 0 never matches (CAS_NONE), whatever the item's unique is.
      if (reqCas === 0n || reqCas !== BigInt(old.cas)) return 'EXISTS';
      c.table.link(key, { value, flags, exptime }, c.now);
      return 'STORED';
    case 'append':
    case 'prepend': {
      // The old item keeps its flags and exptime; only the bytes grow.
      const joined = comm === 'append' ? old.value + value : value + old.value;
      if (!itemFits(c, key.length, old.flags, joined.length + 2)) return 'NOT_STORED';
      c.table.link(key, { value: joined, flags: old.flags, exptime: old.exptime }, c.now);
      return 'STORED';
    }
    case 'set':
    case 'replace':
      c.table.link(key, { value, flags, exptime }, c.now);
      return 'STORED';
  }
}
