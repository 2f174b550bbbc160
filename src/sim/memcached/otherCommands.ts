import { outString, KEY_MAX_LENGTH, type Conn } from './connection';
import { safeStrtol32, safeStrtoul32 } from './cNumbers';
import { realtime, EXPIRED_AT_START } from './realtime';
import { touchItem } from './retrieval';
import { setNoreplyMaybe } from './storage';

/** process_touch_command. */
export function processTouch(c: Conn, words: string[]): void {
  setNoreplyMaybe(c, words);
  if (words[1].length > KEY_MAX_LENGTH) {
    outString(c, 'CLIENT_ERROR bad command line format');
    return;
  }
  const e = safeStrtol32(words[2]);
  if (e === null) {
    outString(c, 'CLIENT_ERROR invalid exptime argument');
    return;
  }
  const it = touchItem(c, words[1], realtime(e, c.now, c.processStarted));
  outString(c, it ? 'TOUCHED' : 'NOT_FOUND');
}

/** process_delete_command: `delete <key> [0] [noreply]`, the legacy hold time only as 0. */
export function processDelete(c: Conn, words: string[]): void {
  const ntokens = words.length + 1;
  if (ntokens > 3) {
    const holdIsZero = words[2] === '0';
    setNoreplyMaybe(c, words);
    const valid =
      (ntokens === 4 && (holdIsZero || c.noreply)) || (ntokens === 5 && holdIsZero && c.noreply);
    if (!valid) {
      outString(c, 'CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]');
      return;
    }
  }
  const key = words[1];
  if (key.length > KEY_MAX_LENGTH) {
    outString(c, 'CLIENT_ERROR bad command line format');
    return;
  }
  if (c.table.get(key, c.now, false)) {
    c.table.unlink(key);
    outString(c, 'DELETED');
  } else outString(c, 'NOT_FOUND');
}

/**
 * process_flush_all_command: `flush_all [delay] [noreply]`. Nothing is
 * deleted here: items older than oldest_live (or with a cas below
 * oldest_cas) read as missing once oldest_live has passed, as in items.c.
 */
export function processFlushAll(c: Conn, words: string[]): void {
  setNoreplyMaybe(c, words);
  const ntokens = words.length + 1;
  let exptime = 0;
  if (ntokens !== (c.noreply ? 3 : 2)) {
    const e = safeStrtol32(words[1]);
    if (e === null) {
      outString(c, 'CLIENT_ERROR invalid exptime argument');
      return;
    }
    exptime = e;
  }
  const t = c.table;
  const newOldest = exptime > 0 ? realtime(exptime, c.now, c.processStarted) : c.now;
  // memcached keeps oldest_live relative to its start; 0 there means "none".
  const disabled = newOldest === EXPIRED_AT_START || newOldest - 1 <= c.processStarted;
  t.oldestLive = disabled ? null : newOldest - 1;
  if (disabled || newOldest - 1 <= c.now) t.oldestCas = t.nextCas();
  outString(c, 'OK');
}

/** process_verbosity_command: accepted and ignored (there is no log here). */
export function processVerbosity(c: Conn, words: string[]): void {
  setNoreplyMaybe(c, words);
  outString(c, safeStrtoul32(words[1]) === null ? 'CLIENT_ERROR bad command line format' : 'OK');
}
