// Byte-level views of the store's strings. Values are JS strings holding
// UTF-8 text; Redis offsets count bytes, so ranges work on the UTF-8 bytes.
// A range that cuts a multi-byte character cannot be held exactly (the
// decoder substitutes U+FFFD): a documented limit of the simulation.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** True when every character is ASCII, so bytes and UTF-16 units coincide. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The UTF-8 bytes of a string. */
export function toBytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Bytes back to a string. */
export function fromBytes(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Bytes [start, end) of s. */
export function byteSlice(s: string, start: number, end: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return fromBytes(toBytes(s).subarray(start, end));
}
