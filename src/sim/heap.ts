/**
 * A binary min-heap of events ordered by (time, priority, sequence).
 * The sequence number makes equal times run first-in first-out; nothing else
 * orders events anywhere in the model. Parallel arrays keep it allocation-light.
 */
export class EventHeap<T> {
  private t: number[] = [];
  private p: number[] = [];
  private s: number[] = [];
  private v: T[] = [];

  get size(): number {
    return this.t.length;
  }

  /** Adds an event; `seq` must grow with every push for FIFO ties. */
  push(tNs: number, priority: number, seq: number, value: T): void {
    const { t, p, s, v } = this;
    let i = t.length;
    t.push(tNs);
    p.push(priority);
    s.push(seq);
    v.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(tNs, priority, seq, t[parent], p[parent], s[parent])) break;
      t[i] = t[parent];
      p[i] = p[parent];
      s[i] = s[parent];
      v[i] = v[parent];
      i = parent;
    }
    t[i] = tNs;
    p[i] = priority;
    s[i] = seq;
    v[i] = value;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.t.length ? this.t[0] : Infinity;
  }

  /** Sequence number of the earliest event (valid only when not empty). */
  peekSeq(): number {
    return this.s[0];
  }

  /** Removes and returns the earliest event's value (undefined when empty). */
  pop(): T | undefined {
    const { t, p, s, v } = this;
    const n = t.length;
    if (n === 0) return undefined;
    const top = v[0];
    const lt = t.pop()!;
    const lp = p.pop()!;
    const ls = s.pop()!;
    const lv = v.pop()!;
    if (n === 1) return top;
    const m = n - 1;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) break;
      const r = l + 1;
      const c = r < m && less(t[r], p[r], s[r], t[l], p[l], s[l]) ? r : l;
      if (!less(t[c], p[c], s[c], lt, lp, ls)) break;
      t[i] = t[c];
      p[i] = p[c];
      s[i] = s[c];
      v[i] = v[c];
      i = c;
    }
    t[i] = lt;
    p[i] = lp;
    s[i] = ls;
    v[i] = lv;
    return top;
  }
}

function less(t1: number, p1: number, s1: number, t2: number, p2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && (p1 < p2 || (p1 === p2 && s1 < s2)));
}
