// Emulation of the C library's strtod and printf("%.17g") as redis-server
// (glibc) uses them, so scores parse and print byte for byte like 7.0.

const SPACE = /^[ \t\n\v\f\r]*/;
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const HEX =
  /^([+-]?)0[xX]((?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?/;
const INF = /^[+-]?inf(?:inity)?/i;
const NAN = /^[+-]?nan(?:\([0-9A-Za-z_]*\))?/i;

/** Result of strtod: the value, how many characters it consumed, and errno ERANGE. */
interface Strtod {
  value: number;
  end: number;
  erange: boolean;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/**
 * A hex float correctly rounded to a double (half to even, denormals, as
 * glibc), erange on overflow or on underflow to zero.
 */
function parseHex(sign: string, body: string, exp: string | undefined): Omit<Strtod, 'end'> {
  const [intPart, frac = ''] = body.split('.');
  const mant = BigInt('0x' + intPart + frac);
  const zero = sign === '-' ? -0 : 0;
  if (mant === 0n) return { value: zero, erange: false };
  const exp2 = (exp === undefined ? 0 : Number(exp)) - 4 * frac.length;
  const top = bitLength(mant) - 1 + exp2;
  if (top > 1023) return { value: sign === '-' ? -Infinity : Infinity, erange: true };
  if (top < -1076) return { value: zero, erange: true };
  // Keep 53 bits, or fewer below the smallest normal (lsb at 2^-1074).
  const lsb = Math.max(top - 52, -1074);
  const shift = lsb - exp2;
  let q = mant;
  if (shift > 0) {
    const s = BigInt(shift);
    q = mant >> s;
    const rest = mant - (q << s);
    const half = 1n << (s - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q++;
  } else q = mant << BigInt(-shift);
  const v = Number(q) * Math.pow(2, lsb);
  if (v === 0) return { value: zero, erange: true };
  return { value: sign === '-' ? -v : v, erange: !Number.isFinite(v) };
}

/** C strtod: skips leading white space, parses the longest valid prefix. */
export function strtod(s: string): Strtod {
  const lead = SPACE.exec(s)![0].length;
  const rest = s.slice(lead);
  let m = HEX.exec(rest);
  if (m) {
    return { ...parseHex(m[1], m[2], m[3]), end: lead + m[0].length };
  }
  m = INF.exec(rest);
  if (m) {
    return {
      value: m[0][0] === '-' ? -Infinity : Infinity,
      end: lead + m[0].length,
      erange: false,
    };
  }
  m = NAN.exec(rest);
  if (m) return { value: NaN, end: lead + m[0].length, erange: false };
  // "1e" parses as "1": the optional exponent needs at least one digit.
  m = DECIMAL.exec(rest);
  if (!m) return { value: 0, end: 0, erange: false };
  const text = m[0];
  const v = Number(text);
  let erange = !Number.isFinite(v);
  if (v === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) erange = true;
  return { value: v, end: lead + text.length, erange };
}

/**
 * Redis's string2d / getDoubleFromObject: the whole string must be a number,
 * no leading space, not NaN, no overflow or underflow to zero. Null means
 * "value is not a valid float".
 */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || /^[ \t\n\v\f\r]/.test(s)) return null;
  const r = strtod(s);
  if (r.end !== s.length || Number.isNaN(r.value)) return null;
  if (r.erange && (!Number.isFinite(r.value) || r.value === 0)) return null;
  return r.value;
}

/**
 * One end of a score range (ZRANGEBYSCORE, ZREMRANGEBYSCORE): '(' marks it
 * exclusive; then strtod must consume everything. Leading spaces and even an
 * empty string (0) pass, as in zslParseRange.
 */
export function parseScoreBound(s: string): { value: number; exclusive: boolean } | null {
  const exclusive = s[0] === '(';
  const body = exclusive ? s.slice(1) : s;
  const r = strtod(body);
  // With no conversion strtod points back at the start, so only "" passes.
  if (r.end === 0 ? body.length !== 0 : r.end !== body.length) return null;
  if (Number.isNaN(r.value)) return null;
  return { value: r.value, exclusive };
}

/** printf("%.17g"), with Redis's own spelling of the infinities. */
export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const e = d.toExponential(16); // d.dddddddddddddddde[+-]x : 17 significant digits
  const sign = e[0] === '-' ? '-' : '';
  const body = sign ? e.slice(1) : e;
  const ePos = body.indexOf('e');
  const digits = body[0] + body.slice(2, ePos);
  const exp = Number(body.slice(ePos + 1));
  if (exp < -4 || exp >= 17) {
    let mant = digits[0] + '.' + digits.slice(1);
    mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    const abs = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  let out: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1);
    const frac = digits.slice(exp + 1).replace(/0+$/, '');
    out = frac ? `${intPart}.${frac}` : intPart;
  } else {
    const frac = ('0'.repeat(-exp - 1) + digits).replace(/0+$/, '');
    out = `0.${frac}`;
  }
  return sign + out;
}
