// x87 80-bit long double, as redis-server on x86-64 uses for INCRBYFLOAT and
// HINCRBYFLOAT: glibc strtold to parse (correctly rounded), one addition
// rounded to a 64-bit significand, printf("%.17Lf") to print. Exact with
// BigInt, so big or tiny values print with every digit the server prints.

/** A finite long double is sign * mant * 2^exp with mant < 2^64; or an infinity. */
export type LongDouble =
  { kind: 'finite'; neg: boolean; mant: bigint; exp: number } | { kind: 'inf'; neg: boolean };

const BITS = 64;
/** Smallest exponent of the least significant bit (denormals: 2^-16445). */
const MIN_EXP = -16445;
/** 2^16384 overflows. */
const MAX_BIT = 16384;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** floor(log2(num / den)) for num, den > 0. */
function floorLog2(num: bigint, den: bigint): number {
  let k = bitLength(num) - bitLength(den);
  const lhs = k >= 0 ? num : num << BigInt(-k);
  const rhs = k >= 0 ? den << BigInt(k) : den;
  if (lhs < rhs) k--;
  return k;
}

/** Rounds num/den * 2^shift (num, den > 0) to the format: half to even, denormals, overflow. */
function roundRational(neg: boolean, num: bigint, den: bigint, shift: number): LongDouble | null {
  const top = floorLog2(num, den) + shift;
  let exp = Math.max(top - (BITS - 1), MIN_EXP);
  const s = shift - exp;
  const n = s >= 0 ? num << BigInt(s) : num;
  const d = s >= 0 ? den : den << BigInt(-s);
  let q = n / d;
  const twice = 2n * (n - q * d);
  if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(BITS)) {
    q >>= 1n;
    exp++;
  }
  if (q === 0n) return null; // underflow to zero
  if (exp + BITS > MAX_BIT) return { kind: 'inf', neg };
  return { kind: 'finite', neg, mant: q, exp };
}

const ZERO = (neg: boolean): LongDouble => ({ kind: 'finite', neg, mant: 0n, exp: 0 });

const DEC = /^([+-]?)(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))(?:[eE]([+-]?[0-9]+))?$/;
const HEX =
  /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?$/;
const INF = /^([+-]?)inf(?:inity)?$/i;

/**
 * string2ld: the whole string must be a number (strtold syntax, no leading
 * space, no NaN, not overflowing to infinity or underflowing to zero). Null
 * means "not a valid float". "inf" parses, the callers then refuse it.
 */
export function parseLongDouble(s: string): LongDouble | null {
  // MAX_LONG_DOUBLE_CHARS (5 KiB) bounds the input.
  if (s.length >= 5 * 1024) return null;
  let m = INF.exec(s);
  if (m) return { kind: 'inf', neg: m[1] === '-' };
  m = HEX.exec(s);
  if (m) {
    const neg = m[1] === '-';
    const intPart = m[2] ?? '';
    const frac = m[3] ?? m[4] ?? '';
    const digits = (intPart + frac).replace(/^0+/, '');
    if (digits === '') return ZERO(neg);
    const shift = Number(m[5] ?? 0) - 4 * frac.length;
    const mant = BigInt('0x' + digits);
    // Far outside the range (and before any huge shift): ERANGE.
    const top = bitLength(mant) - 1 + shift;
    if (top >= MAX_BIT || top < MIN_EXP - 1) return null;
    const r = roundRational(neg, mant, 1n, shift);
    // Overflow to infinity is ERANGE too (string2ld refuses it).
    return r === null || r.kind === 'inf' ? null : r;
  }
  m = DEC.exec(s);
  if (!m) return null;
  const neg = m[1] === '-';
  const intPart = m[2] ?? '';
  const frac = m[3] ?? m[4] ?? '';
  const digits = (intPart + frac).replace(/^0+/, '');
  if (digits === '') return ZERO(neg);
  const exp10 = Number(m[5] ?? 0) - frac.length;
  // Far outside the range: glibc reports ERANGE (string2ld refuses both).
  const magnitude = digits.length + exp10;
  if (magnitude > 4940) return null;
  if (magnitude < -4960) return null;
  const d = BigInt(digits);
  const r =
    exp10 >= 0
      ? roundRational(neg, d * 10n ** BigInt(exp10), 1n, 0)
      : roundRational(neg, d, 10n ** BigInt(-exp10), 0);
  if (r === null || r.kind === 'inf') return null;
  return r;
}

/** a + b, rounded once (x87 addition); null for NaN (inf - inf). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | null {
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return null;
    return a.kind === 'inf' ? a : b;
  }
  const e = Math.min(a.exp, b.exp);
  const va = (a.neg ? -a.mant : a.mant) << BigInt(a.exp - e);
  const vb = (b.neg ? -b.mant : b.mant) << BigInt(b.exp - e);
  const sum = va + vb;
  // An exact zero sum is +0 in round-to-nearest, unless both were -0.
  if (sum === 0n) return ZERO(a.neg && b.neg && a.mant === 0n && b.mant === 0n);
  const neg = sum < 0n;
  const r = roundRational(neg, neg ? -sum : sum, 1n, e);
  return r ?? ZERO(neg);
}

/** A long double from a safe integer (getLongDoubleFromObject on an int). */
export function longDoubleFromInt(v: bigint): LongDouble {
  if (v === 0n) return ZERO(false);
  const neg = v < 0n;
  return roundRational(neg, neg ? -v : v, 1n, 0)!;
}

/**
 * ld2string(LD_STR_HUMAN): "%.17Lf" with trailing zeros (and a bare '.')
 * removed, and "-0" printed as "0". Only finite values: the callers refuse
 * NaN and infinity first.
 */
export function formatLongDoubleHuman(v: Extract<LongDouble, { kind: 'finite' }>): string {
  const scale = 10n ** 17n;
  let n: bigint;
  if (v.exp >= 0) n = (v.mant << BigInt(v.exp)) * scale;
  else {
    const num = v.mant * scale;
    const den = 1n << BigInt(-v.exp);
    n = num / den;
    const twice = 2n * (num - n * den);
    if (twice > den || (twice === den && (n & 1n) === 1n)) n++;
  }
  let digits = n.toString().padStart(18, '0');
  let out = digits.slice(0, -17) + '.' + digits.slice(-17);
  out = out.replace(/0+$/, '').replace(/\.$/, '');
  if (v.neg) out = '-' + out;
  digits = out;
  return digits === '-0' ? '0' : digits;
}
