/**
 * Redis's stringmatchlen (util.c), the glob used by KEYS, PSUBSCRIBE and
 * CONFIG GET: `*`, `?`, `[abc]`, `[^a-z]`, `\x`. Ported with its quirks (an
 * unterminated `[` set, reversed ranges, bytes above 0x7f as negative chars
 * in a range) so patterns match the same keys.
 */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const skip = { longer: false };
  // stringmatchlen works on bytes: `?` eats one byte of a multi-byte character.
  if (!isAscii(pattern) || !isAscii(str)) {
    return matchImpl(byteString(pattern), 0, byteString(str), 0, nocase, skip, 0);
  }
  return matchImpl(pattern, 0, str, 0, nocase, skip, 0);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const utf8 = new TextEncoder();

/** One UTF-16 unit per UTF-8 byte, so the matcher walks bytes. */
function byteString(s: string): string {
  let out = '';
  for (const b of utf8.encode(s)) out += String.fromCharCode(b);
  return out;
}

/** A byte as x86's signed char. */
function signed(c: number): number {
  return c > 127 ? c - 256 : c;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function matchImpl(
  pat: string,
  p: number,
  str: string,
  s: number,
  nocase: boolean,
  skip: { longer: boolean },
  nesting: number,
): boolean {
  if (nesting > 1000) return false;
  const plen = pat.length;
  const slen = str.length;
  // Reading past the end yields 0, like the C string's terminating NUL.
  const pc = (i: number): number => (i < plen ? pat.charCodeAt(i) : 0);
  while (p < plen && s < slen) {
    switch (pc(p)) {
      case 42: {
        // '*'
        while (p + 1 < plen && pc(p + 1) === 42) p++;
        if (p + 1 === plen) return true;
        while (s < slen) {
          if (matchImpl(pat, p + 1, str, s, nocase, skip, nesting + 1)) return true;
          if (skip.longer) return false;
          s++;
        }
        skip.longer = true;
        return false;
      }
      case 63: // '?'
        s++;
        break;
      case 91: {
        // '['
        p++;
        const not = pc(p) === 94;
        if (not) p++;
        let match = false;
        const c = str.charCodeAt(s);
        for (;;) {
          if (pc(p) === 92 && plen - p >= 2) {
            p++;
            if (pc(p) === c) match = true;
          } else if (pc(p) === 93) {
            break;
          } else if (p >= plen) {
            p--;
            break;
          } else if (plen - p >= 3 && pc(p + 1) === 45) {
            // C's char is signed: a byte above 0x7f is negative in a range.
            let start = signed(pc(p));
            let end = signed(pc(p + 2));
            let cc = signed(c);
            if (start > end) [start, end] = [end, start];
            if (nocase) {
              start = lower(start);
              end = lower(end);
              cc = lower(cc);
            }
            p += 2;
            if (cc >= start && cc <= end) match = true;
          } else if (nocase ? lower(pc(p)) === lower(c) : pc(p) === c) {
            match = true;
          }
          p++;
        }
        if (not) match = !match;
        if (!match) return false;
        s++;
        break;
      }
      default: {
        // A backslash escapes the next pattern character.
        if (pc(p) === 92 && plen - p >= 2) p++;
        const a = pc(p);
        const b = str.charCodeAt(s);
        if (nocase ? lower(a) !== lower(b) : a !== b) return false;
        s++;
        break;
      }
    }
    p++;
    if (s >= slen) {
      while (pc(p) === 42) p++;
      break;
    }
  }
  return p >= plen && s >= slen;
}
