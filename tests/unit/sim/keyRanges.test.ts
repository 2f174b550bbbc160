import { inRanges, KeyRangeSet, keyRanges, rangeMatcher } from '../../../src/sim/nodes/keyRanges';

/**
 * An independent oracle of the documented rule: a key whose trailing digits
 * (the whole run, 1-15 of them, no leading zero) form a number is grouped by
 * what precedes them; consecutive numbers collapse to `lo..hi`; prefixes in
 * sorted order, then the other keys sorted.
 */
function oracle(keys: Iterable<string>): string[] {
  const groups = new Map<string, number[]>();
  const plain: string[] = [];
  for (const key of new Set(keys)) {
    const m = /^(.*[^0-9]|)([1-9][0-9]{0,14})$/.exec(key);
    if (!m) plain.push(key);
    else groups.set(m[1], [...(groups.get(m[1]) ?? []), Number(m[2])]);
  }
  const out: string[] = [];
  for (const prefix of [...groups.keys()].sort()) {
    const ns = [...new Set(groups.get(prefix))].sort((a, b) => a - b);
    let lo = ns[0];
    for (let i = 1; i <= ns.length; i++) {
      if (i < ns.length && ns[i] === ns[i - 1] + 1) continue;
      const hi = ns[i - 1];
      out.push(lo === hi ? `${prefix}${lo}` : `${prefix}${lo}..${prefix}${hi}`);
      lo = ns[i];
    }
  }
  return [...out, ...plain.sort()];
}

/** A small seeded generator (LCG), so a failure replays. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('keyRanges', () => {
  it('collapses runs of numbered keys and keeps other keys as they are', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k:${i + 1}`);
    expect(keyRanges(keys)).toEqual(['k:1..k:60']);
    expect(keyRanges(['b', 'k:3', 'a', 'k:1', 'k:2', 'k:5', 'j7', 'k:07', '0', '12'])).toEqual([
      '12',
      'j7',
      'k:1..k:3',
      'k:5',
      '0',
      'a',
      'b',
      'k:07',
    ]);
    // 16 digits is not a number here: the key stays plain.
    expect(keyRanges(['x1234567890123456', 'x123456789012345'])).toEqual([
      'x123456789012345',
      'x1234567890123456',
    ]);
  });

  it('agrees with the oracle on random keyspaces, and KeyRangeSet agrees after random adds and deletes', () => {
    const rnd = lcg(11);
    const prefixes = ['k:', 'user:', '', 'a-', 'k:0'];
    const key = () =>
      rnd(7) === 0 ? ['a', 'b', 'zz', 'k:'][rnd(4)] : `${prefixes[rnd(5)]}${rnd(40)}`;
    for (let round = 0; round < 15; round++) {
      const live = new Set<string>();
      const set = new KeyRangeSet();
      for (let op = 0; op < 50; op++) {
        const k = key();
        if (rnd(3) === 0) {
          live.delete(k);
          set.delete(k);
        } else {
          live.add(k);
          set.add(k);
        }
      }
      const expected = oracle(live);
      expect(keyRanges(live)).toEqual(expected);
      expect(set.ranges()).toEqual(expected);
      // Every live key is in the ranges; keys never added are not.
      const match = rangeMatcher(expected);
      for (const k of live) expect(match(k)).toBe(true);
      for (const k of ['k:999', 'user:41', 'nope', 'k:']) expect(match(k)).toBe(live.has(k));
    }
  });

  it('KeyRangeSet: adding inside a run, joining two runs, splitting one, clearing', () => {
    const s = new KeyRangeSet();
    for (const n of [1, 2, 3, 5, 6]) s.add(`k${n}`);
    s.add('k2'); // already there
    expect(s.ranges()).toEqual(['k1..k3', 'k5..k6']);
    s.add('k4'); // joins both
    expect(s.ranges()).toEqual(['k1..k6']);
    s.delete('k3');
    expect(s.ranges()).toEqual(['k1..k2', 'k4..k6']);
    s.delete('k1');
    s.delete('k6');
    s.delete('k9');
    s.delete('q1');
    expect(s.ranges()).toEqual(['k2', 'k4..k5']);
    s.add('k0x');
    s.clear();
    expect(s.ranges()).toEqual([]);
  });

  it('inRanges reads ranges back, and ignores malformed ones', () => {
    const ranges = ['k:1..k:3', 'user:7', 'plain', 'x..y'];
    expect(
      ['k:1', 'k:2', 'k:3', 'k:4', 'k:0', 'user:7', 'user:8', 'plain', 'x', 'k:1..k:3'].map((k) =>
        inRanges(ranges, k),
      ),
    ).toEqual([true, true, true, false, false, true, false, true, false, false]);
  });
});
