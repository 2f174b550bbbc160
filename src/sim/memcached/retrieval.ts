import { outString, KEY_MAX_LENGTH, type Conn } from './connection';
import { safeStrtol32 } from './cNumbers';
import { realtime } from './realtime';
import { tokenize, type TokenizedLine } from './tokenize';
import type { Item } from './items';

/**
 * process_get_command: get, gets (with cas), gat, gats (touch first). Keys
 * past the 23rd word are tokenized on; one key over 250 bytes throws away
 * every reply still unsent (this request's) and answers one CLIENT_ERROR.
 */
export function processGet(c: Conn, line: TokenizedLine, returnCas: boolean, touch: boolean): void {
  let words = line.words;
  let rest = line.rest;
  let i = 1;
  let exptime = 0;
  if (touch) {
    const e = safeStrtol32(words[1]);
    if (e === null) {
      outString(c, 'CLIENT_ERROR invalid exptime argument');
      return;
    }
    exptime = realtime(e, c.now, c.processStarted);
    i = 2;
  }
  const found: string[] = [];
  for (;;) {
    for (; i < words.length; i++) {
      const key = words[i];
      if (key.length > KEY_MAX_LENGTH) {
        // conn_release_items culls every response not yet sent: the earlier
        // replies of this request since its last get (gets flush, conn_mwrite).
        c.out.length = c.sent;
        outString(c, 'CLIENT_ERROR bad command line format');
        return;
      }
      const it = touch ? touchItem(c, key, exptime) : c.table.get(key, c.now, true);
      if (it) found.push(valueLine(key, it, returnCas));
    }
    if (rest === null) break;
    ({ words, rest } = tokenize(rest));
    i = 0;
  }
  c.out.push(...found, 'END\r\n');
  c.sent = c.out.length;
}

/** item_touch: look the item up (old expiry applies), then give it the new one. */
export function touchItem(c: Conn, key: string, exptime: number): Item | null {
  const it = c.table.get(key, c.now, true);
  if (it) it.exptime = exptime;
  return it;
}

function valueLine(key: string, it: Item, returnCas: boolean): string {
  const cas = returnCas ? ` ${it.cas}` : '';
  return `VALUE ${key} ${it.flags} ${it.value.length}${cas}\r\n${it.value}\r\n`;
}
