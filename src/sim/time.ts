/** Simulated time is an integer count of nanoseconds; these convert at the edges. */
export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_SEC = 1_000_000_000;

/** Whole nanoseconds from microseconds (rounded: the model never carries fractions). */
export const usToNs = (us: number): number => Math.round(us * NS_PER_US);
/** Whole nanoseconds from milliseconds. */
export const msToNs = (ms: number): number => Math.round(ms * NS_PER_MS);
/** Whole nanoseconds from seconds. */
export const secToNs = (sec: number): number => Math.round(sec * NS_PER_SEC);
/** Milliseconds (fractional) from nanoseconds. */
export const nsToMs = (ns: number): number => ns / NS_PER_MS;

/**
 * A duration in the unit a person would use: "100 ns", "1.5 µs", "10 ms", "2.0 s", "59 min".
 * Pure; used by the clock, labels and narration.
 */
export function formatDuration(ns: number): string {
  const a = Math.abs(ns);
  const sign = ns < 0 ? '-' : '';
  if (a < NS_PER_US) return `${sign}${Math.round(a)} ns`;
  if (a < NS_PER_MS) return `${sign}${trim(a / NS_PER_US)} µs`;
  if (a < NS_PER_SEC) return `${sign}${trim(a / NS_PER_MS)} ms`;
  if (a < 120 * NS_PER_SEC) return `${sign}${trim(a / NS_PER_SEC)} s`;
  if (a < 120 * 60 * NS_PER_SEC) return `${sign}${trim(a / (60 * NS_PER_SEC))} min`;
  return `${sign}${trim(a / (3600 * NS_PER_SEC))} h`;
}

/** Three significant figures at most, without trailing zeros. */
function trim(x: number): string {
  const s = x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
