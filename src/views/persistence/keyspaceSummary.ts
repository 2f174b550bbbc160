import type { Json } from '../../sim';

/** How many ranges the Inspector lists before it counts the rest. */
const MAX_RANGES = 12;

/**
 * What a node recorded as its '#keyspace' summary (RedisOptions.keyspaceSummary:
 * a count and compact ranges instead of an item per key), as one line for the
 * Inspector: "2,000 keys: k:1..k:2000". Null when the node keeps no summary.
 */
export function keyspaceSummary(data: Record<string, Json> | undefined): string | null {
  const v = data?.['#keyspace'];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const keys = typeof v.keys === 'number' ? v.keys : 0;
  const ranges = Array.isArray(v.ranges) ? v.ranges.map(String) : [];
  if (keys === 0) return '(empty: no keys)';
  const shown = ranges.slice(0, MAX_RANGES).join(', ');
  const more = ranges.length > MAX_RANGES ? ` and ${ranges.length - MAX_RANGES} more ranges` : '';
  return `${keys.toLocaleString('en')} ${keys === 1 ? 'key' : 'keys'}${shown ? `: ${shown}${more}` : ''}`;
}
