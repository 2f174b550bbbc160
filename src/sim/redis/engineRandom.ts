import type { Engine } from './engine';

/** One seeded mulberry32 state per keyspace, so SPOP/SRANDMEMBER/ZRANDMEMBER replay identically. */
const states = new WeakMap<Engine, { a: number }>();

/**
 * The keyspace's random source in [0, 1): deterministic (same commands, same
 * picks), never the unseeded global generator, as DESIGN.md requires of src/sim.
 */
export function engineRandom(e: Engine): number {
  let s = states.get(e);
  if (!s) {
    s = { a: 0x5eed };
    states.set(e, s);
  }
  s.a = (s.a + 0x6d2b79f5) >>> 0;
  let t = s.a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A uniform integer in [0, n). */
export function randomIndex(e: Engine, n: number): number {
  return Math.floor(engineRandom(e) * n);
}
