/**
 * The largest of `sortedTimes` (ascending) at or before `tNs`, or -Infinity.
 * A view that only compares event times with the display time can compare
 * them with this instead and get the same answers; as a $derived it changes
 * when an event is crossed, not on every animation frame, so what depends on
 * it is not recomputed while nothing happens.
 */
export function latestAtOrBefore(sortedTimes: readonly number[], tNs: number): number {
  let lo = 0;
  let hi = sortedTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedTimes[mid] <= tNs) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -Infinity : sortedTimes[lo - 1];
}

/** Ascending copy of the finite numbers in `times` (for `latestAtOrBefore`). */
export function sortedTimes(times: Iterable<number | null | undefined>): number[] {
  const out: number[] = [];
  for (const t of times) if (typeof t === 'number' && Number.isFinite(t)) out.push(t);
  return out.sort((a, b) => a - b);
}
