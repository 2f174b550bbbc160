import { createRng } from '../../../src/sim/rng';

/**
 * Reference: sfc32 as published in PractRand (Chris Doty-Humphrey), its four
 * words seeded by splitmix32 (golden-ratio step, murmur3's fmix32 finalizer),
 * 12 draws discarded. Written out here in plain form, not imported.
 */
function reference(seed: number): () => number {
  let x = seed >>> 0;
  const splitmix32 = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const sfc32 = () => {
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + c * 8) >>> 0;
    c = (((c * 2 ** 21) % 2 ** 32) + (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 2 ** 32;
  };
  for (let i = 0; i < 12; i++) sfc32();
  return sfc32;
}

describe('createRng against a plain sfc32 + splitmix32', () => {
  it.each([0, 1, 2, 42, 0xffffffff, 2 ** 31])('seed %d draws the reference sequence', (seed) => {
    const r = createRng(seed);
    const ref = reference(seed);
    for (let i = 0; i < 200; i++) expect(r.next()).toBe(ref());
  });

  it('a seed is taken as an unsigned 32-bit integer', () => {
    expect(createRng(-1).next()).toBe(createRng(0xffffffff).next());
    expect(createRng(2 ** 32 + 5).next()).toBe(createRng(5).next());
  });
});

describe('draws built on next()', () => {
  it('int, chance and pick map next() as documented', () => {
    const r = createRng(7);
    const ref = reference(7);
    for (let i = 0; i < 100; i++) {
      expect(r.int(-3, 4)).toBe(-3 + Math.floor(ref() * 8));
      expect(r.chance(0.3)).toBe(ref() < 0.3);
      expect(r.pick(['a', 'b', 'c'])).toBe(['a', 'b', 'c'][Math.floor(ref() * 3)]);
    }
  });

  it('normal() is one Box-Muller draw per call: mean 0, sd 1', () => {
    const r = createRng(3);
    const ref = reference(3);
    let sum = 0;
    let sq = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      const u = 1 - ref();
      const v = ref();
      expect(x).toBeCloseTo(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v), 12);
      sum += x;
      sq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.06);
    expect(Math.abs(Math.sqrt(sq / n) - 1)).toBeLessThan(0.05);
  });

  it('shuffle() returns a new permutation and reaches every order of three equally often', () => {
    const r = createRng(11);
    const items = ['a', 'b', 'c'] as const;
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const s = r.shuffle(items);
      expect([...s].sort()).toEqual(['a', 'b', 'c']);
      counts.set(s.join(''), (counts.get(s.join('')) ?? 0) + 1);
    }
    expect(items).toEqual(['a', 'b', 'c']);
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(130);
    expect(r.shuffle([])).toEqual([]);
  });

  it('shuffle() is Fisher-Yates: n-1 draws, element i swapped with floor(u·(i+1))', () => {
    const r = createRng(5);
    const ref = createRng(5);
    const want = [1, 2, 3, 4, 5];
    for (let i = want.length - 1; i > 0; i--) {
      const j = Math.floor(ref.next() * (i + 1));
      [want[i], want[j]] = [want[j], want[i]];
    }
    expect(r.shuffle([1, 2, 3, 4, 5])).toEqual(want);
    // Same number of draws: both generators are at the same point.
    expect(r.next()).toBe(ref.next());
  });
});
