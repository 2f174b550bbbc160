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

/** The typical value of a spec (for labels and layout). */
export function typicalNs(spec: LatencySpec): number {
  switch (spec.kind) {
    case 'fixed':
      return spec.ns;
    case 'uniform':
      return (spec.minNs + spec.maxNs) / 2;
    case 'normal':
      return spec.meanNs;
    case 'lognormal':
      return spec.medianNs;
  }
}

/**
 * Normalizes loose input (a number of ns, or a partial spec) into one canonical spec.
 * Invalid input falls back to `fallback`, so the core never guesses.
 */
export function maybeLatency(input: unknown, fallback: LatencySpec): LatencySpec {
  if (typeof input === 'number' && Number.isFinite(input) && input >= 0) return fixed(input);
  if (input === null || typeof input !== 'object') return fallback;
  const o = input as Record<string, unknown>;
  const num = (k: string): number | null =>
    typeof o[k] === 'number' && Number.isFinite(o[k]) && o[k] >= 0 ? o[k] : null;
  switch (o.kind) {
    case 'fixed': {
      const ns = num('ns');
      return ns === null ? fallback : fixed(ns);
    }
    case 'uniform': {
      const lo = num('minNs');
      const hi = num('maxNs');
      return lo === null || hi === null || hi < lo
        ? fallback
        : { kind: 'uniform', minNs: lo, maxNs: hi };
    }
    case 'normal': {
      const m = num('meanNs');
      const sd = num('sdNs');
      return m === null || sd === null ? fallback : { kind: 'normal', meanNs: m, sdNs: sd };
    }
    case 'lognormal': {
      const m = num('medianNs');
      const s = num('sigma');
      return m === null || s === null ? fallback : { kind: 'lognormal', medianNs: m, sigma: s };
    }
    default:
      return fallback;
  }
}
