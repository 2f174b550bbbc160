/**
 * Key names as compact ranges: `k:1`, `k:2`, … `k:60` become `k:1..k:60`.
 * Keys that end in digits (no leading zero) are grouped by what precedes the
 * digits; other keys stay as they are. Sorted, so the same keyspace always
 * reads the same. Linear when the numbers come in order (the usual case).
 */
export function keyRanges(keys: Iterable<string>): string[] {
  const byPrefix = new Map<string, number[]>();
  const plain: string[] = [];
  for (const key of keys) {
    const at = digitsAt(key);
    if (at < 0) {
      plain.push(key);
      continue;
    }
    const prefix = key.slice(0, at);
    let list = byPrefix.get(prefix);
    if (!list) byPrefix.set(prefix, (list = []));
    list.push(Number(key.slice(at)));
  }
  const out: string[] = [];
  for (const prefix of [...byPrefix.keys()].sort()) {
    const ns = byPrefix.get(prefix) ?? [];
    let sorted = true;
    for (let i = 1; i < ns.length && sorted; i++) sorted = ns[i - 1] < ns[i];
    if (!sorted) ns.sort((a, b) => a - b);
    for (let i = 0; i < ns.length;) {
      let j = i;
      while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
      out.push(j === i ? `${prefix}${ns[i]}` : `${prefix}${ns[i]}..${prefix}${ns[j]}`);
      i = j + 1;
    }
  }
  return [...out, ...plain.sort()];
}

/** Index of the trailing number of a key (1-15 digits, no leading zero), or -1. */
function digitsAt(key: string): number {
  let i = key.length;
  while (i > 0 && key.charCodeAt(i - 1) >= 48 && key.charCodeAt(i - 1) <= 57) i--;
  const len = key.length - i;
  if (len === 0 || len > 15 || key.charCodeAt(i) === 48) return -1;
  return i;
}

/** A test for "is this key one of `ranges`" (from `keyRanges`), parsed once. */
export function rangeMatcher(ranges: readonly string[]): (key: string) => boolean {
  const exact = new Set<string>();
  const spans = new Map<string, [number, number][]>();
  for (const r of ranges) {
    const dots = r.indexOf('..');
    if (dots < 0) {
      exact.add(r);
      continue;
    }
    const lo = r.slice(0, dots);
    const hi = r.slice(dots + 2);
    const a = digitsAt(lo);
    const b = digitsAt(hi);
    if (a < 0 || b < 0) continue;
    const prefix = lo.slice(0, a);
    let list = spans.get(prefix);
    if (!list) spans.set(prefix, (list = []));
    list.push([Number(lo.slice(a)), Number(hi.slice(b))]);
  }
  return (key) => {
    if (exact.has(key)) return true;
    const at = digitsAt(key);
    if (at < 0) return false;
    const list = spans.get(key.slice(0, at));
    if (!list) return false;
    const n = Number(key.slice(at));
    return list.some(([lo, hi]) => n >= lo && n <= hi);
  };
}

/** Whether `key` is one of the keys that `ranges` (from `keyRanges`) stands for. */
export function inRanges(ranges: readonly string[], key: string): boolean {
  return rangeMatcher(ranges)(key);
}

/**
 * The same ranges kept up to date key by key (O(log runs) per change, O(1)
 * when numbers come in order), so a node with thousands of keys can record
 * its keyspace after every pipeline without sorting it each time.
 */
export class KeyRangeSet {
  private runs = new Map<string, [number, number][]>();
  private plain = new Set<string>();

  /** Records that `key` exists (again: no change). */
  add(key: string): void {
    const at = digitsAt(key);
    if (at < 0) {
      this.plain.add(key);
      return;
    }
    const prefix = key.slice(0, at);
    const n = Number(key.slice(at));
    let list = this.runs.get(prefix);
    if (!list) this.runs.set(prefix, (list = []));
    const last = list[list.length - 1];
    if (last && n === last[1] + 1) {
      last[1] = n;
      return;
    }
    const i = this.find(list, n);
    if (i < list.length && list[i][0] <= n) return; // already inside run i
    const joinsPrev = i > 0 && list[i - 1][1] === n - 1;
    const joinsNext = i < list.length && list[i][0] === n + 1;
    if (joinsPrev && joinsNext) {
      list[i - 1][1] = list[i][1];
      list.splice(i, 1);
    } else if (joinsPrev) list[i - 1][1] = n;
    else if (joinsNext) list[i][0] = n;
    else list.splice(i, 0, [n, n]);
  }

  /** Records that `key` is gone. */
  delete(key: string): void {
    const at = digitsAt(key);
    if (at < 0) {
      this.plain.delete(key);
      return;
    }
    const list = this.runs.get(key.slice(0, at));
    if (!list) return;
    const n = Number(key.slice(at));
    const i = this.find(list, n);
    if (i >= list.length || list[i][0] > n) return;
    const [lo, hi] = list[i];
    if (lo === hi) list.splice(i, 1);
    else if (n === lo) list[i][0] = n + 1;
    else if (n === hi) list[i][1] = n - 1;
    else list.splice(i, 1, [lo, n - 1], [n + 1, hi]);
  }

  clear(): void {
    this.runs.clear();
    this.plain.clear();
  }

  /** The ranges, as `keyRanges` would give them for the same keys. */
  ranges(): string[] {
    const out: string[] = [];
    for (const prefix of [...this.runs.keys()].sort())
      for (const [lo, hi] of this.runs.get(prefix) ?? [])
        out.push(lo === hi ? `${prefix}${lo}` : `${prefix}${lo}..${prefix}${hi}`);
    return [...out, ...[...this.plain].sort()];
  }

  /** Index of the first run whose end is >= n. */
  private find(list: [number, number][], n: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][1] < n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
