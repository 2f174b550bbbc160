/**
 * memcached's exptime rules (memcached.c realtime, memcached.h
 * EXPTIME_TO_POSITIVE_TIME): 0 = never; up to 30 days = seconds from now;
 * above 30 days = an absolute Unix time; negative = "30 days + 1 s", an
 * absolute time in 1970, so already expired.
 */

/** REALTIME_MAXDELTA: 30 days in seconds. */
export const REALTIME_MAXDELTA = 60 * 60 * 24 * 30;

/** An expiry at or before the process started: always in the past. */
export const EXPIRED_AT_START = Number.MIN_SAFE_INTEGER;

/**
 * An exptime from the wire (already truncated to int32) as an absolute second
 * of the store's clock; 0 = never. `processStarted` is memcached's
 * process_started (the start time minus 62 s), in the same clock. Pure.
 */
export function realtime(exptime: number, now: number, processStarted: number): number {
  const e = exptime < 0 ? REALTIME_MAXDELTA + 1 : exptime;
  if (e === 0) return 0;
  if (e > REALTIME_MAXDELTA) return e <= processStarted ? EXPIRED_AT_START : e;
  return now + e;
}
