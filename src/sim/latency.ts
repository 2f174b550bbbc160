import type { Rng } from './rng';

/** A latency distribution as plain data, in nanoseconds. */
export type LatencySpec =
  | { kind: 'fixed'; ns: number }
  | { kind: 'uniform'; minNs: number; maxNs: number }
  | { kind: 'normal'; meanNs: number; sdNs: number }
  | { kind: 'lognormal'; medianNs: number; sigma: number };

/** A fixed latency. */
export const fixed = (ns: number): LatencySpec => ({ kind: 'fixed', ns: Math.round(ns) });

/**
 * Draws one latency in whole nanoseconds, never negative.
 * A fixed spec draws nothing from the generator, so adding jitter elsewhere
 * does not shift this link's numbers.
 */
export function sampleLatencyNs(spec: LatencySpec, rng: Rng): number {
  switch (spec.kind) {
    case 'fixed':
      return Math.max(0, Math.round(spec.ns));
    case 'uniform':
      return Math.max(0, Math.round(spec.minNs + rng.next() * (spec.maxNs - spec.minNs)));
    case 'normal':
      return Math.max(0, Math.round(spec.meanNs + rng.normal() * spec.sdNs));
    case 'lognormal':
      return Math.max(0, Math.round(spec.medianNs * Math.exp(spec.sigma * rng.normal())));
  }
}
