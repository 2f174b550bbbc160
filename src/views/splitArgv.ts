/**
 * Splits a command line the way redis-cli does (sdssplitargs): whitespace
 * separates arguments; "double quotes" allow \n \r \t \b \a \\ \" and \xHH;
 * 'single quotes' allow only \'. A closing quote must be followed by a space
 * or the end. Returns null on unbalanced quotes (redis-cli: "Invalid argument(s)"). Pure.
 */
export function splitArgv(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (true) {
    while (i < n && /\s/.test(line[i])) i++;
    if (i >= n) return out;
    let cur = '';
    let inDq = false;
    let inSq = false;
    let done = false;
    while (!done) {
      const c = line[i];
      if (inDq) {
        if (i >= n) return null;
        if (c === '\\' && line[i + 1] === 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          cur +=
            e === 'n'
              ? '\n'
              : e === 'r'
                ? '\r'
                : e === 't'
                  ? '\t'
                  : e === 'b'
                    ? '\b'
                    : e === 'a'
                      ? '\x07'
                      : e;
        } else if (c === '"') {
          if (i + 1 < n && !/\s/.test(line[i + 1])) return null;
          done = true;
        } else cur += c;
      } else if (inSq) {
        if (i >= n) return null;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < n && !/\s/.test(line[i + 1])) return null;
          done = true;
        } else cur += c;
      } else {
        if (i >= n || /\s/.test(c)) done = true;
        else if (c === '"') inDq = true;
        else if (c === "'") inSq = true;
        else cur += c;
      }
      if (i < n) i++;
    }
    out.push(cur);
  }
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}
