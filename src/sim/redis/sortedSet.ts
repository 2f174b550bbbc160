/**
 * Compares two strings by their UTF-8 bytes (memcmp, as sdscmp): UTF-16 order
 * except that surrogates (code points above U+FFFF) sort after U+E000-U+FFFF.
 */
export function byteCmp(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx === cy) continue;
    const sx = cx >= 0xd800 && cx <= 0xdfff ? cx + 0x10000 : cx;
    const sy = cy >= 0xd800 && cy <= 0xdfff ? cy + 0x10000 : cy;
    return sx < sy ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** Redis orders equal scores by member bytes. */
function before(s1: number, m1: string, s2: number, m2: string): boolean {
  return s1 < s2 || (s1 === s2 && byteCmp(m1, m2) < 0);
}

/**
 * A sorted set: a member -> score map plus parallel arrays kept in
 * (score, member) order. Insertion is O(n) by splice, which is fast for the
 * sizes a lesson uses and keeps rank queries trivial.
 */
export class SortedSet {
  readonly scores = new Map<string, number>();
  members: string[] = [];
  values: number[] = [];

  get size(): number {
    return this.members.length;
  }

  /** Index of the first element not before (score, member). */
  private lowerBound(score: number, member: string): number {
    let lo = 0;
    let hi = this.members.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.values[mid], this.members[mid], score, member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sets a member's score; returns true when the member is new. */
  set(member: string, score: number): boolean {
    // Small sorted sets are listpacks in 7.0, which store -0 as the integer 0.
    if (score === 0) score = 0;
    const old = this.scores.get(member);
    if (old !== undefined) {
      if (old === score) return false;
      this.removeAt(this.lowerBound(old, member));
    }
    const i = this.lowerBound(score, member);
    this.members.splice(i, 0, member);
    this.values.splice(i, 0, score);
    this.scores.set(member, score);
    return old === undefined;
  }

  delete(member: string): boolean {
    const old = this.scores.get(member);
    if (old === undefined) return false;
    this.removeAt(this.lowerBound(old, member));
    this.scores.delete(member);
    return true;
  }

  private removeAt(i: number): void {
    this.members.splice(i, 1);
    this.values.splice(i, 1);
  }

  /** 0-based rank in ascending order, or null. */
  rank(member: string): number | null {
    const score = this.scores.get(member);
    return score === undefined ? null : this.lowerBound(score, member);
  }

  /** Removes positions [from, to) and the members there. */
  removeRange(from: number, to: number): void {
    for (let i = from; i < to; i++) this.scores.delete(this.members[i]);
    this.members.splice(from, to - from);
    this.values.splice(from, to - from);
  }

  clone(): SortedSet {
    const z = new SortedSet();
    z.members = this.members.slice();
    z.values = this.values.slice();
    for (const [m, s] of this.scores) z.scores.set(m, s);
    return z;
  }
}
