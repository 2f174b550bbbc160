export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

const INTEGER_SHAPE = /^(?:0|-?[1-9][0-9]*)$/;

/**
 * Redis's string2ll: a strict signed 64-bit decimal. No sign other than a
 * leading '-', no spaces, no leading zeros, no "-0", under 21 characters.
 * Returns null where Redis would reply "value is not an integer or out of range".
 */
export function parseInt64(s: string): bigint | null {
  if (s.length === 0 || s.length >= 21 || !INTEGER_SHAPE.test(s)) return null;
  // Short strings cannot overflow, and Number is much cheaper than BigInt.
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}

/** Like parseInt64 but as a JS number when it is safe (indexes, counts). */
export function parseLong(s: string): number | null {
  const v = parseInt64(s);
  if (v === null) return null;
  return Number(v);
}

/** a + b, or null when the signed 64-bit result would overflow. */
export function addInt64(a: bigint, b: bigint): bigint | null {
  const r = a + b;
  return r > INT64_MAX || r < INT64_MIN ? null : r;
}
