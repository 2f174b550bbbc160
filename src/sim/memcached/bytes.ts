/**
 * The store works on "byte strings": one JS char per wire byte (0-255), so
 * lengths and data-block boundaries are counted in bytes as memcached counts
 * them. These two functions convert at the edge.
 */

/** UTF-8 encodes `text` into a byte string (each char code 0-255). Pure. */
export function toBytes(text: string): string {
  // Fast path: plain ASCII is already its own byte string.
  if (isAscii(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000)
      out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else
      out += String.fromCharCode(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      );
  }
  return out;
}

/** Decodes a byte string as UTF-8 (invalid sequences become U+FFFD). Pure. */
export function fromBytes(bytes: string): string {
  if (isAscii(bytes)) return bytes;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes.charCodeAt(i);
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (need < 0 || (b >= 0xe0 && need === 1)) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = need === 0 ? b : b & (0x3f >> need);
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes.charCodeAt(i + k);
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 63);
    }
    if (!ok) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
