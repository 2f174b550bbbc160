/**
 * memcached's safe_strto* (util.c) on top of C's strtoul/strtol: leading
 * whitespace is skipped, a sign is accepted, the number must end at
 * whitespace or the end of the token, and the result is then stored into a
 * 32-bit variable where memcached does so (silent truncation, as in C).
 */

const U64 = 1n << 64n;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** C's isspace in the "C" locale. */
export function isCSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

interface Scan {
  negative: boolean;
  magnitude: bigint;
  /** Index just past the digits. */
  end: number;
}

/** Scans [spaces][+|-]digits like strto*; null when no digit was read. */
function scan(s: string): Scan | null {
  let i = 0;
  while (isCSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start) return null;
  return { negative, magnitude: BigInt(s.slice(start, i)), end: i };
}

/** The endptr test every safe_strto* shares: stop at whitespace or the end. */
function endsWell(s: string, end: number): boolean {
  return end >= s.length || s[end] === '\0' || isCSpace(s[end]);
}

/**
 * safe_strtoull: an unsigned 64-bit value, or null. strtoull wraps a
 * negative input ("-1" is 2^64-1); memcached then refuses it only when the
 * result looks negative as a signed number and the text has a '-'.
 */
export function safeStrtoull(s: string): bigint | null {
  const r = scan(s);
  if (!r || !endsWell(s, r.end)) return null;
  if (r.magnitude > U64 - 1n) return null; // ERANGE
  const v = r.negative ? (U64 - r.magnitude) % U64 : r.magnitude;
  if (v > LONG_MAX && s.includes('-')) return null;
  return v;
}

/** safe_strtoul into a uint32_t (flags, verbosity): the 64-bit result truncated. */
export function safeStrtoul32(s: string): number | null {
  const v = safeStrtoull(s);
  return v === null ? null : Number(v & 0xffffffffn);
}

/** safe_strtol into an int32_t (exptime, byte counts): strtol's long, truncated. */
export function safeStrtol32(s: string): number | null {
  const r = scan(s);
  if (!r || !endsWell(s, r.end)) return null;
  const v = r.negative ? -r.magnitude : r.magnitude;
  if (v > LONG_MAX || v < LONG_MIN) return null; // ERANGE
  return Number(BigInt.asIntN(32, v));
}
