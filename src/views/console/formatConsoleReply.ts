import type { Reply } from '../../sim/redis';
import { formatReply } from '../../sim/redis';

/** Bulk strings longer than this many bytes print only their first part. */
export const BULK_SHOWN_BYTES = 4096;
/** Arrays longer than this print only their first elements. */
export const ARRAY_SHOWN_ITEMS = 100;

const encoder = new TextEncoder();

/** The longest prefix of `s` that fits in `max` UTF-8 bytes, and the byte length of `s`. */
function bytePrefix(s: string, max: number): { prefix: string; bytes: number } {
  const bytes = encoder.encode(s).length;
  if (bytes <= max) return { prefix: s, bytes };
  let used = 0;
  let prefix = '';
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (used + n > max) break;
    used += n;
    prefix += ch;
  }
  return { prefix, bytes };
}

/** Shortens big bulk strings and long arrays, leaving a note in their place. */
function cap(r: Reply): { reply: Reply; note: string | null } {
  if (r.type === 'bulk' && r.value !== null) {
    const { prefix, bytes } = bytePrefix(r.value, BULK_SHOWN_BYTES);
    if (prefix === r.value) return { reply: r, note: null };
    const quoted = formatReply({ type: 'bulk', value: prefix });
    // A simple reply prints as is: the quoted prefix, an ellipsis inside the quotes, the size.
    const text = `${quoted.slice(0, -1)}…" (${bytes} bytes, first ${BULK_SHOWN_BYTES} shown)`;
    return { reply: { type: 'simple', value: text }, note: null };
  }
  if (r.type === 'array' && r.value !== null) {
    const shown = r.value.slice(0, ARRAY_SHOWN_ITEMS).map(capNested);
    const note =
      r.value.length > ARRAY_SHOWN_ITEMS
        ? `… (${r.value.length} elements, first ${ARRAY_SHOWN_ITEMS} shown)`
        : null;
    return { reply: { type: 'array', value: shown }, note };
  }
  if (r.type === 'multi')
    return { reply: { type: 'multi', replies: r.replies.map(capNested) }, note: null };
  return { reply: r, note: null };
}

/** cap() inside an array: the note becomes a last, unquoted element. */
function capNested(r: Reply): Reply {
  const { reply, note } = cap(r);
  if (note === null || reply.type !== 'array' || reply.value === null) return reply;
  return { type: 'array', value: [...reply.value, { type: 'simple', value: note }] };
}

/**
 * A reply printed as redis-cli prints it (formatReply), except that a bulk
 * string over BULK_SHOWN_BYTES shows its first part and its size
 * (`"xxxx…" (1048576 bytes, first 4096 shown)`), and an array over
 * ARRAY_SHOWN_ITEMS shows its first elements and a count line, so a huge
 * reply cannot flood the page (a nested long array gets the count as its
 * last, unquoted element). Pure.
 */
export function formatConsoleReply(reply: Reply): string {
  const { reply: shown, note } = cap(reply);
  const text = formatReply(shown);
  return note ? `${text}\n${note}` : text;
}
